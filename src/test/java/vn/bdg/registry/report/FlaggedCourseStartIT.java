package vn.bdg.registry.report;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.report.PlanEntryIT.activity;
import static vn.bdg.registry.report.PlanEntryIT.plan;

/**
 * A course a change of the cut-off has put in another year than its plan's (flagged
 * plan_of_another_year) may still be moved within the year it is in: only a move into a year that
 * is neither its plan's nor its own is refused.
 */
class FlaggedCourseStartIT {
    private final World world = World.create();

    @Test
    void aCourseAlreadyOutsideItsPlansYearCanBePostponedWithinTheYearItIsIn() {
        Api.Res created = world.admin.post("/api/v1/plans", plan("5/KH-UBND", "2026-01-08", 2026,
                List.of(activity("gender_knowledge", "ge_officials", "district", 1, 40, null))));
        String activity = created.json().get("activities").get(0).get("id").asText();
        UUID december = Fixtures.course(world, world.communeA1, "open", LocalDate.of(2026, 12, 20),
                LocalDate.of(2026, 12, 21));
        assertThat(world.organizer.put("/api/v1/courses/" + december + "/plan-activity", Map.of("activityId", activity))
                .status()).isEqualTo(200);
        assertThat(world.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", "12-15")).status()).isEqualTo(200);

        Api.Res postponed = world.organizer.patch("/api/v1/courses/" + december,
                Map.of("startDate", "2026-12-21", "endDate", "2026-12-22"));
        assertThat(postponed.status()).as(postponed.body()).isEqualTo(200);
    }
}
