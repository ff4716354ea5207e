package vn.bdg.registry.attendance;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The answer to one scan: what was stored for it, so a resent scan gets exactly the first answer. unknown_session (a session the caller may not scan) is the only outcome not stored.
 */
public record ScanResult(UUID clientScanId, String outcome, CheckIn checkIn, Person participant,
                         FirstCheckIn firstCheckIn, boolean replayed) {

    /** undoneAt: when an organiser undid this attendance (a resent scan's answer says so), else null. */
    public record CheckIn(UUID id, UUID sessionId, UUID participantId, String outcome, String method,
                          OffsetDateTime scannedAt, OffsetDateTime receivedAt, String deviceId,
                          boolean clockSuspect, OffsetDateTime undoneAt) {
    }

    public record Person(UUID id, String fullName, String unitCode) {
    }

    /** The attendance that made a later scan `already_checked_in`: when, and by whom. */
    public record FirstCheckIn(UUID id, OffsetDateTime scannedAt, OffsetDateTime receivedAt, String method,
                               String deviceId, UUID scannedBy, String scannedByName) {
    }

    /**
     * This answer as the phone gets it: a scan by participant id (manual or walk-in: typed, not a
     * card the person holds out) names the person only when they attend the session (accepted, or
     * already checked in), so that an id does not read the name and unit of someone outside the
     * caller's rosters.
     */
    ScanResult forPhone() {
        boolean byId = checkIn != null && !"qr".equals(checkIn.method());
        if (!byId || participant == null || Outcome.ACCEPTED.equals(outcome)
                || Outcome.ALREADY_CHECKED_IN.equals(outcome)) {
            return this;
        }
        return new ScanResult(clientScanId, outcome, checkIn, null, firstCheckIn, replayed);
    }

    static ScanResult unknownSession(UUID clientScanId) {
        return new ScanResult(clientScanId, Outcome.UNKNOWN_SESSION, null, null, null, false);
    }
}
