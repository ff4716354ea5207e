package vn.bdg.registry.certificate;

import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.HeldLock;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/**
 * A walk-in sent after the course was completed (queued on a phone with no signal) at the moment an
 * organiser issues, issues by hand or withholds a certificate of the course. The walk-in records the
 * consent given at the door on the person's record (an UPDATE of the participant), then locks the
 * course to enroll them; the certificate's request used to lock the course, then hold the people
 * (FOR SHARE). Taken in opposite orders, the two waited for each other until PostgreSQL aborted one
 * (a deadlock, answered 500).
 *
 * <p>The window is held open by a lock the test takes on the person's row until both wait.
 */
class IssuingDuringWalkInIT {
    private final World world = World.create();

    @ParameterizedTest
    @ValueSource(strings = {"issue", "issueByHand", "withhold"})
    void aCertificateRequestAtTheMomentOfAWalkInOfAnEnrolledPersonIsNeverAServerError(String request)
            throws Exception {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        // registered from an old list, before consents were recorded
        UUID person = Fixtures.participant(world, "Lò Thị Xuân", "female", world.communeA1);
        DSLContext dsl = TestServer.get().database.dsl();
        dsl.update(PARTICIPANT).set(PARTICIPANT.PHONE, "+84913555124").where(PARTICIPANT.ID.eq(person)).execute();
        Fixtures.enroll(world, course.id(), person);
        CertificateFixtures.attend(world, course, 0, person);

        OffsetDateTime scannedAt = course.dates().get(0).atTime(9, 0).atOffset(ZoneOffset.ofHours(7));
        Map<String, Object> walkIn = Map.of("sessionId", course.sessions().get(0).toString(),
                "clientScanId", UUID.randomUUID().toString(), "scannedAt", scannedAt.toString(),
                "sentAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString(), "deviceId", "phone-1",
                "participant", Map.of("fullName", "Lò Thị Xuân", "sex", "female", "phone", "0913 555 124",
                        "consent", Map.of("givenAt", scannedAt.toString(), "method", "verbal",
                                "coversSensitiveData", true)));
        String certificates = "/api/v1/courses/" + course.id() + "/certificates";
        Map<String, Object> reason = Map.of("reason", "Quyết định của ban tổ chức");
        java.util.function.Supplier<Api.Res> certificateRequest = switch (request) {
            case "issue" -> () -> world.organizer.post(certificates, Map.of());
            case "issueByHand" -> () -> world.organizer.post(certificates + "/" + person, reason);
            default -> () -> world.organizer.post(certificates + "/" + person + "/withhold", reason);
        };

        Api.Res walkedIn;
        Api.Res answered;
        try (HeldLock held = HeldLock.take("select 1 from participant where id = '" + person + "' for update")) {
            CompletableFuture<Api.Res> walking = CompletableFuture.supplyAsync(
                    () -> world.organizer.post("/api/v1/courses/" + course.id() + "/walk-ins", walkIn));
            HeldLock.awaitWaiting(1); // the walk-in waits to record the consent on the person
            CompletableFuture<Api.Res> asking = CompletableFuture.supplyAsync(certificateRequest);
            HeldLock.awaitWaiting(2); // the certificate's request waits too
            held.close();
            walkedIn = walking.get(30, TimeUnit.SECONDS);
            answered = asking.get(30, TimeUnit.SECONDS);
        }
        String at = request + " " + answered.status() + " " + answered.body()
                + " / walk-in " + walkedIn.status() + " " + walkedIn.body();
        assertThat(answered.status()).as(at).isEqualTo("issueByHand".equals(request) ? 201 : 200);
        assertThat(walkedIn.status()).as(at).isIn(200, 201);
    }
}
