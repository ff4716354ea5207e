package vn.bdg.registry.enrollment;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        ExecutorService pool = Executors.newFixedThreadPool(courses);
        try {
            CyclicBarrier together = new CyclicBarrier(courses);
            List<Future<Api.Res>> sent = new ArrayList<>();
            for (UUID id : ids) {
                sent.add(pool.submit(() -> {
                    together.await();
                    return world.organizer.post("/api/v1/courses/" + id + "/trainers", Map.of("userId", trainerId));
                }));
            }
            for (Future<Api.Res> res : sent) {
                assertThat(res.get().status()).as(res.get().body()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
    }
}
