package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;
import vn.bdg.registry.unit.AdminUnit;
import vn.bdg.registry.unit.UnitRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commune's report submitted with mapSuccessors=true while the commune was current, and the
 * commune merged into a new one afterwards (the 2025 reorganisation): the submission is what it
 * is, and its diff still says what differs today: nothing, as the commune's own records count
 * in a report of it whatever took it over since.
 */
class SubmissionOfMergedUnitIT {
    private final World world = World.create();

    @Test
    void theDiffOfASubmissionOfAUnitMergedSinceStillAnswers() {
        LocalDate day = LocalDate.of(2026, 3, 12);
        Reports.oneWomanTrained(world, world.communeA1, day, "Hà Thị Lan");

        Api.Res submitted = world.reporter.post("/api/v1/reports/submissions", Map.of("period", "2026-H1",
                "unit", world.communeA1, "mapSuccessors", true, "indicators", List.of("attendances")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String id = submitted.json().get("id").asText();

        // commune A1 merged on 1 July 2026 into a new commune of the same district
        String merged = world.districtA + "9";
        new UnitRepository(TestServer.get().database.dsl()).upsertAll(List.of(
                new AdminUnit(merged, "Xã Hợp Nhất", "commune", world.districtA, LocalDate.of(2026, 7, 1), null, null),
                new AdminUnit(world.communeA1, "Xã Nam Mẫu", "commune", world.districtA, null,
                        LocalDate.of(2026, 6, 30), merged)));

        JsonNode frozen = world.reporter.get("/api/v1/reports/submissions/" + id).json();
        assertThat(frozen.get("report").get("rows").get(0).get("value").asInt()).isEqualTo(1);
        Api.Res diff = world.reporter.get("/api/v1/reports/submissions/" + id + "/diff");
        assertThat(diff.status()).as("the diff of a frozen submission: " + diff.body()).isEqualTo(200);
        assertThat(diff.json().get("changes")).as(diff.body()).isEmpty();
    }
}
