package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue is data: an indicator added as a row may be taken out again. A submission of only
 * such indicators then has no indicator known today; its diff has no numbers of them today, and
 * must not take the empty list for "the whole catalogue" and list other indicators' numbers as
 * changes of a report that never had them.
 */
class SubmissionOfRetiredIndicatorIT {
    private final World world = World.create();

    @Test
    void theDiffOfASubmissionWhoseIndicatorsAreAllGoneListsNoOtherIndicators() {
        LocalDate day = LocalDate.of(2026, 3, 12);
        Reports.oneWomanTrained(world, world.communeA1, day, "Hà Thị Lan");

        String code = "tmp_attendances_w" + world.province;
        var dsl = TestServer.get().database.dsl();
        dsl.execute("insert into indicator (code, label_vi, label_en, definition_vi, definition_en, unit, counts, subject,"
                + " sort_order) values (?, 'Lượt người (thử)', 'Attendances (trial)', 'Thử', 'Trial', 'count', 'attended',"
                + " 'person_time', 9999)", code);
        String id;
        try {
            Api.Res submitted = world.reporter.post("/api/v1/reports/submissions",
                    Map.of("period", "2026-H1", "indicators", List.of(code)));
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
            id = submitted.json().get("id").asText();
        } finally {
            dsl.execute("delete from indicator where code = ?", code);
        }
        Api.Res diff = world.reporter.get("/api/v1/reports/submissions/" + id + "/diff");
        assertThat(diff.status()).as(diff.body()).isEqualTo(200);
        JsonNode changes = diff.json().get("changes");
        changes.forEach(c -> assertThat(c.get("indicator").asText())
                .as("only the submitted indicator can have changed: " + changes).isEqualTo(code));
    }
}
