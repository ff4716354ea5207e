package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.report.Reports.report;

/** Plans entered as a provincial officer enters the real ones, and held against planned counted by hand. */
class PlanEntryIT {
    private final World world = World.create();

    static Map<String, Object> activity(String topic, String group, String level, int courses, int people,
                                                Long budget) {
        Map<String, Object> a = new HashMap<>();
        a.put("description", "Tập huấn kiến thức giới cho " + group);
        a.put("topic", topic);
        a.put("targetGroup", group);
        a.put("level", level);
        a.put("plannedCourses", courses);
        a.put("plannedParticipants", people);
        a.put("budget", budget);
        return a;
    }

    static Map<String, Object> plan(String number, String issuedOn, int year, List<Map<String, Object>> activities) {
        return Map.of("number", number, "issuedOn", issuedOn, "year", year,
                "title", "Kế hoạch thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm " + year,
                "activities", activities);
    }

    private String firstActivity(Api.Res created) {
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("activities").get(0).get("id").asText();
    }

    @Test
    void theSameDocumentNumberIssuedInAnotherYearIsAnotherPlan() {
        // document numbers (58/KH-UBND) start again from 1 every calendar year
        Api.Res y2024 = world.admin.post("/api/v1/plans", plan("58/KH-UBND", "2024-03-12", 2024, List.of(
                activity("gender_knowledge", "ge_officials", "province", 2, 150, 3_500_000_000L),
                activity("gbv_prevention", "commune_collaborators", "commune", 8, 600, null))));
        assertThat(y2024.status()).as(y2024.body()).isEqualTo(201);
        assertThat(y2024.json().get("activities").get(0).get("budget").asLong()).isEqualTo(3_500_000_000L);
        assertThat(y2024.json().get("activities").get(1).get("budget").isNull()).isTrue();

        Api.Res y2025 = world.admin.post("/api/v1/plans", plan("58/KH-UBND", "2025-02-20", 2025, List.of(
                activity("gender_knowledge", "ge_officials", "province", 1, 80, 120_000_000L))));
        assertThat(y2025.status()).as(y2025.body()).isEqualTo(201);
        assertThat(world.reporter.get("/api/v1/plans").json().get("items")).extracting(p -> p.get("year").asInt())
                .containsExactly(2025, 2024);

        // the same document entered twice is still refused
        Api.Res again = world.admin.post("/api/v1/plans", plan("58/KH-UBND", "2025-02-20", 2025, List.of(
                activity("gender_knowledge", "ge_officials", "province", 1, 80, null))));
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("plan_number_taken");
    }

    @Test
    void aNumberTypedInOtherLettersOrSpacingIsTheSamePlanEvenWhenSentAtOnce() throws Exception {
        Api.Res first = world.admin.post("/api/v1/plans", plan("58/KH-UBND", "2026-02-20", 2026, List.of(
                activity("gender_knowledge", "ge_officials", "province", 1, 80, null))));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        for (String typed : List.of("58/kh-ubnd", "58 / KH - UBND", "58/Kh-Ubnd")) {
            Api.Res again = world.admin.post("/api/v1/plans", plan(typed, "2026-06-01", 2026, List.of(
                    activity("gender_knowledge", "ge_officials", "province", 1, 80, null))));
            assertThat(again.status()).as(typed).isEqualTo(409);
            assertThat(again.json().get("code").asText()).isEqualTo("plan_number_taken");
        }
        // another number that merely shares letters is another plan
        assertThat(world.admin.post("/api/v1/plans", plan("158/KH-UBND", "2026-06-01", 2026, List.of(
                activity("gender_knowledge", "ge_officials", "province", 1, 80, null)))).status()).isEqualTo(201);

        // the same new number typed two ways by two officers at the same moment: one plan
        List<Api.Res> answers = vn.bdg.registry.support.AtOnce.run(List.of("77/KH-UBND", "77/kh-ubnd", "77 /KH-UBND")
                .stream().<java.util.concurrent.Callable<Api.Res>>map(typed -> () -> world.admin.post("/api/v1/plans",
                        plan(typed, "2026-07-01", 2026, List.of(activity("gbv_prevention", "ge_officials", "province",
                                1, 30, null))))).toList());
        assertThat(answers).extracting(Api.Res::status).containsExactlyInAnyOrder(201, 409, 409);
        assertThat(world.reporter.get("/api/v1/plans").json().get("items"))
                .extracting(p -> p.get("number").asText()).filteredOn(n -> n.contains("77")).hasSize(1);
    }

    @Test
    void aPlanEnteredWithAMistakeIsDeletedAndEnteredAgainOnceNoCourseIsLinkedToIt() {
        Api.Res wrong = world.admin.post("/api/v1/plans", plan("37/KH-UBND", "2026-02-03", 2026, List.of(
                activity("gender_knowledge", "ge_officials", "province", 20, 1500, null))));
        String activity = firstActivity(wrong);
        String plan = wrong.json().get("id").asText();
        LocalDate day = LocalDate.of(2026, 3, 2);
        UUID course = Fixtures.course(world, world.communeA1, "open", day, day);
        assertThat(world.organizer.put("/api/v1/courses/" + course + "/plan-activity", Map.of("activityId", activity))
                .status()).isEqualTo(200);

        Api.Res inUse = world.admin.delete("/api/v1/plans/" + plan);
        assertThat(inUse.status()).as(inUse.body()).isEqualTo(409);
        assertThat(inUse.json().get("code").asText()).isEqualTo("plan_in_use");
        assertThat(inUse.json().get("detail").asText()).contains("1 khóa học");
        assertThat(world.reporter.get("/api/v1/plans/" + plan).status()).as("nothing deleted").isEqualTo(200);
        assertThat(world.districtOrganizer.delete("/api/v1/plans/" + plan).status())
                .as("the province's plan, not a district's").isEqualTo(403);

        assertThat(world.organizer.put("/api/v1/courses/" + course + "/plan-activity",
                java.util.Collections.singletonMap("activityId", null)).status()).isEqualTo(200);
        Api.Res deleted = world.admin.delete("/api/v1/plans/" + plan);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(world.reporter.get("/api/v1/plans/" + plan).status()).isEqualTo(404);
        assertThat(world.admin.delete("/api/v1/plans/" + plan).status()).isEqualTo(404);
        assertThat(TestServer.get().database.dsl().fetchCount(vn.bdg.registry.db.Tables.AUDIT_LOG,
                vn.bdg.registry.db.Tables.AUDIT_LOG.ACTION.eq("delete")
                        .and(vn.bdg.registry.db.Tables.AUDIT_LOG.ENTITY_ID.eq(plan)))).isEqualTo(1);

        // entered again under the same number, with the right figure
        Api.Res again = world.admin.post("/api/v1/plans", plan("37/KH-UBND", "2026-02-03", 2026, List.of(
                activity("gender_knowledge", "ge_officials", "province", 2, 150, null))));
        assertThat(again.status()).as(again.body()).isEqualTo(201);
    }

    @Test
    void aCourseIsLinkedOnlyToAnActivityOfItsOwnYearsPlan() {
        String activity2026 = firstActivity(world.admin.post("/api/v1/plans", plan("12/KH-UBND", "2026-01-10", 2026,
                List.of(activity("gbv_prevention", "commune_collaborators", "commune", 3, 90, 45_000_000L)))));

        // a course of 2025 under the 2026 plan would count in no report: neither 2025's (no activity) nor 2026's
        LocalDate lastYear = LocalDate.of(2025, 10, 3);
        UUID old = Fixtures.course(world, world.communeA1, "completed", lastYear, lastYear);
        Api.Res refused = world.organizer.put("/api/v1/courses/" + old + "/plan-activity", Map.of("activityId", activity2026));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("activityId");
        assertThat(refused.json().get("errors").get(0).get("code").asText()).isEqualTo("activity_of_another_year");

        // a course starting on 28/12/2025 and ending in 2026 belongs to 2025 (the year it starts in)
        String activity2025 = firstActivity(world.admin.post("/api/v1/plans", plan("230/KH-UBND", "2024-12-20", 2025,
                List.of(activity("gbv_prevention", "commune_collaborators", "commune", 2, 60, null)))));
        UUID acrossNewYear = Fixtures.course(world, world.communeA1, "completed", LocalDate.of(2025, 12, 28),
                LocalDate.of(2026, 1, 5));
        UUID session = Fixtures.session(world, acrossNewYear, LocalDate.of(2026, 1, 4), LocalTime.of(8, 0),
                LocalTime.of(11, 0));
        UUID p = Fixtures.participant(world, "Hoàng Thị Lan", "female", world.communeA1);
        Fixtures.enroll(world, acrossNewYear, p);
        Reports.present(world, session, p, LocalDate.of(2026, 1, 4));
        assertThat(world.organizer.put("/api/v1/courses/" + acrossNewYear + "/plan-activity",
                Map.of("activityId", activity2026)).status()).as("the year it ends in").isEqualTo(422);
        Api.Res linked = world.organizer.put("/api/v1/courses/" + acrossNewYear + "/plan-activity",
                Map.of("activityId", activity2025));
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(Reports.value(report(world.reporter, "period=2025&indicators=plan_courses"), "plan_courses"))
                .isEqualByComparingTo("1");

        // under a cut-off of 15/12 a course starting on 20/12/2025 is in 2026: not under the 2025 plan
        assertThat(world.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", "12-15")).status()).isEqualTo(200);
        UUID december = Fixtures.course(world, world.communeA1, "completed", LocalDate.of(2025, 12, 20),
                LocalDate.of(2025, 12, 21));
        Api.Res nextYear = world.organizer.put("/api/v1/courses/" + december + "/plan-activity",
                Map.of("activityId", activity2025));
        assertThat(nextYear.status()).as(nextYear.body()).isEqualTo(422);
        assertThat(nextYear.json().get("errors").get(0).get("code").asText()).isEqualTo("activity_of_another_year");
        assertThat(world.organizer.put("/api/v1/courses/" + december + "/plan-activity",
                Map.of("activityId", activity2026)).status()).isEqualTo(200);
    }

    @Test
    void aLinkedCourseIsNotMovedIntoAnotherYearThanItsPlansUntilItIsLinkedAnew() {
        String activity2026 = firstActivity(world.admin.post("/api/v1/plans", plan("14/KH-UBND", "2026-01-12", 2026,
                List.of(activity("gender_knowledge", "ge_officials", "district", 2, 60, null)))));
        String activity2025 = firstActivity(world.admin.post("/api/v1/plans", plan("201/KH-UBND", "2024-12-18", 2025,
                List.of(activity("gender_knowledge", "ge_officials", "district", 2, 60, null)))));
        UUID course = Fixtures.course(world, world.communeA1, "open", LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3));
        assertThat(world.organizer.put("/api/v1/courses/" + course + "/plan-activity", Map.of("activityId", activity2026))
                .status()).isEqualTo(200);

        // brought forward into December 2025, the course would count under neither year's plan
        Api.Res moved = world.organizer.patch("/api/v1/courses/" + course,
                Map.of("startDate", "2025-12-22", "endDate", "2025-12-23"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(422);
        JsonNode error = moved.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("startDate");
        assertThat(error.get("code").asText()).isEqualTo("linked_to_plan_of_another_year");
        assertThat(error.get("message").asText()).contains("2026").doesNotContain("2.026", "2,026");
        Api.Res inEnglish = world.organizer.inLanguage("en").patch("/api/v1/courses/" + course,
                Map.of("startDate", "2025-12-22", "endDate", "2025-12-23"));
        assertThat(inEnglish.json().get("errors").get(0).get("message").asText())
                .contains("the plan of 2026", "year's plan");
        JsonNode kept = world.organizer.get("/api/v1/courses/" + course).json();
        assertThat(kept.get("startDate").asText()).as("nothing changed").isEqualTo("2026-03-02");
        assertThat(kept.get("endDate").asText()).isEqualTo("2026-03-03");

        // within the plan's year it moves freely; the end date alone is not the plan's business
        assertThat(world.organizer.patch("/api/v1/courses/" + course, Map.of("startDate", "2026-11-30",
                "endDate", "2027-01-04")).status()).isEqualTo(200);

        // unlinked first, the move goes through, and the course is then linked to the 2025 plan's activity
        assertThat(world.organizer.put("/api/v1/courses/" + course + "/plan-activity",
                Map.of("activityId", activity2025)).status()).as("still in 2026").isEqualTo(422);
        assertThat(world.organizer.put("/api/v1/courses/" + course + "/plan-activity",
                java.util.Collections.singletonMap("activityId", null)).status()).isEqualTo(200);
        Api.Res unlinkedMove = world.organizer.patch("/api/v1/courses/" + course,
                Map.of("startDate", "2025-12-22", "endDate", "2025-12-23"));
        assertThat(unlinkedMove.status()).as(unlinkedMove.body()).isEqualTo(200);
        assertThat(world.organizer.put("/api/v1/courses/" + course + "/plan-activity",
                Map.of("activityId", activity2025)).status()).isEqualTo(200);
    }

    @Test
    void aCourseMovedOutOfItsPlansYearAfterItWasLinkedIsFlagged() {
        String activity = firstActivity(world.admin.post("/api/v1/plans", plan("5/KH-UBND", "2026-01-08", 2026,
                List.of(activity("gender_knowledge", "ge_officials", "district", 1, 40, null)))));
        UUID december = Fixtures.course(world, world.communeA1, "open", LocalDate.of(2026, 12, 20),
                LocalDate.of(2026, 12, 21));
        assertThat(world.organizer.put("/api/v1/courses/" + december + "/plan-activity", Map.of("activityId", activity))
                .status()).isEqualTo(200);
        assertThat(world.reporter.get("/api/v1/reports/flags?period=2026").json().get("items")).isEmpty();

        // the province then reports from 15/12: the course is in 2027, where no plan row counts it
        assertThat(world.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", "12-15")).status()).isEqualTo(200);
        JsonNode flags = world.reporter.get("/api/v1/reports/flags?period=2027").json().get("items");
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0).get("kind").asText()).isEqualTo("plan_of_another_year");
        assertThat(flags.get(0).get("limit").asInt()).isEqualTo(2026);
        assertThat(flags.get(0).get("courses").get(0).get("id").asText()).isEqualTo(december.toString());
        assertThat(flags.get(0).get("message").asText()).contains("2026").doesNotContain("2.026", "2,026");
        assertThat(world.reporter.get("/api/v1/reports/flags?period=2026-H1").json().get("items")).isEmpty();
    }

    @Test
    void aCourseLinkedToAnActivityOfAnotherTopicGroupOrLevelIsLinkedAndFlagged() {
        String activity = firstActivity(world.admin.post("/api/v1/plans", plan("9/KH-UBND", "2026-01-08", 2026,
                List.of(activity("gbv_prevention", "commune_collaborators", "commune", 3, 90, null)))));
        LocalDate day = LocalDate.of(2026, 4, 2);
        UUID matching = Fixtures.course(world, world.communeA1, "completed", day, day, "training",
                new String[]{"gbv_prevention", "gender_knowledge"}, new String[]{"commune_collaborators"}, "commune", null);
        UUID unspecified = Fixtures.course(world, world.communeA1, "completed", day, day, "training",
                new String[0], new String[0], "commune", null);
        UUID other = Fixtures.course(world, world.communeA1, "completed", day, day, "training",
                new String[]{"leadership_women"}, new String[]{"women_council_delegates"}, "district", null);
        for (UUID course : List.of(matching, unspecified, other)) {
            Api.Res linked = world.organizer.put("/api/v1/courses/" + course + "/plan-activity",
                    Map.of("activityId", activity));
            assertThat(linked.status()).as("a plan activity may name one group of several: linked, not refused")
                    .isEqualTo(200);
        }
        JsonNode flags = world.reporter.get("/api/v1/reports/flags?period=2026").json().get("items");
        assertThat(flags).extracting(f -> f.get("kind").asText()).containsExactly("plan_activity_mismatch");
        assertThat(flags.get(0).get("courses")).extracting(c -> c.get("id").asText()).containsExactly(other.toString());
    }

    @Test
    void heldAgainstPlannedMatchesAHandCountForTheYearItsHalvesAndADistrict() {
        JsonNode created = world.admin.post("/api/v1/plans", plan("37/KH-UBND", "2026-02-03", 2026, List.of(
                activity("gbv_prevention", "commune_collaborators", "commune", 4, 200, 2_400_000_000L),
                activity("leadership_women", "women_council_delegates", "district", 2, 80, null)))).json();
        String gbv = created.get("activities").get(0).get("id").asText();
        String leadership = created.get("activities").get(1).get("id").asText();

        // H1: district A, 3 present of 4 enrolled; H2: district B, 2 present; H2: cancelled, 5 present;
        // H1: district A, nobody present (not held)
        UUID a = held(LocalDate.of(2026, 3, 10), world.communeA1, "completed", 4, 3, gbv);
        UUID b = held(LocalDate.of(2026, 9, 15), world.communeB1, "completed", 2, 2, gbv);
        UUID cancelled = held(LocalDate.of(2026, 10, 1), world.communeB1, "cancelled", 5, 5, leadership);
        UUID empty = held(LocalDate.of(2026, 5, 5), world.communeA2, "completed", 3, 0, leadership);
        assertThat(List.of(a, b, cancelled, empty)).doesNotContainNull();

        JsonNode year = report(world.reporter, "period=2026&indicators=plan_courses,plan_participants");
        assertThat(Reports.row(year, "plan_courses").get("value").asInt()).isEqualTo(2);
        assertThat(Reports.row(year, "plan_courses").get("planned").asInt()).isEqualTo(6);
        assertThat(Reports.row(year, "plan_participants").get("value").asInt()).isEqualTo(5);
        assertThat(Reports.row(year, "plan_participants").get("planned").asInt()).isEqualTo(280);

        // the same count by hand, straight from the tables
        assertThat(Reports.number("""
                select count(distinct c.id) from course c join plan_activity a on a.id = c.plan_activity_id
                join annual_plan pl on pl.id = a.plan_id join course_session s on s.course_id = c.id
                join check_in ci on ci.session_id = s.id and ci.outcome = 'accepted' and ci.undone_at is null
                where pl.province_code = ? and pl.year = 2026 and c.status not in ('draft', 'cancelled')""",
                world.province)).isEqualByComparingTo("2");

        JsonNode h1 = report(world.reporter, "period=2026-H1&indicators=plan_courses,plan_participants&by=topic");
        assertThat(Reports.row(h1, "plan_courses", "topic", "gbv_prevention").get("value").asInt()).isEqualTo(1);
        assertThat(Reports.row(h1, "plan_participants", "topic", "gbv_prevention").get("value").asInt()).isEqualTo(3);
        // a half-year sets what it held against the whole year's plan (not apportioned)
        assertThat(Reports.row(h1, "plan_courses", "topic", "gbv_prevention").get("planned").asInt()).isEqualTo(4);
        JsonNode h2 = report(world.reporter, "period=2026-H2&indicators=plan_courses,plan_participants&by=topic");
        assertThat(Reports.row(h2, "plan_participants", "topic", "gbv_prevention").get("value").asInt()).isEqualTo(2);
        assertThat(Reports.row(h2, "plan_courses", "topic", "leadership_women").get("value").asInt())
                .as("a cancelled course is not held").isZero();

        JsonNode district = report(world.districtReporter, "period=2026&indicators=plan_courses,plan_participants");
        assertThat(Reports.row(district, "plan_courses").get("value").asInt()).as("district A's only").isEqualTo(1);
        assertThat(Reports.row(district, "plan_participants").get("value").asInt()).isEqualTo(3);
    }

    @Test
    void planRowsInTheCsvAndXlsxGiveHeldAsTheValueAndThePlannedNumber() throws Exception {
        JsonNode created = world.admin.post("/api/v1/plans", plan("58/KH-UBND", "2026-03-15", 2026, List.of(
                activity("gbv_prevention", "commune_collaborators", "commune", 4, 200, 2_400_000_000L),
                activity(null, null, null, 1, 30, null)))).json();
        held(LocalDate.of(2026, 3, 20), world.communeA1, "completed", 3, 2,
                created.get("activities").get(0).get("id").asText());
        String query = "period=2026&by=topic&indicators=plan_courses,plan_participants";

        Api.Res res = world.reporter.get("/api/v1/reports/indicators?format=csv&" + query);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        java.util.List<org.apache.commons.csv.CSVRecord> records;
        try (var csv = org.apache.commons.csv.CSVParser.parse(new java.io.StringReader(res.body().substring(1)),
                org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(csv.getHeaderNames()).containsExactly("Mã chỉ tiêu", "Chỉ tiêu", "Kỳ báo cáo", "Chủ đề",
                    "Đơn vị tính", "Giá trị", "Tử số", "Mẫu số", "Kế hoạch", "Định nghĩa");
            records = csv.getRecords();
        }
        var people = records.stream().filter(r -> r.get("Mã chỉ tiêu").equals("plan_participants")
                && r.get("Kế hoạch").equals("200")).toList();
        assertThat(people).hasSize(1);
        assertThat(people.get(0).get("Giá trị")).isEqualTo("2");
        assertThat(people.get(0).get("Đơn vị tính")).isEqualTo("Lượt người");
        assertThat(people.get(0).get("Tử số")).isEmpty();
        var courses = records.stream().filter(r -> r.get("Mã chỉ tiêu").equals("plan_courses")).toList();
        assertThat(courses).extracting(r -> r.get("Kế hoạch")).contains("4", "1");
        assertThat(courses).allSatisfy(r -> assertThat(r.get("Đơn vị tính")).isEqualTo("Lớp"));
        assertThat(courses.stream().filter(r -> r.get("Kế hoạch").equals("1")).findFirst().orElseThrow().get("Chủ đề"))
                .as("an activity with no topic").isNotEmpty();
        assertThat(courses.stream().mapToLong(r -> Long.parseLong(r.get("Kế hoạch"))).sum()).isEqualTo(5);

        byte[] xlsx = world.reporter.bytes("/api/v1/reports/indicators?format=xlsx&" + query);
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            List<org.dhatim.fastexcel.reader.Row> rows = workbook.getFirstSheet().read();
            var row = rows.stream().filter(r -> r.getRowNum() > 4 && "plan_participants".equals(r.getCellText(1))
                    && "200".equals(r.getCellText(9))).findFirst().orElseThrow();
            assertThat(row.getCellText(6)).isEqualTo("2");
            assertThat(row.getCell(9).getType()).isEqualTo(org.dhatim.fastexcel.reader.CellType.NUMBER);
        }
    }

    private UUID held(LocalDate day, String unit, String status, int enrolled, int present, String activity) {
        UUID course = Fixtures.course(world, unit, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        for (int i = 0; i < enrolled; i++) {
            UUID p = Fixtures.participant(world, "Học viên " + day + " " + i, i % 2 == 0 ? "female" : "male", unit);
            Fixtures.enroll(world, course, p);
            if (i < present) {
                Reports.present(world, session, p, day);
            }
        }
        Api.Res linked = world.organizer.put("/api/v1/courses/" + course + "/plan-activity", Map.of("activityId", activity));
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        TestServer.get().database.dsl().execute("update course set status = ? where id = ?", status, course);
        return course;
    }
}
