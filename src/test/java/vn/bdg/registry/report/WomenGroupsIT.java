package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.report.Reports.report;
import static vn.bdg.registry.report.Reports.value;

/**
 * The indicators of the groups of women (women council delegates, women cadres in the planning
 * pipeline) count women: a man a registrar entered in such a group by mistake is not one of the
 * "women trained", nor in the coverage's denominator, nor among the records behind their cells.
 */
class WomenGroupsIT {
    private final World world = World.create();

    @Test
    void aManEnteredInAGroupOfWomenIsNotCountedAmongTheWomenTrained() {
        UUID woman = Fixtures.participant(world, "Hoàng Thị Dung", "female", world.communeA1, 1984, "01",
                "women_council_delegates", "women_cadres_pipeline");
        UUID man = Fixtures.participant(world, "Hoàng Văn Dũng", "male", world.communeA1, 1983, "01",
                "women_council_delegates", "women_cadres_pipeline");
        LocalDate day = LocalDate.of(2026, 5, 12);
        UUID course = Fixtures.course(world, world.communeA1, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        for (UUID person : new UUID[]{woman, man}) {
            Fixtures.enroll(world, course, person);
            Reports.present(world, session, person, day);
        }

        JsonNode report = report(world.reporter, "period=2026");
        assertThat(value(report, "women_council_delegates_trained", "level", "commune")).isEqualByComparingTo("1");
        assertThat(value(report, "women_cadres_pipeline_trained", "level", "commune")).isEqualByComparingTo("1");
        JsonNode coverage = Reports.row(report, "women_cadres_pipeline_coverage", "level", "commune");
        assertThat(coverage.get("denominator").asInt()).as("registered women of the group").isEqualTo(1);
        assertThat(coverage.get("numerator").asInt()).isEqualTo(1);
        assertThat(value(report, "persons_trained")).as("he was trained all the same").isEqualByComparingTo("2");

        for (String indicator : new String[]{"women_council_delegates_trained", "women_cadres_pipeline_coverage"}) {
            JsonNode records = world.reporter.get("/api/v1/reports/indicators/" + indicator
                    + "/records?period=2026&level=commune").json();
            assertThat(records.get("items")).as(indicator).extracting(r -> r.get("participantId").asText())
                    .containsExactly(woman.toString());
        }
        assertThat(Reports.row(report, "women_council_delegates_trained", "level", "commune").get("definition").asText())
                .as("the definition shown with the number").startsWith("Số phụ nữ khác nhau").contains("không được tính");

        // the compiler is told, so that the group or the sex can be put right
        JsonNode flags = world.reporter.inLanguage("en").get("/api/v1/reports/flags?period=2026").json().get("items");
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0).get("kind").asText()).isEqualTo("not_women_in_women_groups");
        assertThat(flags.get(0).get("count").asInt()).isEqualTo(1);
        assertThat(flags.get(0).get("courses").get(0).get("id").asText()).isEqualTo(course.toString());
        assertThat(flags.get(0).get("message").asText()).startsWith("1 trainee of ").contains("not recorded as a woman");
    }

    @Test
    void noFlagForWomenInTheirGroupsNorForMenInOtherGroups() {
        // a province's own count of the women of a mixed group does not make the group's men a flag
        var dsl = TestServer.get().database.dsl();
        dsl.execute("insert into indicator (code, label_vi, label_en, definition_vi, definition_en, unit, counts,"
                + " subject, filter_sex, filter_target_groups, sort_order) values ('x_women_collaborators', 'Số nữ"
                + " cộng tác viên', 'Women collaborators', 'Nữ', 'Women', 'count', 'completed', 'person', 'female',"
                + " '{commune_collaborators}', 1000)");
        try {
            menInOtherGroupsAreNotFlagged();
        } finally {
            dsl.execute("delete from indicator where code = 'x_women_collaborators'");
        }
    }

    private void menInOtherGroupsAreNotFlagged() {
        UUID woman = Fixtures.participant(world, "Lường Thị Hiền", "female", world.communeA1, 1990, "01",
                "women_council_delegates");
        UUID man = Fixtures.participant(world, "Lường Văn Hải", "male", world.communeA1, 1988, "01",
                "commune_collaborators", "women_council_delegates");
        LocalDate day = LocalDate.of(2026, 6, 2);
        UUID course = Fixtures.course(world, world.communeA1, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        Fixtures.enroll(world, course, woman);
        Fixtures.enroll(world, course, man, "commune_collaborators"); // enrolled as a collaborator: that group counts
        Reports.present(world, session, woman, day);
        Reports.present(world, session, man, day);

        assertThat(world.reporter.get("/api/v1/reports/flags?period=2026").json().get("items")).isEmpty();
        JsonNode report = report(world.reporter, "period=2026");
        assertThat(value(report, "women_council_delegates_trained", "level", "commune")).isEqualByComparingTo("1");
        assertThat(value(report, "commune_collaborators_trained", "level", "commune")).isEqualByComparingTo("1");
    }
}
