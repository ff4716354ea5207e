package vn.bdg.registry.attendance;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The answer to one scan: what was stored for it, so a resent scan gets exactly the first answer. unknown_session (a session the caller may not scan) is the only outcome not stored.
 */
public record ScanResult(UUID clientScanId, String outcome, CheckIn checkIn, Person participant,
                         FirstCheckIn firstCheckIn, boolean replayed) {

    public record CheckIn(UUID id, UUID sessionId, UUID participantId, String outcome, String method,
                          OffsetDateTime scannedAt, OffsetDateTime receivedAt, String deviceId,
                          boolean clockSuspect) {
    }

    public record Person(UUID id, String fullName, String unitCode) {
    }

    /** The attendance that made a later scan `already_checked_in`: when, and by whom. */
    public record FirstCheckIn(UUID id, OffsetDateTime scannedAt, OffsetDateTime receivedAt, String method,
                               String deviceId, UUID scannedBy, String scannedByName) {
    }

    static ScanResult unknownSession(UUID clientScanId) {
        return new ScanResult(clientScanId, Outcome.UNKNOWN_SESSION, null, null, null, false);
    }
}
