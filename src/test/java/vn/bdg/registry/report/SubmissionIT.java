package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.bdg.registry.report.Reports.report;
import static vn.bdg.registry.report.Reports.value;

/** A submitted report is frozen: later check-ins and corrections show in its diff, never in it. */
class SubmissionIT {
    private static final LocalDate DAY = LocalDate.of(2026, 5, 12);
    private final World world = World.create();
    private final UUID course = Fixtures.course(world, world.communeA1, "completed", DAY, DAY);
    private final UUID session = Fixtures.session(world, course, DAY, LocalTime.of(8, 0), LocalTime.of(11, 0));

    private UUID trainee(String name, String sex, String unit) {
        UUID person = Fixtures.participant(world, name, sex, unit);
        Fixtures.enroll(world, course, person);
        return person;
    }

    private JsonNode diffOf(Api.Res submitted) {
        return world.reporter.get("/api/v1/reports/submissions/" + submitted.json().get("id").asText() + "/diff")
                .json();
    }

    @Test
    void aSubmittedQuarterKeepsItsPlanYearsWhenTheCutOffChangesLater() {
        for (int year : new int[]{2024, 2025}) {
            Api.Res plan = world.admin.post("/api/v1/plans", Map.of("number", year + "/KH-UBND",
                    "issuedOn", year + "-01-15", "year", year, "title", "Kế hoạch năm " + year,
                    "activities", List.of(Map.of("description", "Tập huấn", "topic", "gbv_prevention",
                            "targetGroup", "commune_collaborators", "level", "commune", "plannedCourses", year - 2020,
                            "plannedParticipants", 100, "budget", 15000000))));
            assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        }
        Api.Res submitted = world.reporter.post("/api/v1/reports/submissions",
                Map.of("period", "2024-Q4", "indicators", List.of("plan_courses")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        assertThat(submitted.json().get("report").get("rows").get(0).get("planned").asInt())
                .as("the 2024 plan only, under calendar years").isEqualTo(4);

        // from 15/12 the province's 2025 begins in December 2024: a report of 2024-Q4 made now
        // counts both plans, but the submitted one keeps the plan years it was made with
        world.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", "12-15"));
        assertThat(report(world.reporter, "period=2024-Q4&indicators=plan_courses").get("rows").get(0)
                .get("planned").asInt()).isEqualTo(4 + 5);
        JsonNode diff = diffOf(submitted);
        assertThat(diff.get("changes")).as(diff.toString()).isEmpty();
    }

    @Test
    void aRowOfZerosOnOneSideOnlyIsNoChange() {
        Reports.present(world, session, trainee("Ma Thị Duyên", "female", world.communeA1), DAY);
        Api.Res submitted = world.reporter.post("/api/v1/reports/submissions",
                Map.of("period", "2026-H1", "by", List.of("organizer"), "indicators", List.of("courses_held")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);

        // an organisation registered since has a row of zeros today, and none in the submitted report
        assertThat(world.organizer.post("/api/v1/organizations", Map.of("name", "Hội Nông dân tỉnh")).status())
                .isEqualTo(201);
        JsonNode diff = diffOf(submitted);
        assertThat(diff.get("changes")).as(diff.toString()).isEmpty();
    }

    @Test
    void aSubmittedReportStaysAsSubmittedWhileItsDiffShowsWhatChangedSince() {
        Reports.present(world, session, trainee("Ma Thị Duyên", "female", world.communeA1), DAY);
        UUID late = trainee("Nông Văn Hải", "male", world.communeA2);

        Api.Res submitted = world.reporter.post("/api/v1/reports/submissions",
                Map.of("period", "2026-H1", "by", List.of("sex"), "indicators", List.of("attendances", "persons_trained")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        JsonNode submission = submitted.json();
        String id = submission.get("id").asText();
        assertThat(submission.get("submittedByName").asText()).isNotBlank();
        assertThat(submission.get("contentHash").asText()).isEqualTo(sha256(submission.get("report")));
        JsonNode frozen = submission.get("report");
        assertThat(value(frozen, "attendances", "sex", "male")).isEqualByComparingTo("0");

        // a sheet found later: Hải was there too; and a report today counts him at once
        Reports.present(world, session, late, DAY);
        assertThat(value(report(world.reporter, "period=2026-H1&by=sex"), "attendances", "sex", "male"))
                .isEqualByComparingTo("1");

        JsonNode again = world.reporter.get("/api/v1/reports/submissions/" + id).json();
        assertThat(again.get("report")).isEqualTo(frozen);
        assertThat(again.get("contentHash").asText()).isEqualTo(sha256(again.get("report")));

        JsonNode diff = world.reporter.get("/api/v1/reports/submissions/" + id + "/diff").json();
        assertThat(diff.get("changes")).hasSize(2);
        for (JsonNode change : diff.get("changes")) {
            assertThat(change.get("sex").asText()).isEqualTo("male");
            assertThat(change.get("submitted").get("value").asInt()).isZero();
            assertThat(change.get("current").get("value").asInt()).isEqualTo(1);
        }
        assertThat(diff.get("changes")).extracting(c -> c.get("indicator").asText())
                .containsExactly("attendances", "persons_trained");

        // a later change of the cut-off does not move the submitted period
        world.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", "12-15"));
        JsonNode after = world.reporter.get("/api/v1/reports/submissions/" + id + "/diff").json();
        assertThat(after.get("changes")).hasSize(2);

        var dsl = TestServer.get().database.dsl();
        assertThatThrownBy(() -> dsl.execute("update report_submission set content_sha256 = repeat('0', 64) where id = ?::uuid", id))
                .hasMessageContaining("never changed");
        assertThatThrownBy(() -> dsl.execute("delete from report_submission where id = ?::uuid", id))
                .hasMessageContaining("never changed");
    }

    @Test
    void adminsAndReportersSubmitAndEveryoneSeesOnlyTheSubmissionsOfTheirScope() {
        Reports.present(world, session, trainee("Ma Thị Duyên", "female", world.communeA1), DAY);
        assertThat(world.organizer.post("/api/v1/reports/submissions", Map.of("period", "2026")).status()).isEqualTo(403);
        Api.Res province = world.admin.post("/api/v1/reports/submissions", Map.of("period", "2026"));
        assertThat(province.status()).as(province.body()).isEqualTo(201);
        Api.Res district = world.districtReporter.post("/api/v1/reports/submissions", Map.of("period", "2026"));
        assertThat(district.status()).as(district.body()).isEqualTo(201);
        assertThat(district.json().get("unit").asText()).isEqualTo(world.districtA);

        assertThat(world.reporter.get("/api/v1/reports/submissions").ids())
                .containsExactly(district.json().get("id").asText(), province.json().get("id").asText());
        assertThat(world.districtReporter.get("/api/v1/reports/submissions").ids())
                .containsExactly(district.json().get("id").asText());
        assertThat(world.districtReporter.get("/api/v1/reports/submissions/" + province.json().get("id").asText())
                .status()).isEqualTo(404);
        assertThat(World.create().reporter.get("/api/v1/reports/submissions/" + district.json().get("id").asText())
                .status()).isEqualTo(404);

        Api.Res page = world.reporter.get("/api/v1/reports/submissions?limit=1");
        assertThat(page.ids()).hasSize(1);
        String cursor = page.json().get("nextCursor").asText();
        assertThat(world.reporter.get("/api/v1/reports/submissions?limit=1&cursor=" + cursor).ids())
                .containsExactly(province.json().get("id").asText());
        assertThat(world.reporter.post("/api/v1/reports/submissions", Map.of("period", "2026", "colour", "red"))
                .status()).isEqualTo(400);
    }

    @Test
    void aNullOrUnknownIndicatorIsNamedAsTheClientsMistake() {
        for (String indicators : List.of("[null]", "[\"persons_trained\", null]", "[\"persons_trained\", \"nothing\"]")) {
            Api.Res res = world.reporter.post("/api/v1/reports/submissions",
                    "{\"period\": \"2023\", \"indicators\": " + indicators + "}");
            assertThat(res.status()).as(indicators + " " + res.body()).isEqualTo(400);
            assertThat(res.json().get("errors").get(0).get("field").asText()).isEqualTo("indicators");
            assertThat(res.json().get("errors").get(0).get("code").asText()).isEqualTo("unknown_code");
        }
        for (String indicators : List.of("persons_trained,nothing", "nothing")) {
            Api.Res res = world.reporter.get("/api/v1/reports/indicators?period=2023&indicators=" + indicators);
            assertThat(res.status()).as(indicators + " " + res.body()).isEqualTo(400);
            assertThat(res.json().get("errors").get(0).get("code").asText()).isEqualTo("unknown_code");
        }
    }

    /** The contract's hash, recomputed here: SHA-256 of the report as RFC 8785 canonical JSON. */
    private static String sha256(JsonNode report) {
        try {
            byte[] canonical = new JsonCanonicalizer(report.toString()).getEncodedUTF8();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
