package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a number means is data (the indicator table), and it has been changed after reports were
 * submitted (V23: the groups of women count women only). A submission keeps the definition it was
 * made with; its diff must say that today's numbers are of another definition, or a compiler takes
 * the cells it moved for records corrected since.
 */
class SubmissionDefinitionChangeIT {
    private final World world = World.create();

    @Test
    void aDefinitionChangedSinceTheSubmissionIsSaidBesideTheNumbersItMoved() {
        LocalDate day = LocalDate.of(2026, 3, 12);
        UUID course = Fixtures.course(world, world.communeA1, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        for (String[] p : new String[][]{{"Hà Thị Lan", "female"}, {"Lục Văn Tâm", "male"}}) {
            UUID id = Fixtures.participant(world, p[0], p[1], world.communeA1);
            Fixtures.enroll(world, course, id);
            Reports.present(world, session, id, day);
        }
        String code = "tmp_attendances_d" + world.province;
        var dsl = TestServer.get().database.dsl();
        dsl.execute("insert into indicator (code, label_vi, label_en, definition_vi, definition_en, unit, counts, subject,"
                + " sort_order) values (?, 'Lượt người (thử)', 'Attendances (trial)', 'Mọi học viên có mặt.',"
                + " 'Every trainee present.', 'count', 'attended', 'person_time', 9999)", code);
        try {
            Api.Res submitted = world.reporter.post("/api/v1/reports/submissions",
                    Map.of("period", "2026-H1", "indicators", List.of(code, "attendances")));
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
            String id = submitted.json().get("id").asText();

            // the catalogue is amended as V23 amended it: women only, and the definition says so
            dsl.execute("update indicator set filter_sex = 'female', definition_vi = 'Chỉ học viên nữ có mặt.',"
                    + " definition_en = 'Women trainees present only.' where code = ?", code);

            JsonNode diff = world.reporter.get("/api/v1/reports/submissions/" + id + "/diff").json();
            assertThat(diff.get("changes")).as(diff.toString()).hasSize(1);
            assertThat(diff.get("changes").get(0).get("indicator").asText()).isEqualTo(code);
            assertThat(diff.get("changes").get(0).get("submitted").get("value").asInt()).isEqualTo(2);
            assertThat(diff.get("changes").get(0).get("current").get("value").asInt()).isEqualTo(1);

            JsonNode definitions = diff.get("definitionChanges");
            assertThat(definitions).as(diff.toString()).isNotNull().hasSize(1);
            JsonNode changed = definitions.get(0);
            assertThat(changed.get("indicator").asText()).isEqualTo(code);
            assertThat(changed.get("submitted").get("definition").asText()).isEqualTo("Mọi học viên có mặt.");
            assertThat(changed.get("current").get("definition").asText()).isEqualTo("Chỉ học viên nữ có mặt.");
        } finally {
            dsl.execute("delete from indicator where code = ?", code);
        }
    }
}
