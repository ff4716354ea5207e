package vn.bdg.registry.course;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
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
import static vn.bdg.registry.db.Tables.ORGANIZATION;

/** Courses edited by many organisers at once. */
class CourseRaceIT {
    private final World world = World.create();

    @Test
    void manyCoursesEditedAtOnceAreAllEdited() throws Exception {
        // more edits at once than the service has database connections (16)
        int courses = 24;
        UUID organizer = TestServer.get().database.dsl().insertInto(ORGANIZATION)
                .set(ORGANIZATION.PROVINCE_CODE, world.province).set(ORGANIZATION.NAME, "Hội LHPN tỉnh")
                .returning(ORGANIZATION.ID).fetchOne(ORGANIZATION.ID);
        LocalDate start = LocalDate.now(Fixtures.VIETNAM).plusDays(20);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < courses; i++) {
            ids.add(Fixtures.course(world, world.districtA, "open", start, start.plusDays(1), "training",
                    new String[0], new String[0], "district", organizer));
        }
        ExecutorService pool = Executors.newFixedThreadPool(courses);
        try {
            CyclicBarrier together = new CyclicBarrier(courses);
            List<Future<Api.Res>> sent = new ArrayList<>();
            for (UUID id : ids) {
                sent.add(pool.submit(() -> {
                    together.await();
                    return world.organizer.patch("/api/v1/courses/" + id, Map.of("venue", "Hội trường UBND huyện"));
                }));
            }
            for (Future<Api.Res> res : sent) {
                assertThat(res.get().status()).as(res.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
    }
}
