package vn.bdg.registry.enrollment;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A participant's enrollment in a course as the API shows it, with who the participant is. unitCode:
 * the trainee's unit for this course, which reports count them in (the participant's, kept once the
 * course has ended; see ParticipantRepository.enrollmentsFollowUnit).
 */
public record Enrollment(UUID id, UUID courseId, UUID participantId, String role, String targetGroup,
                         String unitCode, String status,
                         OffsetDateTime enrolledAt, OffsetDateTime withdrawnAt, String withdrawalReason,
                         ParticipantSummary participant) {

    public static final String ENROLLED = "enrolled";
    public static final String WITHDRAWN = "withdrawn";

    /** Enough to recognise the person on a roster. */
    public record ParticipantSummary(UUID id, String fullName, String sex, String unitCode) {
    }

    public boolean enrolled() {
        return ENROLLED.equals(status);
    }

    /** The enrollment without the reason of a withdrawal, which may tell of health or family matters. */
    public Enrollment withoutReason() {
        return new Enrollment(id, courseId, participantId, role, targetGroup, unitCode, status, enrolledAt, withdrawnAt,
                null, participant);
    }
}
