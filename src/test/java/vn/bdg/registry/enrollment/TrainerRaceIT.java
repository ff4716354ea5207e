package vn.bdg.registry.enrollment;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.AtOnce;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** Trainers assigned by many organisers at once. */
class TrainerRaceIT {
    private final World world = World.create();

    @Test
    void aDistrictTrainerAssignedToManyCoursesAtOnceIsAssignedToEach() throws Exception {
        // more assignments at once than the service has database connections (16)
        int courses = 24;
        Api trainer = world.newUser("trainer.race", Role.trainer, world.districtA);
        String trainerId = trainer.get("/api/v1/me").json().get("id").asText();
        LocalDate start = LocalDate.now(Fixtures.VIETNAM).plusDays(20);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < courses; i++) {
            ids.add(Fixtures.course(world, world.districtA, "open", start, start.plusDays(1)));
        }
        List<Callable<Api.Res>> assignments = new ArrayList<>();
        for (UUID id : ids) {
            assignments.add(() -> world.organizer.post("/api/v1/courses/" + id + "/trainers", Map.of("userId", trainerId)));
        }
        for (Api.Res res : AtOnce.run(assignments)) {
            assertThat(res.status()).as(res.body()).isEqualTo(201);
        }
    }
}
