package vn.bdg.registry.certificate;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.CERTIFICATE;

/** Issuing a course's certificates while its people's records are changed by other requests. */
class CertificateRaceIT {
    private final World world = World.create();

    @Test
    void aMergeAtTheMomentOfIssuingNeverLeavesOnePersonTwoCertificatesOfTheCourse() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 30; round++) {
                CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
                UUID duplicate = Fixtures.participant(world, "Đinh Thị Thu", "female", world.communeA1);
                UUID kept = Fixtures.participant(world, "Đinh Thị Thu", "female", world.communeA1);
                Fixtures.enroll(world, course.id(), duplicate);
                Fixtures.enroll(world, course.id(), kept);
                CertificateFixtures.attend(world, course, 0, duplicate);
                CertificateFixtures.attend(world, course, 0, kept);

                CyclicBarrier together = new CyclicBarrier(2);
                Future<Api.Res> merge = pool.submit(() -> {
                    together.await();
                    return world.organizer.post("/api/v1/participants/" + kept + "/merge",
                            Map.of("duplicateId", duplicate.toString()));
                });
                Future<Api.Res> issue = pool.submit(() -> {
                    together.await();
                    return world.organizer.post("/api/v1/courses/" + course.id() + "/certificates", Map.of());
                });
                Api.Res merged = merge.get();
                Api.Res issued = issue.get();
                assertThat(issued.status()).as(issued.body()).isEqualTo(200);
                assertThat(merged.status()).as(merged.body()).isIn(200, 409);
                if (merged.status() == 200) {
                    // one person now: at most one valid certificate of the course, as a merge refuses two
                    List<String> live = TestServer.get().database.dsl().select(CERTIFICATE.NUMBER).from(CERTIFICATE)
                            .where(CERTIFICATE.COURSE_ID.eq(course.id()).and(CERTIFICATE.STATUS.eq("valid")))
                            .fetch(CERTIFICATE.NUMBER);
                    assertThat(live).as("round " + round + ": live certificates of the merged person").hasSize(1);
                } else {
                    assertThat(merged.json().get("code").asText()).isEqualTo("both_certified");
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
