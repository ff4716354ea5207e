package vn.bdg.registry.enrollment;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.AtOnce;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.APP_USER;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.COURSE_TRAINER;

/**
 * A trainer scoped to a unit is assigned only to courses held in it (TrainerService.assign), and is
 * not moved away from the courses assigned to them (UserService.update), nor a course away from its
 * trainers (CourseService.update): also when two of these writes come at the same moment.
 */
class TrainerScopeRaceIT {
    private final World world = World.create();

    /** Assignments whose trainer's unit scope does not hold the course's unit. */
    private List<String> outOfScope(UUID course) {
        var dsl = TestServer.get().database.dsl();
        String courseUnit = dsl.select(COURSE.UNIT_CODE).from(COURSE).where(COURSE.ID.eq(course))
                .fetchOne(COURSE.UNIT_CODE);
        return dsl.select(APP_USER.USERNAME, APP_USER.UNIT_CODE).from(COURSE_TRAINER)
                .join(APP_USER).on(APP_USER.ID.eq(COURSE_TRAINER.USER_ID))
                .where(COURSE_TRAINER.COURSE_ID.eq(course)).fetch().stream()
                .filter(r -> r.value2() != null && !courseUnit.startsWith(r.value2()))
                .map(r -> r.value1() + " of " + r.value2() + " on a course of " + courseUnit).toList();
    }

    @Test
    void aTrainerMovedToAnotherDistrictWhileBeingAssignedIsNeverLeftOnACourseOutsideTheirScope() throws Exception {
        LocalDate start = LocalDate.now(Fixtures.VIETNAM).plusDays(20);
        for (int round = 0; round < 40; round++) {
            UUID course = Fixtures.course(world, world.communeA1, "open", start, start.plusDays(1));
            Api trainer = world.newUser("race" + round, Role.trainer, world.districtA);
            String trainerId = trainer.get("/api/v1/me").json().get("id").asText();
            int delay = round % 8; // the assignment a little later each round: somewhere into the move
            List<Api.Res> answers = AtOnce.staggered(
                    () -> world.admin.patch("/api/v1/users/" + trainerId, Map.of("unitCode", world.districtB)), delay,
                    () -> world.organizer.post("/api/v1/courses/" + course + "/trainers", Map.of("userId", trainerId)));
            Api.Res moved = answers.get(0);
            Api.Res assigned = answers.get(1);
            assertThat(moved.status()).as("round " + round + ": " + moved.body()).isIn(200, 422);
            assertThat(assigned.status()).as("round " + round + ": " + assigned.body()).isIn(201, 422);
            assertThat(outOfScope(course)).as("round " + round + ": moved " + moved.status() + ", assigned "
                    + assigned.status()).isEmpty();
        }
    }

    @Test
    void aCourseAndItsTrainerMovedApartAtOnceAreNeverLeftOutOfEachOthersScope() throws Exception {
        LocalDate start = LocalDate.now(Fixtures.VIETNAM).plusDays(20);
        for (int round = 0; round < 40; round++) {
            // the trainer's district holds both communes: each move alone keeps the course in scope
            UUID course = Fixtures.course(world, world.communeA1, "open", start, start.plusDays(1));
            Api trainer = world.newUser("apart" + round, Role.trainer, world.districtA);
            String trainerId = trainer.get("/api/v1/me").json().get("id").asText();
            Fixtures.assignTrainer(world, course, trainer);
            int delay = round % 8;
            List<Api.Res> answers = AtOnce.staggered(
                    () -> world.admin.patch("/api/v1/users/" + trainerId, Map.of("unitCode", world.communeA1)), delay,
                    () -> world.organizer.patch("/api/v1/courses/" + course, Map.of("unitCode", world.communeA2)));
            Api.Res trainerMoved = answers.get(0);
            Api.Res courseMoved = answers.get(1);
            assertThat(trainerMoved.status()).as("round " + round + ": " + trainerMoved.body()).isIn(200, 422);
            assertThat(courseMoved.status()).as("round " + round + ": " + courseMoved.body()).isIn(200, 422);
            assertThat(outOfScope(course)).as("round " + round + ": trainer moved " + trainerMoved.status()
                    + ", course moved " + courseMoved.status()).isEmpty();
        }
    }
}
