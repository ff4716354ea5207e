package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.report.Reports.report;
import static vn.bdg.registry.report.Reports.value;

/** Years, half-years (with the province's cut-off), quarters, date ranges and the Action Month. */
class PeriodsIT {
    /**
     * Last year: attendance is only taken at sessions that have opened (a scan dated later is
     * judged as received), so the courses these tests hold must all lie in the past.
     */
    private static final int Y = LocalDate.now(Fixtures.VIETNAM).getYear() - 1;
    private final World world = World.create();

    /** A one-day course on that day with one trainee present. */
    private void heldOn(LocalDate day) {
        UUID course = Fixtures.course(world, world.communeA1, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        UUID person = Fixtures.participant(world, "Học viên " + day, "female", world.communeA1);
        Fixtures.enroll(world, course, person);
        Reports.present(world, session, person, day);
    }

    private String held(String period) {
        JsonNode report = report(world.reporter, "indicators=courses_held&period=" + period);
        return report.get("from").asText() + ".." + report.get("to").asText() + ":"
                + value(report, "courses_held").toPlainString();
    }

    @Test
    void halfYearsAndYearsFollowTheProvincesCutOffOf15December() {
        for (LocalDate day : new LocalDate[]{LocalDate.of(Y - 1, 12, 14), LocalDate.of(Y - 1, 12, 15),
                LocalDate.of(Y, 6, 14), LocalDate.of(Y, 6, 15), LocalDate.of(Y, 12, 14), LocalDate.of(Y, 12, 15)}) {
            heldOn(day);
        }
        assertThat(held(Y + "-H1")).as("calendar halves by default").isEqualTo(Y + "-01-01.." + Y + "-06-30:2");
        assertThat(held("" + Y)).isEqualTo(Y + "-01-01.." + Y + "-12-31:4");

        assertThat(world.reporter.put("/api/v1/reports/settings", Map.of("halfYearStart", "12-15")).status())
                .isEqualTo(403);
        Api.Res saved = world.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", "12-15"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(world.reporter.get("/api/v1/reports/settings").json().get("halfYearStart").asText()).isEqualTo("12-15");

        assertThat(held(Y + "-H1")).isEqualTo((Y - 1) + "-12-15.." + Y + "-06-14:2");
        assertThat(held(Y + "-H2")).isEqualTo(Y + "-06-15.." + Y + "-12-14:2");
        assertThat(held("" + Y)).isEqualTo((Y - 1) + "-12-15.." + Y + "-12-14:4");
        assertThat(held((Y + 1) + "-H1")).isEqualTo(Y + "-12-15.." + (Y + 1) + "-06-14:1");
        assertThat(held(Y + "-Q4")).as("quarters stay calendar quarters").isEqualTo(Y + "-10-01.." + Y + "-12-31:2");
        assertThat(World.create().reporter.get("/api/v1/reports/settings").json().get("halfYearStart").asText())
                .as("another province keeps calendar halves").isEqualTo("01-01");
    }

    @Test
    void dateRangesAndTheirMistakes() {
        heldOn(LocalDate.of(2026, 3, 1));
        heldOn(LocalDate.of(2026, 3, 31));
        JsonNode march = report(world.reporter, "indicators=courses_held&from=2026-03-01&to=2026-03-30");
        assertThat(march.get("period").isNull()).isTrue();
        assertThat(Reports.row(march, "courses_held").get("period").asText()).isEqualTo("2026-03-01/2026-03-30");
        assertThat(value(march, "courses_held")).isEqualByComparingTo("1");

        assertThat(problem("period=2026-H3")).containsEntry("period", "invalid_period");
        assertThat(problem("period=2026&from=2026-01-01&to=2026-02-01")).containsEntry("period", "period_or_dates");
        assertThat(problem("from=2026-03-01&to=2026-02-01")).containsEntry("to", "end_before_start");
        // a typed year (0202 for 2020, 9999) is no report of the registry's years: said, as a named period's is
        assertThat(problem("from=0202-01-01&to=2026-06-30")).containsEntry("from", "out_of_range");
        assertThat(problem("from=2026-01-01&to=9999-12-31")).containsEntry("to", "out_of_range");
        assertThat(problem("from=1999-12-31&to=2101-01-01")).containsEntry("from", "out_of_range")
                .containsEntry("to", "out_of_range");
        assertThat(report(world.reporter, "indicators=courses_held&from=2000-01-01&to=2100-12-31").get("to").asText())
                .isEqualTo("2100-12-31");
        Api.Res submitted = world.reporter.post("/api/v1/reports/submissions", Map.of("from", "0001-01-01",
                "to", "2026-12-31"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(400);
        assertThat(submitted.json().get("errors").get(0).get("code").asText()).isEqualTo("out_of_range");
        assertThat(problem("from=2026-03-01")).containsEntry("to", "required");
        assertThat(problem("")).containsEntry("period", "required");
        assertThat(problem("period=2026&by=sex,colour")).containsEntry("by", "not_allowed");
        assertThat(problem("period=2026&indicators=courses_held,happiness")).containsEntry("indicators", "unknown_code");
        assertThat(problem("period=2026&mapSuccessors=yes")).containsEntry("mapSuccessors", "wrong_type");
        assertThat(problem("period=2026&from=x")).containsEntry("from", "invalid_date");
        // a cell of the records behind a number: a value its breakdown cannot have names nothing
        for (String cell : new String[]{"sex=x", "level=village", "ethnicMinority=maybe", "targetGroup=astronauts",
                "kind=picnic", "topic=astrology", "ageBand=teens", "unitCode=" + world.province + "9"}) {
            Api.Res records = world.reporter.get("/api/v1/reports/indicators/attendances/records?period=2026&" + cell);
            assertThat(records.status()).as(cell + ": " + records.body()).isEqualTo(400);
            assertThat(records.json().get("errors").get(0).get("field").asText()).isEqualTo(cell.split("=")[0]);
        }
        // a value of the catalogue outside an indicator's filter can still hold records (a person's other groups)
        for (String cell : new String[]{"targetGroup=ge_officials", "unitCode=" + world.districtA, "ageBand=null"}) {
            assertThat(world.reporter.get("/api/v1/reports/indicators/women_council_delegates_trained/records?period=2026&"
                    + cell).status()).as(cell).isEqualTo(200);
        }
        Api.Res bad = world.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", "02-30"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("code").asText()).isEqualTo("invalid_month_day");
    }

    private Map<String, String> problem(String query) {
        Api.Res res = world.reporter.get("/api/v1/reports/indicators?" + query);
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        Map<String, String> errors = new HashMap<>();
        res.json().get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("code").asText()));
        return errors;
    }

    @Test
    void theActionMonthCountsCoursesOverlapping15NovemberTo15December() {
        heldOn(LocalDate.of(Y, 11, 14));
        heldOn(LocalDate.of(Y, 11, 15));
        heldOn(LocalDate.of(Y, 12, 15));
        heldOn(LocalDate.of(Y, 12, 16));
        UUID spanning = Fixtures.course(world, world.communeA1, "completed", LocalDate.of(Y, 11, 10),
                LocalDate.of(Y, 11, 16));
        UUID person = Fixtures.participant(world, "Lâm Thị Xuân", "female", world.communeA1);
        Fixtures.enroll(world, spanning, person);
        Reports.present(world, Fixtures.session(world, spanning, LocalDate.of(Y, 11, 10), LocalTime.of(8, 0),
                LocalTime.of(11, 0)), person, LocalDate.of(Y, 11, 10));

        JsonNode report = report(world.reporter, "period=" + Y + "&indicators=courses_held,action_month_courses");
        assertThat(value(report, "courses_held")).isEqualByComparingTo("5");
        assertThat(value(report, "action_month_courses")).as("15/11, 15/12 and the course of 10–16/11")
                .isEqualByComparingTo("3");
        assertThat(value(report(world.reporter, "period=" + Y + "-Q4&indicators=action_month_courses"),
                "action_month_courses")).isEqualByComparingTo("3");
    }
}
