package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.AtOnce;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.IfMatch;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.AUDIT_LOG;
import static vn.bdg.registry.report.PlanEntryIT.activity;
import static vn.bdg.registry.report.PlanEntryIT.plan;
import static vn.bdg.registry.report.Reports.report;

/**
 * A plan corrected or amended after courses were linked to it (PUT /plans/{id}): what a compiler
 * does when a figure was typed wrong or the province issues an amended plan mid-year.
 */
class PlanAmendmentIT {
    private final World world = World.create();

    /** The activities of a plan as GET gives them, to send back amended (id and fields, no counts). */
    static List<Map<String, Object>> asSent(JsonNode plan) {
        List<Map<String, Object>> activities = new ArrayList<>();
        for (JsonNode a : plan.get("activities")) {
            Map<String, Object> m = new HashMap<>();
            a.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().isNull() ? null
                    : f.getValue().isNumber() ? f.getValue().numberValue() : f.getValue().asText()));
            m.remove("position");
            m.remove("linkedCourses");
            activities.add(m);
        }
        return activities;
    }

    private static Map<String, Object> amended(JsonNode plan, String number, List<Map<String, Object>> activities) {
        return plan(number, plan.get("issuedOn").asText(), plan.get("year").asInt(), activities);
    }

    /** A plan of 2026 with two activities, a course of March linked to the first, one trainee present. */
    private record Linked(String path, JsonNode plan, UUID course) {
    }

    private Linked linkedPlan() {
        Api.Res created = world.admin.post("/api/v1/plans", plan("37/KH-UBND", "2026-02-03", 2026, List.of(
                activity("gender_knowledge", "ge_officials", "province", 20, 1500, null),
                activity("gbv_prevention", "commune_collaborators", "commune", 4, 200, 2_400_000_000L))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        LocalDate day = LocalDate.of(2026, 3, 2);
        UUID course = Fixtures.course(world, world.communeA1, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, java.time.LocalTime.of(8, 0), java.time.LocalTime.of(11, 0));
        UUID person = Fixtures.participant(world, "Lò Thị Mai", "female", world.communeA1);
        Fixtures.enroll(world, course, person);
        Reports.present(world, session, person, day);
        String first = created.json().get("activities").get(0).get("id").asText();
        Api.Res link = world.organizer.put("/api/v1/courses/" + course + "/plan-activity", Map.of("activityId", first));
        assertThat(link.status()).as(link.body()).isEqualTo(200);
        String path = "/api/v1/plans/" + created.json().get("id").asText();
        return new Linked(path, IfMatch.read(world.reporter, path).json(), course);
    }

    @Test
    void aWrongFigureOfAPlanInUseIsCorrectedAndTheReportCountsItAtOnceWhileTheSubmissionKeepsItsOwn() {
        Linked linked = linkedPlan();
        Api.Res submitted = world.reporter.post("/api/v1/reports/submissions",
                Map.of("period", "2026", "indicators", List.of("plan_courses")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        assertThat(Reports.row(report(world.reporter, "period=2026&indicators=plan_courses"), "plan_courses")
                .get("planned").asInt()).isEqualTo(20 + 4);
        String seen = IfMatch.etag(world.admin.get(linked.path()));

        // 20 courses was a slip for 2; the second activity is dropped and a new one added, in front
        List<Map<String, Object>> activities = asSent(linked.plan());
        activities.get(0).put("plannedCourses", 2);
        activities.remove(1);
        activities.add(0, activity("leadership_women", "women_council_delegates", "district", 3, 90, null));
        Api.Res saved = world.admin.withHeader("If-Match", seen).put(linked.path(),
                amended(linked.plan(), "37/KH-UBND-ĐC", activities));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(IfMatch.etag(saved)).isNotEqualTo(seen);
        JsonNode plan = saved.json();
        assertThat(plan.get("number").asText()).isEqualTo("37/KH-UBND-ĐC");
        assertThat(plan.get("activities")).extracting(a -> a.get("position").asInt()).containsExactly(1, 2);
        assertThat(plan.get("activities").get(0).get("topic").asText()).isEqualTo("leadership_women");
        JsonNode kept = plan.get("activities").get(1);
        assertThat(kept.get("id").asText()).isEqualTo(linked.plan().get("activities").get(0).get("id").asText());
        assertThat(kept.get("plannedCourses").asInt()).isEqualTo(2);
        assertThat(kept.get("linkedCourses").asInt()).as("its course stays linked").isEqualTo(1);
        assertThat(world.reporter.get(linked.path()).json()).isEqualTo(plan);

        JsonNode now = report(world.reporter, "period=2026&indicators=plan_courses");
        assertThat(Reports.row(now, "plan_courses").get("planned").asInt()).isEqualTo(2 + 3);
        assertThat(Reports.row(now, "plan_courses").get("value").asInt()).as("the linked course, held").isEqualTo(1);
        JsonNode frozen = world.reporter.get("/api/v1/reports/submissions/" + submitted.json().get("id").asText()).json();
        assertThat(frozen.get("report").get("rows").get(0).get("planned").asInt()).isEqualTo(24);
        JsonNode diff = world.reporter.get("/api/v1/reports/submissions/" + submitted.json().get("id").asText() + "/diff")
                .json();
        assertThat(diff.get("changes").toString()).as(diff.toString()).contains("planned");

        assertThat(TestServer.get().database.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("update")
                .and(AUDIT_LOG.ENTITY.eq("annual_plan")).and(AUDIT_LOG.ENTITY_ID.eq(plan.get("id").asText()))))
                .isEqualTo(1);

        // an amendment made from the copy read before is refused, in the caller's language, and changes nothing
        Api.Res stale = world.admin.inLanguage("vi").withHeader("If-Match", seen).put(linked.path(),
                amended(linked.plan(), "37/KH-UBND", asSent(linked.plan())));
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(stale.json().get("title").asText()).isEqualTo("Bản ghi đã thay đổi");
        assertThat(world.reporter.get(linked.path()).json()).isEqualTo(plan);
    }

    @Test
    void aCourseLinkedMeanwhileDoesNotMakeTheCopyStale() {
        Linked linked = linkedPlan();
        String seen = IfMatch.etag(world.admin.get(linked.path()));
        LocalDate day = LocalDate.of(2026, 4, 6);
        UUID another = Fixtures.course(world, world.communeA2, "open", day, day);
        String second = linked.plan().get("activities").get(1).get("id").asText();
        assertThat(world.organizer.put("/api/v1/courses/" + another + "/plan-activity", Map.of("activityId", second))
                .status()).isEqualTo(200);

        List<Map<String, Object>> activities = asSent(linked.plan());
        activities.get(1).put("budget", 2_000_000_000L);
        Api.Res saved = world.admin.withHeader("If-Match", seen).put(linked.path(),
                amended(linked.plan(), "37/KH-UBND", activities));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("activities").get(1).get("budget").asLong()).isEqualTo(2_000_000_000L);
        assertThat(saved.json().get("activities").get(1).get("linkedCourses").asInt()).isEqualTo(1);
    }

    @Test
    void whatWouldLeaveALinkedCourseWithoutItsPlanIsRefusedAndChangesNothing() {
        Linked linked = linkedPlan();
        List<Map<String, Object>> withoutTheLinked = asSent(linked.plan());
        withoutTheLinked.remove(0);
        withoutTheLinked.get(0).put("plannedCourses", 9);

        Api.Res removed = world.admin.inLanguage("en").put(linked.path(), amended(linked.plan(), "37/KH-UBND", withoutTheLinked));
        assertThat(removed.status()).as(removed.body()).isEqualTo(409);
        assertThat(removed.json().get("code").asText()).isEqualTo("activity_in_use");
        assertThat(removed.json().get("detail").asText()).contains("Activity 1", "1 courses");

        Api.Res anotherYear = world.admin.put(linked.path(), plan("37/KH-UBND", "2026-02-03", 2027,
                asSent(linked.plan())));
        assertThat(anotherYear.status()).as(anotherYear.body()).isEqualTo(409);
        assertThat(anotherYear.json().get("code").asText()).isEqualTo("plan_in_use");

        assertThat(world.reporter.get(linked.path()).json()).as("nothing changed").isEqualTo(linked.plan());

        // once the course is unlinked, the activity may go
        assertThat(world.organizer.put("/api/v1/courses/" + linked.course() + "/plan-activity",
                java.util.Collections.singletonMap("activityId", null)).status()).isEqualTo(200);
        Api.Res saved = world.admin.put(linked.path(), amended(linked.plan(), "37/KH-UBND", withoutTheLinked));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("activities")).hasSize(1);
        assertThat(saved.json().get("activities").get(0).get("plannedCourses").asInt()).isEqualTo(9);
    }

    @Test
    void anAmendmentNamesOnlyItsOwnActivitiesOnceAndANumberNotTakenThatYear() {
        Linked linked = linkedPlan();
        Api.Res other = world.admin.post("/api/v1/plans", plan("40/KH-UBND", "2026-05-04", 2026, List.of(
                activity("gbv_prevention", "commune_collaborators", "commune", 1, 30, null))));
        String othersActivity = other.json().get("activities").get(0).get("id").asText();

        List<Map<String, Object>> activities = asSent(linked.plan());
        activities.get(1).put("id", othersActivity);
        activities.add(new HashMap<>(activities.get(0)));
        Api.Res wrongIds = world.admin.put(linked.path(), amended(linked.plan(), "37/KH-UBND", activities));
        assertThat(wrongIds.status()).as(wrongIds.body()).isEqualTo(422);
        assertThat(wrongIds.json().get("errors")).extracting(e -> e.get("field").asText() + " " + e.get("code").asText())
                .containsExactlyInAnyOrder("activities[1].id not_of_this_plan", "activities[2].id duplicate_in_request");

        Api.Res taken = world.admin.put(linked.path(), amended(linked.plan(), "40/KH-UBND", asSent(linked.plan())));
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);
        assertThat(taken.json().get("code").asText()).isEqualTo("plan_number_taken");

        Api.Res unchanged = world.admin.put(linked.path(), amended(linked.plan(), "37/KH-UBND", asSent(linked.plan())));
        assertThat(unchanged.status()).as("its own number, sent again").isEqualTo(200);
        assertThat(unchanged.json()).isEqualTo(linked.plan());
        assertThat(TestServer.get().database.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ENTITY.eq("annual_plan")
                .and(AUDIT_LOG.ENTITY_ID.eq(linked.plan().get("id").asText())).and(AUDIT_LOG.ACTION.eq("update"))))
                .as("a plan sent again as it is changes nothing and logs nothing").isZero();

        // a plan being entered names no activity
        List<Map<String, Object>> withId = asSent(linked.plan());
        withId.subList(1, 2).clear();
        Api.Res entered = world.admin.post("/api/v1/plans", plan("41/KH-UBND", "2026-05-04", 2026, withId));
        assertThat(entered.status()).as(entered.body()).isEqualTo(422);
        assertThat(entered.json().get("errors").get(0).get("field").asText()).isEqualTo("activities[0].id");
    }

    @Test
    void aCourseLinkedWhileThePlanChangesEndsUnderAnActivityOfItsOwnYearOrNotLinked() throws Exception {
        LocalDate day = LocalDate.of(2026, 6, 1);
        for (int round = 0; round < 12; round++) {
            JsonNode plan = world.admin.post("/api/v1/plans", plan(round + "/KH-UBND", "2026-01-05", 2026, List.of(
                    activity("gbv_prevention", "commune_collaborators", "commune", 1, 30, null)))).json();
            String path = "/api/v1/plans/" + plan.get("id").asText();
            String activity = plan.get("activities").get(0).get("id").asText();
            UUID course = Fixtures.course(world, world.communeA1, "open", day, day);
            // the year moved, or the activity replaced by another
            Map<String, Object> change = round % 2 == 0
                    ? plan(round + "/KH-UBND", "2026-01-05", 2027, asSent(plan))
                    : amended(plan, round + "/KH-UBND", List.of(activity("gbv_prevention", "ge_officials", "province", 1, 30, null)));
            List<Api.Res> answers = AtOnce.run(List.of(
                    () -> world.admin.put(path, change),
                    () -> world.organizer.put("/api/v1/courses/" + course + "/plan-activity", Map.of("activityId", activity))));
            Api.Res amendment = answers.get(0);
            Api.Res link = answers.get(1);
            assertThat(List.of(amendment.status(), link.status())).as(amendment.body() + " " + link.body())
                    .containsExactlyInAnyOrder(200, link.status() == 200 ? 409 : 422);
            JsonNode now = world.reporter.get(path).json();
            if (link.status() == 200) {
                assertThat(now.get("year").asInt()).as("the amendment refused").isEqualTo(2026);
                assertThat(now.get("activities").get(0).get("id").asText()).isEqualTo(activity);
                assertThat(now.get("activities").get(0).get("linkedCourses").asInt()).isEqualTo(1);
            } else {
                assertThat(now.get("activities")).extracting(a -> a.get("linkedCourses").asInt()).containsOnly(0);
            }
        }
    }

    @Test
    void onlyTheProvincesOwnPlanIsAmendedByAProvinceWideManager() {
        Linked linked = linkedPlan();
        Map<String, Object> same = amended(linked.plan(), "37/KH-UBND", asSent(linked.plan()));
        assertThat(world.districtOrganizer.put(linked.path(), same).status()).isEqualTo(403);
        assertThat(world.reporter.put(linked.path(), same).status()).isEqualTo(403);
        World elsewhere = World.create();
        assertThat(elsewhere.admin.put(linked.path(), same).status()).as("another province's plan").isEqualTo(404);
        assertThat(world.admin.put("/api/v1/plans/" + UUID.randomUUID(), same).status()).isEqualTo(404);
    }
}
