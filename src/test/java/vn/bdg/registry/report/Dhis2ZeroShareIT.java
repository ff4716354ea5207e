package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A share of 0 in a cell whose breakdown value is not recorded (no woman among the trainees of no
 * recorded ethnicity) is a number of the report like any other: the DHIS2 set must carry it under
 * its combo, or answer 422 naming the unmapped disaggregation; not leave it out in silence as the
 * zeros that only come from crossing a count with "not recorded" are.
 */
class Dhis2ZeroShareIT {
    private final World world = World.create();

    private void twoTrainees() {
        LocalDate day = LocalDate.of(2026, 3, 12);
        UUID course = Fixtures.course(world, world.communeA1, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        // a Kinh woman, and a man whose ethnicity is not recorded: both complete the course
        for (String[] p : new String[][]{{"Nông Thị Hạnh", "female", "01"}, {"Lục Văn Sáng", "male", null}}) {
            UUID id = Fixtures.participant(world, p[0], p[1], world.communeA1, 1990, p[2]);
            Fixtures.enroll(world, course, id);
            Reports.present(world, session, id, day);
        }
    }

    private static final String QUERY = "period=2026-H1&indicators=women_share&by=ethnicMinority";

    @Test
    void aZeroShareOfTheNotRecordedCellIsNamedNotDroppedFromTheSet() {
        twoTrainees();
        JsonNode report = Reports.report(world.reporter, QUERY);
        JsonNode unrecorded = Reports.row(report, "women_share", "ethnicMinority", null);
        assertThat(unrecorded.get("value").decimalValue()).as("0 women of 1 person trained").isEqualByComparingTo("0");
        assertThat(unrecorded.get("denominator").asLong()).isEqualTo(1);

        Api.Res set = world.reporter.get("/api/v1/reports/dhis2/dataValueSets?" + QUERY);
        assertThat(set.status()).as("ethnicMinority=null has no combo: the set would lack the report's 0 — "
                + set.body()).isEqualTo(422);
        assertThat(set.json().get("detail").asText()).contains("ethnicMinority=null");
    }

    @Test
    void aZeroShareUnderAConfiguredComboIsSentAsTheJsonHasIt() {
        twoTrainees();
        var dsl = TestServer.get().database.dsl();
        dsl.execute("insert into dhis2_category_option_combo (indicator_code, disaggregation, code)"
                + " values ('women_share', 'ethnicMinority=null', 'BDG_ETHNICITY_NOT_RECORDED')");
        try {
            Api.Res set = world.reporter.get("/api/v1/reports/dhis2/dataValueSets?" + QUERY);
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            List<String> values = new ArrayList<>();
            set.json().get("dataValues").forEach(v -> values.add(v.get("categoryOptionCombo").asText() + "="
                    + v.get("value").asText()));
            // the JSON: ethnicMinority=false 1 (1/1), ethnicMinority=null 0 (0/1), true: no value (0/0)
            assertThat(values).containsExactlyInAnyOrder("BDG_ETHNIC_MAJORITY=1", "BDG_ETHNICITY_NOT_RECORDED=0");
        } finally {
            dsl.execute("delete from dhis2_category_option_combo where indicator_code = 'women_share'"
                    + " and disaggregation = 'ethnicMinority=null'");
        }
    }
}
