package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.report.Reports.report;

/** Annual plans entered through the API, courses linked to their activities, planned against held. */
class PlanIT {
    private final World world = World.create();

    private static Map<String, Object> plan(String number, int year, List<Map<String, Object>> activities) {
        return Map.of("number", number, "issuedOn", year + "-01-15", "year", year,
                "title", "Kế hoạch thực hiện công tác bình đẳng giới năm " + year, "activities", activities);
    }

    private static Map<String, Object> activity(String topic, String group, String level, int courses, int people) {
        return Map.of("description", "Tổ chức tập huấn " + topic, "topic", topic, "targetGroup", group, "level", level,
                "plannedCourses", courses, "plannedParticipants", people, "budget", 15000000);
    }

    @Test
    void aPlansActivitiesSetWhatWasPlannedAndLinkedCoursesWhatWasHeld() {
        Api.Res created = world.admin.post("/api/v1/plans", plan("112/KH-UBND", 2026, List.of(
                activity("gbv_prevention", "commune_collaborators", "commune", 4, 200),
                activity("leadership_women", "women_council_delegates", "district", 2, 80))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode plan = created.json();
        assertThat(plan.get("activities")).extracting(a -> a.get("position").asInt()).containsExactly(1, 2);
        String gbv = plan.get("activities").get(0).get("id").asText();

        LocalDate day = LocalDate.of(2026, 7, 7);
        UUID course = Fixtures.course(world, world.communeA1, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        for (int i = 0; i < 3; i++) {
            UUID p = Fixtures.participant(world, "Cộng tác viên " + i, "female", world.communeA1);
            Fixtures.enroll(world, course, p);
            Reports.present(world, session, p, day);
        }
        Api.Res linked = world.districtOrganizer.put("/api/v1/courses/" + course + "/plan-activity", Map.of("activityId", gbv));
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(linked.json().get("planActivityId").asText()).isEqualTo(gbv);

        JsonNode report = report(world.reporter, "period=2026&by=topic&indicators=plan_courses,plan_participants");
        JsonNode courses = Reports.row(report, "plan_courses", "topic", "gbv_prevention");
        assertThat(courses.get("value").asInt()).isEqualTo(1);
        assertThat(courses.get("planned").asInt()).isEqualTo(4);
        JsonNode people = Reports.row(report, "plan_participants", "topic", "gbv_prevention");
        assertThat(people.get("value").asInt()).isEqualTo(3);
        assertThat(people.get("planned").asInt()).isEqualTo(200);
        // the participants held are people: the records behind the cell name them, each with the course
        JsonNode held = world.reporter.get("/api/v1/reports/indicators/plan_participants/records?period=2026"
                + "&topic=gbv_prevention").json();
        assertThat(held.get("items")).hasSize(3);
        assertThat(held.get("items")).allSatisfy(item -> {
            assertThat(item.get("courseId").asText()).isEqualTo(course.toString());
            assertThat(item.get("participantId").isNull()).isFalse();
            assertThat(item.get("counted").asBoolean()).isTrue();
        });
        assertThat(world.reporter.get("/api/v1/reports/indicators/plan_courses/records?period=2026"
                + "&topic=gbv_prevention").json().get("items")).extracting(c -> c.get("courseId").asText())
                .containsExactly(course.toString());
        JsonNode leadership = Reports.row(report, "plan_courses", "topic", "leadership_women");
        assertThat(leadership.get("value").asInt()).isZero();
        assertThat(leadership.get("planned").asInt()).isEqualTo(2);
        assertThat(Reports.value(report(world.reporter, "period=2025&indicators=plan_courses"), "plan_courses"))
                .as("nothing planned or held in 2025").isEqualByComparingTo("0");

        JsonNode listed = world.reporter.get("/api/v1/plans?year=2026").json();
        assertThat(listed.get("items")).hasSize(1);
        assertThat(listed.get("items").get(0).get("activities").get(0).get("linkedCourses").asInt()).isEqualTo(1);
        assertThat(world.reporter.get("/api/v1/plans/" + plan.get("id").asText()).json().get("number").asText())
                .isEqualTo("112/KH-UBND");

        Map<String, Object> unlink = new HashMap<>();
        unlink.put("activityId", null);
        assertThat(world.organizer.put("/api/v1/courses/" + course + "/plan-activity", unlink).json()
                .get("planActivityId").isNull()).isTrue();
        assertThat(Reports.value(report(world.reporter, "period=2026&indicators=plan_courses"), "plan_courses"))
                .isEqualByComparingTo("0");
    }

    @Test
    void plansAreTheProvincesAndLinksStayInsideTheCallersScope() {
        Map<String, Object> body = plan("07/KH-UBND", 2026, List.of(activity("gender_knowledge", "ge_officials",
                "province", 1, 40)));
        assertThat(world.districtOrganizer.post("/api/v1/plans", body).status()).isEqualTo(403);
        assertThat(world.reporter.post("/api/v1/plans", body).status()).isEqualTo(403);
        String activity = world.organizer.post("/api/v1/plans", body).json().get("activities").get(0).get("id").asText();
        Api.Res again = world.admin.post("/api/v1/plans", body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("plan_number_taken");
        Api.Res unknown = world.admin.post("/api/v1/plans", plan("08/KH-UBND", 2026,
                List.of(activity("astrology", "ge_officials", "province", 1, 1))));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("activities[0].topic");
        Api.Res invalid = world.admin.post("/api/v1/plans", Map.of("number", "", "year", 1990, "activities", List.of()));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors")).extracting(e -> e.get("field").asText())
                .contains("number", "issuedOn", "year", "title", "activities");

        LocalDate day = LocalDate.of(2026, 2, 2);
        UUID inB = Fixtures.course(world, world.communeB1, "completed", day, day);
        assertThat(world.districtOrganizer.put("/api/v1/courses/" + inB + "/plan-activity", Map.of("activityId", activity))
                .status()).as("another district's course").isEqualTo(404);
        World other = World.create();
        assertThat(other.organizer.put("/api/v1/courses/" + inB + "/plan-activity", Map.of("activityId", activity))
                .status()).as("another province's course").isEqualTo(404);
        UUID theirs = Fixtures.course(other, other.communeA1, "completed", day, day);
        Api.Res foreign = other.organizer.put("/api/v1/courses/" + theirs + "/plan-activity", Map.of("activityId", activity));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.json().get("errors").get(0).get("code").asText()).isEqualTo("unknown_activity");
        assertThat(world.organizer.put("/api/v1/courses/" + inB + "/plan-activity", Map.of()).status()).isEqualTo(400);
        assertThat(World.create().reporter.get("/api/v1/plans").json().get("items")).isEmpty();
        for (String year : List.of("1999", "2101")) {
            Api.Res outside = world.reporter.get("/api/v1/plans?year=" + year);
            assertThat(outside.status()).as(year).isEqualTo(400);
            assertThat(outside.json().get("errors").get(0).get("code").asText()).isEqualTo("out_of_range");
        }
    }

    @Test
    void theSamePlanNumberSentSeveralTimesAtOnceCreatesOnePlanAndAnswersTheOthers409() throws Exception {
        // a double click: the requests race past the number check, the unique key decides
        for (int round = 0; round < 3; round++) {
            Map<String, Object> body = plan(round + "/KH-UBND", 2026,
                    List.of(activity("gbv_prevention", "commune_collaborators", "commune", 1, 30)));
            List<java.util.concurrent.CompletableFuture<Api.Res>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> world.admin.post("/api/v1/plans", body)));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var s : sent) {
                Api.Res res = s.get();
                statuses.add(res.status());
                if (res.status() == 409) {
                    assertThat(res.json().get("code").asText()).isEqualTo("plan_number_taken");
                }
            }
            assertThat(statuses).as("round " + round).containsOnly(201, 409).containsOnlyOnce(201);
        }
    }

    @Test
    void aCursorMadeByHandWithNullsInItIsInvalidNotAServerError() {
        // base64url of [null,null] and of ["2023",null]
        for (String path : List.of("/api/v1/plans?cursor=W251bGwsbnVsbF0", "/api/v1/plans?cursor=WyIyMDIzIixudWxsXQ",
                "/api/v1/reports/indicators/persons_trained/records?period=2023&cursor=W251bGwsbnVsbF0")) {
            Api.Res res = world.reporter.get(path);
            assertThat(res.status()).as(path + " " + res.body()).isEqualTo(400);
            assertThat(res.json().get("errors").get(0).get("code").asText()).isEqualTo("invalid_cursor");
        }
    }
}
