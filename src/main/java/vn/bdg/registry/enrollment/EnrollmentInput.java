package vn.bdg.registry.enrollment;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One enrollment as a client asks for it (EnrollmentCreate). */
public record EnrollmentInput(UUID participantId, String role, String targetGroup) {
    /** The default role, and the only one a course's capacity counts. */
    public static final String TRAINEE = "trainee";
    public static final Set<String> ROLES = Set.of(TRAINEE, "trainer", "observer");

    /** Many at once (EnrollmentBatchCreate). */
    public record Batch(List<EnrollmentInput> items) {
    }

    public String roleOrDefault() {
        return role == null ? TRAINEE : role;
    }
}
