package vn.bdg.registry.course;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A course as the API shows it (the Course schema of the contract). */
public record Course(UUID id, String code, String title, String kind, List<String> topics,
                     List<String> targetGroups, String level, UUID organizerId, List<UUID> coOrganizerIds,
                     String unitCode, String venue, LocalDate startDate, LocalDate endDate, Double plannedHours,
                     Integer capacity, String fundingSource, Long fundingAmount, CompletionRule completionRule,
                     PlanReference planReference, CourseStatus status, int enrolledCount,
                     OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** Share of the sessions a participant must attend to complete the course. */
    public record CompletionRule(Double minAttendanceShare) {
    }

    /** The plan document (kế hoạch) the course implements, e.g. 58/KH-UBND of 17/04/2017. */
    public record PlanReference(String number, LocalDate date) {
    }

    /** Whether the date falls within the course dates. */
    public boolean covers(LocalDate date) {
        return !date.isBefore(startDate) && !date.isAfter(endDate);
    }
}
