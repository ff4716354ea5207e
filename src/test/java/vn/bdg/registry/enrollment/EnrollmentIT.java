package vn.bdg.registry.enrollment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.course.Fixtures;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.course.Fixtures.createCourse;
import static vn.bdg.registry.course.Fixtures.errorCodes;
import static vn.bdg.registry.course.Fixtures.errorFields;
import static vn.bdg.registry.course.Fixtures.participant;

class EnrollmentIT {
    private final World world = World.create();
    private final Api organizer = world.organizer;
    private final String course = createCourse(organizer, world.districtA);

    private Api.Res enroll(String courseId, Object body) {
        return organizer.post("/api/v1/courses/" + courseId + "/enrollments", body);
    }

    private String person(String name) {
        return participant(world, name, "female", world.communeA1);
    }

    private List<String> enrolledIds(String courseId) {
        return organizer.get("/api/v1/courses/" + courseId + "/enrollments?status=enrolled").json().get("items")
                .findValuesAsText("participantId");
    }

    @Test
    void anEnrollmentShowsThePersonAndTakesTheirTargetGroupAsOfTheCourse() {
        String hoa = participant(world, "Nguyễn Thị Hoà", "female", world.communeA1,
                "women_leaders", "commune_collaborators");
        Api.Res res = enroll(course, Map.of("participantId", hoa));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        JsonNode e = res.json();
        assertThat(e.get("role").asText()).isEqualTo("trainee");
        assertThat(e.get("status").asText()).isEqualTo("enrolled");
        assertThat(e.get("targetGroup").asText()).as("the first of her groups that the course targets")
                .isEqualTo("commune_collaborators");
        assertThat(e.get("participant").get("fullName").asText()).isEqualTo("Nguyễn Thị Hoà");
        assertThat(e.get("participant").get("unitCode").asText()).isEqualTo(world.communeA1);
        assertThat(e.get("withdrawnAt").isNull()).isTrue();

        String outsider = participant(world, "Hoàng Văn Nam", "male", world.communeA2, "businesses");
        assertThat(enroll(course, Map.of("participantId", outsider)).json().get("targetGroup").isNull()).isTrue();

        String chosen = participant(world, "Đinh Thị Lan", "female", world.communeA2, "ge_officials");
        Api.Res explicit = enroll(course, Map.of("participantId", chosen, "role", "observer",
                "targetGroup", "reporters_editors"));
        assertThat(explicit.json().get("targetGroup").asText()).isEqualTo("reporters_editors");
        assertThat(explicit.json().get("role").asText()).isEqualTo("observer");

        assertThat(organizer.get("/api/v1/courses/" + course).json().get("enrolledCount").asInt()).isEqualTo(3);
        assertThat(Fixtures.audit(world, "enrollment", e.get("id").asText()).get(0).get("action").asText())
                .isEqualTo("enroll");
    }

    @Test
    void aPersonIsEnrolledOnceAndAWithdrawnEnrollmentCanBeRenewed() {
        String mai = person("Lý Thị Mai");
        String id = enroll(course, Map.of("participantId", mai)).json().get("id").asText();

        Api.Res twice = enroll(course, Map.of("participantId", mai));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asText()).isEqualTo("already_enrolled");
        assertThat(errorFields(twice)).containsExactly("participantId");

        Api.Res withdrawn = organizer.post("/api/v1/courses/" + course + "/enrollments/" + id + "/withdraw",
                Map.of("reason", "Bận công tác"));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asText()).isEqualTo("withdrawn");
        assertThat(withdrawn.json().get("withdrawalReason").asText()).isEqualTo("Bận công tác");
        assertThat(withdrawn.json().get("withdrawnAt").isNull()).isFalse();
        assertThat(organizer.get("/api/v1/courses/" + course).json().get("enrolledCount").asInt()).isZero();

        Api.Res again = organizer.post("/api/v1/courses/" + course + "/enrollments/" + id + "/withdraw", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("already_withdrawn");

        Api.Res renewed = enroll(course, Map.of("participantId", mai, "role", "trainer"));
        assertThat(renewed.status()).isEqualTo(201);
        assertThat(renewed.json().get("id").asText()).as("the same enrollment, active again").isEqualTo(id);
        assertThat(renewed.json().get("status").asText()).isEqualTo("enrolled");
        assertThat(renewed.json().get("role").asText()).isEqualTo("trainer");
        assertThat(renewed.json().get("withdrawnAt").isNull()).isTrue();

        JsonNode audit = Fixtures.audit(world, "enrollment", id);
        assertThat(audit.findValuesAsText("action")).containsExactly("enroll", "withdraw", "enroll");
        assertThat(audit.get(0).get("before").get("status").asText()).isEqualTo("withdrawn");
    }

    @Test
    void withdrawingNeedsNoBody() {
        String id = enroll(course, Map.of("participantId", person("Vi Thị Hạnh"))).json().get("id").asText();
        Api.Res res = organizer.send("POST", "/api/v1/courses/" + course + "/enrollments/" + id + "/withdraw",
                null, null);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().get("withdrawalReason").isNull()).isTrue();
        assertThat(organizer.post("/api/v1/courses/" + course + "/enrollments/00000000-0000-0000-0000-000000000001"
                + "/withdraw", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void onlyVisibleUnmergedParticipantsCanBeEnrolled() {
        World elsewhere = World.create();
        String theirs = participant(elsewhere, "Người tỉnh khác", "male", elsewhere.communeA1);
        String kept = person("Triệu Thị Thu");
        String merged = person("Triệu Thi Thu");
        Fixtures.mergeInto(merged, kept);

        for (String id : List.of(theirs, merged, "00000000-0000-0000-0000-000000000001")) {
            Api.Res res = enroll(course, Map.of("participantId", id));
            assertThat(res.status()).as(res.body()).isEqualTo(422);
            assertThat(errorFields(res)).containsExactly("participantId");
            assertThat(errorCodes(res)).containsExactly("unknown_participant");
        }
        Api.Res group = enroll(course, Map.of("participantId", kept, "targetGroup", "astronauts"));
        assertThat(group.status()).isEqualTo(422);
        assertThat(errorFields(group)).containsExactly("targetGroup");
    }

    @Test
    void peopleFromAnotherDistrictMayJoinIfTheCallerCanSeeThem() {
        String traveller = participant(world, "Hà Thị Xuân", "female", world.communeB1);
        Api.Res byProvince = enroll(course, Map.of("participantId", traveller));
        assertThat(byProvince.status()).as(byProvince.body()).isEqualTo(201);

        String another = participant(world, "Hà Văn Đông", "male", world.communeB2);
        Api.Res byDistrict = world.districtOrganizer.post("/api/v1/courses/" + course + "/enrollments",
                Map.of("participantId", another));
        assertThat(byDistrict.status()).as("district A's organiser cannot see district B's people").isEqualTo(422);
    }

    @Test
    void aBatchIsAllOrNothingWithErrorsNamingTheItem() {
        List<String> people = List.of(person("Một"), person("Hai"), person("Ba"));
        Api.Res bad = enroll(course, Map.of("items", List.of(Map.of("participantId", people.get(0)),
                Map.of("participantId", people.get(1)), Map.of("participantId", "00000000-0000-0000-0000-000000000001"),
                Map.of("participantId", people.get(2), "targetGroup", "astronauts"))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(errorFields(bad)).containsExactly("items[2].participantId", "items[3].targetGroup");
        assertThat(enrolledIds(course)).isEmpty();

        Api.Res ok = enroll(course, Map.of("items", people.stream().map(p -> Map.of("participantId", p)).toList()));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("items").findValuesAsText("participantId")).isEqualTo(people);

        String fourth = person("Bốn");
        Api.Res partlyEnrolled = enroll(course, Map.of("items", List.of(Map.of("participantId", fourth),
                Map.of("participantId", people.get(1)))));
        assertThat(partlyEnrolled.status()).isEqualTo(409);
        assertThat(errorFields(partlyEnrolled)).containsExactly("items[1].participantId");
        assertThat(enrolledIds(course)).doesNotContain(fourth);
    }

    @Test
    void theLargestBatchIsEnrolledInOneRequest() {
        List<String> people = Fixtures.participants(world, EnrollmentService.MAX_BATCH, world.communeA2);
        long started = System.nanoTime();
        Api.Res res = enroll(course, Map.of("items", people.stream().map(p -> Map.of("participantId", p)).toList()));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(res.status()).as(res.body().substring(0, Math.min(500, res.body().length()))).isEqualTo(201);
        assertThat(res.json().get("items")).hasSize(EnrollmentService.MAX_BATCH);
        assertThat(organizer.get("/api/v1/courses/" + course).json().get("enrolledCount").asInt())
                .isEqualTo(EnrollmentService.MAX_BATCH);
        assertThat(millis).as("10,000 enrollments in seconds, not minutes").isLessThan(60_000);

        List<String> tooMany = new ArrayList<>(people);
        tooMany.add(person("Người thứ 10001"));
        Api.Res over = enroll(course, Map.of("items", tooMany.stream().map(p -> Map.of("participantId", p)).toList()));
        assertThat(over.status()).isEqualTo(400);
        assertThat(errorFields(over)).containsExactly("items");
    }

    @Test
    void badBatchesAreA400NamingTheItem() {
        String p = person("Năm");
        Api.Res missing = enroll(course, Map.of("items", List.of(Map.of("participantId", p), Map.of("role", "trainee"))));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(errorFields(missing)).containsExactly("items[1].participantId");

        Api.Res wrongType = enroll(course, Map.of("items", List.of(Map.of("participantId", 42))));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(errorFields(wrongType)).containsExactly("items[0].participantId");

        Api.Res repeated = enroll(course, Map.of("items", List.of(Map.of("participantId", p),
                Map.of("participantId", p, "role", "chef"))));
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(errorFields(repeated)).containsExactlyInAnyOrder("items[1].participantId", "items[1].role");

        Api.Res empty = enroll(course, Map.of("items", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(errorFields(empty)).containsExactly("items");

        Api.Res unknown = enroll(course, Map.of("participantId", p, "seat", 4));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(errorCodes(unknown)).containsExactly("unknown_field");

        Api.Res malformed = enroll(course, "{\"items\": [");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("malformed_json");
    }

    @Test
    void capacityCountsEnrolledTraineesOnly() {
        String small = createCourse(organizer, world.districtA, "capacity", 2);
        enroll(small, Map.of("participantId", person("A")));
        enroll(small, Map.of("participantId", person("B")));

        Api.Res full = organizer.inLanguage("en").post("/api/v1/courses/" + small + "/enrollments",
                Map.of("participantId", person("C")));
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.json().get("code").asText()).isEqualTo("capacity_reached");
        assertThat(full.json().get("detail").asText()).contains("2");

        assertThat(enroll(small, Map.of("participantId", person("D"), "role", "observer")).status())
                .as("observers do not take a place").isEqualTo(201);
        Api.Res batch = enroll(small, Map.of("items", List.of(Map.of("participantId", person("E"), "role", "trainer"),
                Map.of("participantId", person("F")))));
        assertThat(batch.status()).isEqualTo(409);
        assertThat(enrolledIds(small)).hasSize(3);

        String first = organizer.get("/api/v1/courses/" + small + "/enrollments").json().get("items").get(0)
                .get("id").asText();
        organizer.post("/api/v1/courses/" + small + "/enrollments/" + first + "/withdraw", Map.of());
        assertThat(enroll(small, Map.of("participantId", person("G"))).status()).isEqualTo(201);

        Api.Res tooSmall = organizer.patch("/api/v1/courses/" + small, Map.of("capacity", 1));
        assertThat(tooSmall.status()).as("capacity below the trainees enrolled").isEqualTo(422);
        assertThat(errorFields(tooSmall)).containsExactly("capacity");
    }

    @Test
    void concurrentEnrollmentsNeverOverfillACourse() throws Exception {
        int capacity = 5;
        int attempts = 20;
        String crowded = createCourse(organizer, world.districtA, "capacity", capacity);
        List<String> people = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            people.add(person("Người " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (String p : people) {
            results.add(pool.submit(() -> {
                start.await();
                return enroll(crowded, Map.of("participantId", p)).status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (var r : results) {
            statuses.add(r.get());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(capacity);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(attempts - capacity);
        assertThat(enrolledIds(crowded)).hasSize(capacity);
    }

    @Test
    void aCancelledCourseTakesNoEnrollments() {
        String cancelled = createCourse(organizer, world.districtA);
        Fixtures.moveTo(organizer, cancelled, "cancelled");
        Api.Res res = enroll(cancelled, Map.of("participantId", person("Hứa Thị Vân")));
        assertThat(res.status()).isEqualTo(409);
        assertThat(res.json().get("code").asText()).isEqualTo("course_closed");
    }

    @Test
    void theRosterPagesAndFiltersByStatus() {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            people.add(person("Học viên " + i));
        }
        Api.Res batch = enroll(course, Map.of("items", people.stream().map(p -> Map.of("participantId", p)).toList()));
        String withdrawn = batch.json().get("items").get(0).get("id").asText();
        organizer.post("/api/v1/courses/" + course + "/enrollments/" + withdrawn + "/withdraw", Map.of());

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Api.Res page = organizer.get("/api/v1/courses/" + course + "/enrollments?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            seen.addAll(page.json().get("items").findValuesAsText("participantId"));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(people).doesNotHaveDuplicates();

        assertThat(organizer.get("/api/v1/courses/" + course + "/enrollments?status=withdrawn").ids())
                .containsExactly(withdrawn);
        assertThat(enrolledIds(course)).hasSize(4);
        assertThat(organizer.get("/api/v1/courses/" + course + "/enrollments?status=gone").status()).isEqualTo(400);
    }
}
