package vn.bdg.registry.enrollment;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A user account assigned to a course as a trainer. */
public record CourseTrainer(UUID userId, String username, String fullName, OffsetDateTime assignedAt) {
}
