package vn.bdg.registry.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A province's annual plan (kế hoạch năm) and its activities with the planned numbers. */
record Plan(UUID id, String number, LocalDate issuedOn, int year, String title, List<Activity> activities,
            OffsetDateTime createdAt) {

    /** One activity of a plan; the courses linked to it are what was held under it. */
    record Activity(UUID id, int position, String description, String topic, String targetGroup, String level,
                    int plannedCourses, int plannedParticipants, Long budget, int linkedCourses) {
    }
}
