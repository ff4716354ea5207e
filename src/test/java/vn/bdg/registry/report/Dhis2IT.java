package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The report as a DHIS2 data value set: data elements, DHIS2 periods, org units and category option combos. */
class Dhis2IT {
    private final World world = World.create();

    @Test
    void theDataValueSetCarriesTheReportsNumbersKeyedTheWayDhis2ImportsThem() {
        LocalDate day = LocalDate.of(2026, 8, 18);
        UUID course = Fixtures.course(world, world.communeB1, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        for (String[] p : new String[][]{{"Hứa Thị Lý", "female", world.communeA1}, {"Mạc Văn Tư", "male", world.communeB1},
                {"Lộc Thị Yến", "female", world.communeB2}}) {
            UUID id = Fixtures.participant(world, p[0], p[1], p[2]);
            Fixtures.enroll(world, course, id);
            Reports.present(world, session, id, day);
        }

        JsonNode set = world.reporter.get("/api/v1/reports/dhis2/dataValueSets?period=2026-H2&by=sex").json();
        List<String> keys = new ArrayList<>();
        set.get("dataValues").forEach(v -> {
            assertThat(v.get("period").asText()).isEqualTo("2026S2");
            assertThat(v.get("orgUnit").asText()).isEqualTo(world.province);
            keys.add(v.get("dataElement").asText() + "/" + v.get("categoryOptionCombo").asText() + "=" + v.get("value").asText());
        });
        assertThat(keys).contains("BDG_ATTENDANCES/BDG_FEMALE=2", "BDG_ATTENDANCES/BDG_MALE=1",
                "BDG_PERSONS_TRAINED/BDG_FEMALE=2", "BDG_COURSES_HELD/default=1", "BDG_WOMEN_SHARE/default=0.6667",
                "BDG_WOMEN_DELEGATES_TRAINED/BDG_LEVEL_COMMUNE_FEMALE=0");
        assertThat(keys).noneMatch(k -> k.startsWith("BDG_COVERAGE/")).as("a share of no one registered has no value");

        JsonNode byUnit = world.reporter.get("/api/v1/reports/dhis2/dataValueSets?period=2026&by=unit&indicators=attendances")
                .json();
        List<String> units = new ArrayList<>();
        byUnit.get("dataValues").forEach(v -> units.add(v.get("orgUnit").asText() + "=" + v.get("value").asText()
                + "/" + v.get("period").asText() + "/" + v.get("categoryOptionCombo").asText()));
        assertThat(units).containsExactly(world.province + "=0/2026/default", world.districtA + "=1/2026/default",
                world.districtB + "=2/2026/default");

        // a breakdown the catalogue maps to no category option combo: said, not left out in silence
        Api.Res byGroup = world.reporter.withHeader("Accept-Language", "en")
                .get("/api/v1/reports/dhis2/dataValueSets?period=2026&by=targetGroup");
        assertThat(byGroup.status()).as(byGroup.body()).isEqualTo(422);
        assertThat(byGroup.json().get("code").asText()).isEqualTo("no_dhis2_mapping");
        assertThat(byGroup.json().get("detail").asText()).contains("targetGroup=");

        assertThat(world.reporter.get("/api/v1/reports/dhis2/dataValueSets?from=2026-01-01&to=2026-03-31").status())
                .as("DHIS2 has no period for a date range").isEqualTo(400);
        assertThat(world.reporter.get("/api/v1/reports/dhis2/dataValueSets?period=2026-Q3&indicators=attendances").json()
                .get("dataValues").get(0).get("period").asText()).isEqualTo("2026Q3");

        // years from 15 December: DHIS2 has no such year or half-year, and would read "2026S1" as
        // January to June; quarters stay calendar quarters
        assertThat(world.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", "12-15")).status())
                .isEqualTo(200);
        Api.Res half = world.reporter.get("/api/v1/reports/dhis2/dataValueSets?period=2026-H1");
        assertThat(half.status()).as(half.body()).isEqualTo(400);
        assertThat(half.json().get("errors").get(0).get("code").asText()).isEqualTo("no_dhis2_period");
        assertThat(world.reporter.get("/api/v1/reports/dhis2/dataValueSets?period=2026-Q3&indicators=attendances")
                .status()).isEqualTo(200);
    }
}
