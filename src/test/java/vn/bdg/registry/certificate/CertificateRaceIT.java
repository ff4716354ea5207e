package vn.bdg.registry.certificate;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.AtOnce;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.CERTIFICATE;
import static vn.bdg.registry.db.Tables.SIGNING_KEY;

/** Issuing a course's certificates while its people's records are changed by other requests. */
class CertificateRaceIT {
    private final World world = World.create();

    @Test
    void aMergeAtTheMomentOfIssuingNeverLeavesOnePersonTwoCertificatesOfTheCourse() throws Exception {
        for (int round = 0; round < 30; round++) {
            CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
            UUID duplicate = Fixtures.participant(world, "Đinh Thị Thu", "female", world.communeA1);
            UUID kept = Fixtures.participant(world, "Đinh Thị Thu", "female", world.communeA1);
            Fixtures.enroll(world, course.id(), duplicate);
            Fixtures.enroll(world, course.id(), kept);
            CertificateFixtures.attend(world, course, 0, duplicate);
            CertificateFixtures.attend(world, course, 0, kept);

            List<Api.Res> answers = AtOnce.run(List.of(
                    () -> world.organizer.post("/api/v1/participants/" + kept + "/merge",
                            Map.of("duplicateId", duplicate.toString())),
                    () -> world.organizer.post("/api/v1/courses/" + course.id() + "/certificates", Map.of())));
            Api.Res merged = answers.get(0);
            Api.Res issued = answers.get(1);
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
    }

    @Test
    void certificatesIssuedWhileTheSigningKeyIsRetiredCarryACredentialThatVerifies() throws Exception {
        for (int round = 0; round < 20; round++) {
            CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
            for (int i = 0; i < 10; i++) {
                UUID person = Fixtures.participant(world, "Hoàng Thị Mai " + i, "female", world.communeA1);
                Fixtures.enroll(world, course.id(), person);
                CertificateFixtures.attend(world, course, 0, person);
            }
            Api.Res rotated = world.admin.post("/api/v1/keys/rotate", Map.of());
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
            String signingKid = rotated.json().get("kid").asText();
            String retiring = signingKid;
            int delay = round * 3; // the retirement a little later each round: somewhere into the issuing
            List<Api.Res> answers = AtOnce.staggered(
                    () -> world.organizer.post("/api/v1/courses/" + course.id() + "/certificates", Map.of()), delay,
                    () -> world.admin.post("/api/v1/keys/" + retiring + "/retire", Map.of()));
            assertThat(answers.get(1).status()).isEqualTo(204);
            Api.Res issued = answers.get(0);
            assertThat(issued.status()).as(issued.body()).isEqualTo(200);
            // a valid certificate's credential is signed by a key that still verifies
            var db = TestServer.get().database.dsl();
            List<String> credentials = db.select(CERTIFICATE.CREDENTIAL).from(CERTIFICATE)
                    .where(CERTIFICATE.COURSE_ID.eq(course.id()).and(CERTIFICATE.STATUS.eq("valid")))
                    .fetch(CERTIFICATE.CREDENTIAL);
            assertThat(credentials).hasSize(10);
            for (String credential : credentials) {
                String header = new String(Base64.getUrlDecoder().decode(credential.split("\\.")[0]),
                        StandardCharsets.UTF_8);
                String kid = header.replaceAll(".*\"kid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                assertThat(db.select(SIGNING_KEY.RETIRED_AT).from(SIGNING_KEY).where(SIGNING_KEY.KID.eq(kid))
                        .fetchOne(SIGNING_KEY.RETIRED_AT)).as("round " + round + ": key " + kid + " retired").isNull();
            }
        }
    }

    @Test
    void manyCoursesIssuedAtOnceAreAllIssued() throws Exception {
        // more issuing requests at once than the service has database connections (16)
        int courses = 24;
        List<CertificateFixtures.Course> completed = new java.util.ArrayList<>();
        for (int i = 0; i < courses; i++) {
            CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
            UUID person = Fixtures.participant(world, "Lò Thị Én " + i, "female", world.communeA1);
            Fixtures.enroll(world, course.id(), person);
            CertificateFixtures.attend(world, course, 0, person);
            completed.add(course);
        }
        List<Callable<Api.Res>> issues = new java.util.ArrayList<>();
        for (CertificateFixtures.Course course : completed) {
            issues.add(() -> world.organizer.post("/api/v1/courses/" + course.id() + "/certificates", Map.of()));
        }
        for (Api.Res res : AtOnce.run(issues)) {
            assertThat(res.status()).as(res.body()).isEqualTo(200);
            assertThat(res.json().get("created").asInt()).isEqualTo(1);
        }
    }
}
