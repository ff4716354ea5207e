package vn.bdg.registry.enrollment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.course.CourseRepository;
import vn.bdg.registry.course.Fixtures;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.COURSE_TRAINER;
import static vn.bdg.registry.course.Fixtures.createCourse;
import static vn.bdg.registry.course.Fixtures.createSession;
import static vn.bdg.registry.course.Fixtures.errorFields;
import static vn.bdg.registry.course.Fixtures.userId;

class TrainerAssignmentIT {
    private final World world = World.create();
    private final Api organizer = world.organizer;
    private final String course = createCourse(organizer, world.districtA);
    private final String trainerId = userId(world.trainer);

    private Api.Res assign(String courseId, String userId) {
        return organizer.post("/api/v1/courses/" + courseId + "/trainers", Map.of("userId", userId));
    }

    @Test
    void anAssignedTrainerIsListedOnceAndTheChangeIsAudited() {
        Api.Res res = assign(course, trainerId);
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        assertThat(res.json().get("username").asText()).isEqualTo(world.username("trainer"));
        assertThat(res.json().get("assignedAt").isNull()).isFalse();

        Api.Res twice = assign(course, trainerId);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asText()).isEqualTo("already_assigned");

        assertThat(assign(course, userId(organizer)).status()).as("organisers may teach too").isEqualTo(201);
        JsonNode list = organizer.get("/api/v1/courses/" + course + "/trainers").json().get("items");
        assertThat(list.findValuesAsText("userId")).containsExactly(trainerId, userId(organizer));

        assertThat(organizer.delete("/api/v1/courses/" + course + "/trainers/" + trainerId).status()).isEqualTo(204);
        assertThat(organizer.delete("/api/v1/courses/" + course + "/trainers/" + trainerId).status()).isEqualTo(404);
        assertThat(Fixtures.audit(world, "course_trainer", course).findValuesAsText("action"))
                .containsExactly("unassign", "assign", "assign");
    }

    @Test
    void onlyTrainersAndOrganizersOfTheProvinceCanBeAssigned() {
        World elsewhere = World.create();
        for (String id : List.of(userId(world.reporter), userId(world.admin), userId(elsewhere.trainer),
                "00000000-0000-0000-0000-000000000001")) {
            Api.Res res = assign(course, id);
            assertThat(res.status()).as(res.body()).isEqualTo(422);
            assertThat(errorFields(res)).containsExactly("userId");
        }
        Api.Res missing = organizer.post("/api/v1/courses/" + course + "/trainers", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(errorFields(missing)).containsExactly("userId");
        Api.Res wrongType = organizer.post("/api/v1/courses/" + course + "/trainers", Map.of("userId", "me"));
        assertThat(wrongType.status()).isEqualTo(400);
    }

    @Test
    void aDistrictOrganizerLearnsNothingOfAnotherDistrictsAccountFromAnAssignment() {
        String ownCourse = createCourse(world.districtOrganizer, world.districtA);
        String otherDistrictTrainer = userId(world.newUser("btrainer", Role.trainer, world.districtB));
        // the account is none of theirs to see ...
        assertThat(world.districtOrganizer.get("/api/v1/users/" + otherDistrictTrainer).status()).isEqualTo(404);
        // ... so naming it is answered as naming no account at all
        Api.Res named = world.districtOrganizer.post("/api/v1/courses/" + ownCourse + "/trainers",
                Map.of("userId", otherDistrictTrainer));
        Api.Res nobody = world.districtOrganizer.post("/api/v1/courses/" + ownCourse + "/trainers",
                Map.of("userId", UUID.randomUUID().toString()));
        assertThat(nobody.status()).isEqualTo(422);
        assertThat(named.status()).as(named.body()).isEqualTo(422);
        assertThat(named.json().get("errors")).isEqualTo(nobody.json().get("errors"));
        // a province-wide trainer, whose scope holds the course, is still assigned
        assertThat(world.districtOrganizer.post("/api/v1/courses/" + ownCourse + "/trainers",
                Map.of("userId", trainerId)).status()).isEqualTo(201);
    }

    @Test
    void aTrainerOfADistrictIsAssignedOnlyToCoursesOfTheirDistrictAndScansEveryCourseTheySee() {
        Api districtTrainer = world.newUser("dtrainer", Role.trainer, world.districtA);
        String districtTrainerId = userId(districtTrainer);
        String elsewhere = createCourse(organizer, world.districtB);
        createSession(organizer, elsewhere, Fixtures.START);

        Api.Res refused = assign(elsewhere, districtTrainerId);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(errorFields(refused)).containsExactly("userId");
        assertThat(refused.json().get("errors").get(0).get("code").asText()).isEqualTo("out_of_scope");
        Api.Res inEnglish = organizer.inLanguage("en").post("/api/v1/courses/" + elsewhere + "/trainers",
                Map.of("userId", districtTrainerId));
        assertThat(inEnglish.json().get("errors").get(0).get("message").asText()).contains("district or commune");
        Api.Res inVietnamese = organizer.inLanguage("vi").post("/api/v1/courses/" + elsewhere + "/trainers",
                Map.of("userId", districtTrainerId));
        assertThat(inVietnamese.json().get("errors").get(0).get("message").asText()).contains("huyện hoặc xã");
        assertThat(organizer.get("/api/v1/courses/" + elsewhere + "/trainers").json().get("items")).isEmpty();

        // in their district: assigned, seen and scannable alike
        String session = createSession(organizer, course, Fixtures.START);
        assertThat(assign(course, districtTrainerId).status()).isEqualTo(201);
        assertThat(districtTrainer.get("/api/v1/courses").ids()).containsExactly(course);
        assertThat(districtTrainer.get("/api/v1/me/sessions?date=" + Fixtures.START).ids()).containsExactly(session);
        assertThat(districtTrainer.get("/api/v1/sessions/" + session + "/roster").status()).isEqualTo(200);

        // an assignment out of scope made before this rule shows the course nowhere, rather than in one view only
        TestServer.get().database.dsl().insertInto(COURSE_TRAINER)
                .set(COURSE_TRAINER.COURSE_ID, UUID.fromString(elsewhere))
                .set(COURSE_TRAINER.USER_ID, UUID.fromString(districtTrainerId))
                .set(COURSE_TRAINER.PROVINCE_CODE, world.province).execute();
        assertThat(districtTrainer.get("/api/v1/courses").ids()).containsExactly(course);
        assertThat(districtTrainer.get("/api/v1/courses/" + elsewhere).status()).isEqualTo(404);
    }

    @Test
    void aCourseIsNotMovedOutOfTheUnitOfATrainerAssignedToIt() {
        Api districtTrainer = world.newUser("dtrainer", Role.trainer, world.districtA);
        String districtTrainerId = userId(districtTrainer);
        String session = createSession(organizer, course, Fixtures.START);
        assertThat(assign(course, districtTrainerId).status()).isEqualTo(201);
        assertThat(assign(course, trainerId).status()).as("a province-wide trainer goes anywhere").isEqualTo(201);

        Api.Res moved = organizer.inLanguage("en").patch("/api/v1/courses/" + course,
                Map.of("unitCode", world.districtB));
        assertThat(moved.status()).as(moved.body()).isEqualTo(422);
        assertThat(errorFields(moved)).containsExactly("unitCode");
        JsonNode error = moved.json().get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("trainers_out_of_scope");
        assertThat(error.get("message").asText()).contains(world.username("dtrainer"))
                .doesNotContain(world.username("trainer"));
        Api.Res inVietnamese = organizer.inLanguage("vi").patch("/api/v1/courses/" + course,
                Map.of("unitCode", world.districtB));
        assertThat(inVietnamese.json().get("errors").get(0).get("message").asText())
                .contains(world.username("dtrainer"));
        // the trainer still sees and scans the course they were given
        assertThat(organizer.get("/api/v1/courses/" + course).json().get("unitCode").asText())
                .isEqualTo(world.districtA);
        assertThat(districtTrainer.get("/api/v1/sessions/" + session + "/roster").status()).isEqualTo(200);

        // within the trainer's district the course may move; once they are unassigned, anywhere
        assertThat(organizer.patch("/api/v1/courses/" + course, Map.of("unitCode", world.communeA1)).status())
                .isEqualTo(200);
        assertThat(organizer.delete("/api/v1/courses/" + course + "/trainers/" + districtTrainerId).status())
                .isEqualTo(204);
        Api.Res movedNow = organizer.patch("/api/v1/courses/" + course, Map.of("unitCode", world.districtB));
        assertThat(movedNow.status()).as(movedNow.body()).isEqualTo(200);
    }

    @Test
    void aTrainerSeesExactlyTheCoursesAssignedToThem() {
        String other = createCourse(organizer, world.districtB);
        String session = createSession(organizer, course, Fixtures.START);
        String otherSession = createSession(organizer, other, Fixtures.START);
        Api trainer = world.trainer;

        assertThat(trainer.get("/api/v1/courses/" + course).status()).isEqualTo(404);
        assertThat(trainer.get("/api/v1/courses").ids()).isEmpty();

        assign(course, trainerId);
        assertThat(trainer.get("/api/v1/courses").ids()).containsExactly(course);
        assertThat(trainer.get("/api/v1/courses/" + course).status()).isEqualTo(200);
        assertThat(trainer.get("/api/v1/courses/" + course + "/sessions").ids()).containsExactly(session);
        assertThat(trainer.get("/api/v1/sessions/" + session).status()).isEqualTo(200);
        assertThat(trainer.get("/api/v1/courses/" + course + "/enrollments").status()).isEqualTo(200);

        assertThat(trainer.get("/api/v1/courses/" + other).status()).isEqualTo(404);
        assertThat(trainer.get("/api/v1/courses/" + other + "/sessions").status()).isEqualTo(404);
        assertThat(trainer.get("/api/v1/sessions/" + otherSession).status()).isEqualTo(404);
        assertThat(trainer.get("/api/v1/courses/" + other + "/enrollments").status()).isEqualTo(404);

        organizer.delete("/api/v1/courses/" + course + "/trainers/" + trainerId);
        assertThat(trainer.get("/api/v1/courses/" + course).status()).as("unassigned: gone again").isEqualTo(404);
    }

    @Test
    void otherFeaturesCanAskWhichCoursesAUserIsAssignedTo() {
        CourseRepository courses = new CourseRepository(TestServer.get().database.dsl());
        String other = createCourse(organizer, world.districtB);
        assign(course, trainerId);
        assign(other, trainerId);
        organizer.delete("/api/v1/courses/" + other + "/trainers/" + trainerId);

        UUID trainer = UUID.fromString(trainerId);
        assertThat(courses.isAssigned(trainer, UUID.fromString(course))).isTrue();
        assertThat(courses.isAssigned(trainer, UUID.fromString(other))).isFalse();
        assertThat(courses.coursesAssignedTo(trainer)).containsExactly(UUID.fromString(course));
    }

    @Test
    void aTrainerOnlyReads() {
        assign(course, trainerId);
        Api trainer = world.trainer;
        assertThat(trainer.patch("/api/v1/courses/" + course, Map.of("title", "x")).status()).isEqualTo(403);
        assertThat(trainer.post("/api/v1/courses", Fixtures.course(world.districtA)).status()).isEqualTo(403);
        assertThat(trainer.post("/api/v1/courses/" + course + "/trainers",
                Map.of("userId", trainerId)).status()).isEqualTo(403);
        Api another = world.newUser("trainer2", Role.trainer, null);
        assertThat(another.get("/api/v1/courses/" + course).status()).as("assigned to someone else").isEqualTo(404);
    }
}
