package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.math.BigDecimal;
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

    @Test
    void ethnicMinorityIsMappedAloneAndWithLevelAndSex() {
        LocalDate day = LocalDate.of(2026, 3, 10);
        UUID course = Fixtures.course(world, world.communeA1, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        // Tày (02), a minority, and Kinh (01), the majority
        for (String[] p : new String[][]{{"Nông Thị Mai", "female", "02"}, {"Trần Văn Bình", "male", "01"}}) {
            UUID id = Fixtures.participant(world, p[0], p[1], world.communeA1, 1985, p[2], "women_council_delegates");
            Fixtures.enroll(world, course, id);
            Reports.present(world, session, id, day);
        }
        Api.Res all = world.reporter.get("/api/v1/reports/dhis2/dataValueSets?period=2026&by=ethnicMinority");
        assertThat(all.status()).as("every indicator, those always by level too: " + all.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        all.json().get("dataValues").forEach(v -> keys.add(v.get("dataElement").asText() + "/"
                + v.get("categoryOptionCombo").asText() + "=" + v.get("value").asText()));
        assertThat(keys).contains("BDG_ATTENDANCES/BDG_ETHNIC_MINORITY=1", "BDG_ATTENDANCES/BDG_ETHNIC_MAJORITY=1",
                "BDG_WOMEN_DELEGATES_TRAINED/BDG_ETHNIC_MINORITY_LEVEL_COMMUNE=1");

        Api.Res bySex = world.reporter.get("/api/v1/reports/dhis2/dataValueSets?period=2026&by=ethnicMinority,sex"
                + "&indicators=attendances,women_council_delegates_trained");
        assertThat(bySex.status()).as(bySex.body()).isEqualTo(200);
        List<String> crossed = new ArrayList<>();
        bySex.json().get("dataValues").forEach(v -> crossed.add(v.get("dataElement").asText() + "/"
                + v.get("categoryOptionCombo").asText() + "=" + v.get("value").asText()));
        assertThat(crossed).contains("BDG_ATTENDANCES/BDG_ETHNIC_MINORITY_FEMALE=1",
                "BDG_ATTENDANCES/BDG_ETHNIC_MAJORITY_MALE=1", "BDG_ATTENDANCES/BDG_ETHNIC_MINORITY_MALE=0",
                "BDG_WOMEN_DELEGATES_TRAINED/BDG_ETHNIC_MINORITY_LEVEL_COMMUNE_FEMALE=1");
    }

    @Test
    void yearsFromAprilJulyOrOctoberAreSentAsDhis2sFinancialAndSixMonthlyAprilPeriods() {
        Map<String, Map<String, String>> expected = Map.of(
                "04-01", Map.of("2026", "2026April", "2026-H1", "2026AprilS1", "2026-H2", "2026AprilS2"),
                "07-01", Map.of("2026", "2025July", "2026-H1", "2025S2", "2026-H2", "2026S1"),
                "10-01", Map.of("2026", "2025Oct", "2026-H1", "2025AprilS2", "2026-H2", "2026AprilS1"));
        expected.forEach((cutOff, periods) -> {
            assertThat(world.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", cutOff)).status()).isEqualTo(200);
            // each answer is checked against the contract, its period pattern included
            periods.forEach((period, dhis2) -> assertThat(world.reporter
                    .get("/api/v1/reports/dhis2/dataValueSets?indicators=attendances&period=" + period).json()
                    .get("dataValues").get(0).get("period").asText()).as(cutOff + " " + period).isEqualTo(dhis2));
        });
    }

    @Test
    void aNumberWhoseBreakdownValueIsNotRecordedIsSentUnderItsComboOrNamedButNeverLeftOut() {
        LocalDate day = LocalDate.of(2026, 3, 12);
        UUID course = Fixtures.course(world, world.communeA1, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        for (Object[] p : new Object[][]{{"Nông Thị Hạnh", world.communeA1, "02"}, {"Đàm Thị Xuân", world.communeA2, "01"},
                {"Sầm Thị Nhung", world.communeA1, null}, {"Hà Thị Vân", null, "02"}}) {
            UUID id = Fixtures.participant(world, (String) p[0], "female", (String) p[1], 1990, (String) p[2]);
            Fixtures.enroll(world, course, id);
            Reports.present(world, session, id, day);
        }
        String query = "period=2026-H1&indicators=attendances&by=";
        JsonNode report = Reports.report(world.reporter, query + "ethnicMinority");
        assertThat(Reports.value(report, "attendances", "ethnicMinority", null)).isEqualByComparingTo("1");

        // Sầm Thị Nhung has no ethnicity recorded: her attendance is named, not dropped from the set
        Api.Res unmapped = world.reporter.get("/api/v1/reports/dhis2/dataValueSets?" + query + "ethnicMinority");
        assertThat(unmapped.status()).as(unmapped.body()).isEqualTo(422);
        assertThat(unmapped.json().get("code").asText()).isEqualTo("no_dhis2_mapping");
        assertThat(unmapped.json().get("detail").asText()).contains("ethnicMinority=null");
        Api.Res crossed = world.reporter.get("/api/v1/reports/dhis2/dataValueSets?" + query + "ethnicMinority,sex");
        assertThat(crossed.json().get("detail").asText()).contains("ethnicMinority=null;sex=female")
                .as("a zero crossed with not recorded holds no number to lose").doesNotContain("ethnicMinority=null;sex=male");
        // Hà Thị Vân has no unit: DHIS2 has no orgUnit for her row, and her level is not recorded either
        Api.Res byUnit = world.reporter.get("/api/v1/reports/dhis2/dataValueSets?" + query + "unit");
        assertThat(byUnit.status()).as(byUnit.body()).isEqualTo(422);
        assertThat(byUnit.json().get("detail").asText()).contains("unitCode=null");
        Api.Res byLevel = world.reporter.get("/api/v1/reports/dhis2/dataValueSets?" + query + "level");
        assertThat(byLevel.status()).as(byLevel.body()).isEqualTo(422);
        assertThat(byLevel.json().get("detail").asText()).contains("level=null");

        // a combo configured for "not recorded" takes the number: the set adds up to the report
        var dsl = TestServer.get().database.dsl();
        dsl.execute("insert into dhis2_category_option_combo (indicator_code, disaggregation, code)"
                + " values ('attendances', 'ethnicMinority=null', 'BDG_ETHNICITY_NOT_RECORDED')");
        try {
            JsonNode set = world.reporter.get("/api/v1/reports/dhis2/dataValueSets?" + query + "ethnicMinority").json();
            List<String> values = new ArrayList<>();
            BigDecimal sent = BigDecimal.ZERO;
            for (JsonNode v : set.get("dataValues")) {
                values.add(v.get("categoryOptionCombo").asText() + "=" + v.get("value").asText());
                sent = sent.add(new BigDecimal(v.get("value").asText()));
            }
            assertThat(values).containsExactlyInAnyOrder("BDG_ETHNIC_MINORITY=2", "BDG_ETHNIC_MAJORITY=1",
                    "BDG_ETHNICITY_NOT_RECORDED=1");
            assertThat(sent).isEqualByComparingTo(Reports.value(Reports.report(world.reporter, "period=2026-H1&indicators=attendances"),
                    "attendances"));
        } finally {
            dsl.execute("delete from dhis2_category_option_combo where disaggregation = 'ethnicMinority=null'");
        }
    }
}
