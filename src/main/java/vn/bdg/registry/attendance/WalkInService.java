package vn.bdg.registry.attendance;

import org.jooq.DSLContext;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.enrollment.EnrollmentInput;
import vn.bdg.registry.enrollment.EnrollmentService;
import vn.bdg.registry.participant.Participant;
import vn.bdg.registry.participant.ParticipantInput;
import vn.bdg.registry.participant.ParticipantRegistry;
import vn.bdg.registry.web.ApiException;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Someone uninvited at a session (the commune sent another person): find them in the registry by
 * the duplicate rules or register them, enrol them in the course, and check them in — in that
 * order, only while the session is open, and in one transaction, so a refused walk-in (the course
 * is full, say) creates nobody.
 */
public final class WalkInService {
    /** The person (found or new), how they were found, and their check-in. */
    public record WalkIn(ScanResult.Person participant, String matchedBy, boolean newlyEnrolled, ScanResult checkIn) {
    }

    private final DSLContext dsl;
    private final CheckInService checkIns;
    private final AttendanceService attendance;
    private final ParticipantRegistry participants;
    private final EnrollmentService enrollments;
    private final Duration clockTolerance;

    public WalkInService(DSLContext dsl, CheckInService checkIns, AttendanceService attendance,
                         ParticipantRegistry participants, EnrollmentService enrollments, Duration clockTolerance) {
        this.dsl = dsl;
        this.checkIns = checkIns;
        this.attendance = attendance;
        this.participants = participants;
        this.enrollments = enrollments;
        this.clockTolerance = clockTolerance;
    }

    /**
     * sentAt: the phone's clock when it sent the walk-in (one queued offline is sent later), which
     * corrects scannedAt for a phone clock that is off, as for a batch of scans; arrivedAt: when
     * the request came in, which sentAt is compared with.
     */
    public WalkIn walkIn(Caller caller, UUID courseId, UUID sessionId, UUID clientScanId, OffsetDateTime scannedAt,
                         OffsetDateTime sentAt, OffsetDateTime arrivedAt, String deviceId, ParticipantInput details,
                         String targetGroup) {
        SessionContext session = attendance.scannable(caller, sessionId);
        if (!session.courseId().equals(courseId)) {
            throw ApiException.notFound();
        }
        // One transaction, which the three steps join: it commits only if all three succeed.
        return dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            // A resent walk-in (the phone did not get the answer) answers as the first did, also
            // when sent again while the first is still being stored: it waits for it.
            CheckInService scans = checkIns.within(tx);
            scans.holdScanId(clientScanId);
            List<ScanResult> earlier = scans.stored(caller, List.of(clientScanId));
            if (!earlier.isEmpty()) {
                ScanResult first = earlier.get(0);
                return new WalkIn(first.participant(), null, false, first);
            }
            OffsetDateTime receivedAt = OffsetDateTime.now();
            OffsetDateTime judgedAt = CheckInService.noLaterThanReceipt(CheckInService.judgedAt(scannedAt,
                    CheckInService.skew(sentAt, arrivedAt)), receivedAt, clockTolerance);
            if (!session.accepts(judgedAt, clockTolerance)) {
                throw ApiException.conflict("session_not_open");
            }
            ParticipantRegistry.Registered registered;
            try {
                registered = participants.findOrRegister(tx, caller, details);
            } catch (ApiException e) {
                throw e.within("participant"); // its fields, named as in the walk-in's body
            }
            Participant person = registered.participant();
            boolean enrolled = false;
            try {
                enrollments.within(tx).enroll(caller, courseId,
                        List.of(new EnrollmentInput(person.id(), EnrollmentInput.TRAINEE, targetGroup)), false);
                enrolled = true;
            } catch (ApiException e) {
                // on the list already: nothing to enroll, also once the course is closed (a walk-in
                // queued offline and sent after completion is checked in like any late upload)
                boolean onTheList = "already_enrolled".equals(e.code())
                        || "course_closed".equals(e.code()) && attendance.within(tx).isEnrolled(courseId, person.id());
                if (!onTheList) {
                    throw e;
                }
            }
            ScanResult checkIn = scans.checkIn(caller,
                    new Scan(sessionId, clientScanId, null, person.id(), "walk_in", scannedAt, deviceId), sentAt,
                    arrivedAt);
            return new WalkIn(new ScanResult.Person(person.id(), person.fullName(), person.unitCode()),
                    registered.matchedBy(), enrolled, checkIn);
        });
    }
}
