package vn.bdg.registry.course;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.AtOnce;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

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
        List<Callable<Api.Res>> edits = new ArrayList<>();
        for (UUID id : ids) {
            edits.add(() -> world.organizer.patch("/api/v1/courses/" + id, Map.of("venue", "Hội trường UBND huyện")));
        }
        for (Api.Res res : AtOnce.run(edits)) {
            assertThat(res.status()).as(res.body()).isEqualTo(200);
        }
    }
}
