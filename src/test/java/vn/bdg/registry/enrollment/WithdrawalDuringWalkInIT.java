package vn.bdg.registry.enrollment;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
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
 * A withdrawal and a walk-in of the same person at the same course. The walk-in records the consent
 * given at the door on the person's record (an UPDATE of the participant), then enrolls, which locks
 * the course; the withdrawal used to lock the course, then hold the person (Erased.held, FOR SHARE).
 * Taken in opposite orders, the two waited for each other until PostgreSQL aborted one (deadlock, a 500).
 *
 * <p>The window is held open by a lock the test takes on the person's row until both wait.
 */
class WithdrawalDuringWalkInIT {
    private final World world = World.create();

    @Test
    void aWithdrawalAtTheMomentOfAWalkInOfThePersonIsNeverAServerError() throws Exception {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        Fixtures.assignTrainer(world, course, world.trainer);
        // registered from an old list, before consents were recorded
        UUID person = Fixtures.participant(world, "Sầm Thị Lan", "female", world.communeA1);
        DSLContext dsl = TestServer.get().database.dsl();
        dsl.update(PARTICIPANT).set(PARTICIPANT.PHONE, "+84913555123").where(PARTICIPANT.ID.eq(person)).execute();
        UUID enrollment = Fixtures.enroll(world, course, person);

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
        Map<String, Object> walkIn = Map.of("sessionId", session.toString(),
                "clientScanId", UUID.randomUUID().toString(), "scannedAt", now.toString(), "deviceId", "phone-1",
                "participant", Map.of("fullName", "Sầm Thị Lan", "sex", "female", "phone", "0913 555 123",
                        "consent", Map.of("givenAt", now.toString(), "method", "verbal",
                                "coversSensitiveData", true)));
        Api.Res w;
        Api.Res in;
        try (HeldLock held = HeldLock.take("select 1 from participant where id = '" + person + "' for update")) {
            CompletableFuture<Api.Res> walkedIn = CompletableFuture.supplyAsync(
                    () -> world.trainer.post("/api/v1/courses/" + course + "/walk-ins", walkIn));
            HeldLock.awaitWaiting(1); // the walk-in waits to record the consent on the person
            CompletableFuture<Api.Res> withdrawn = CompletableFuture.supplyAsync(
                    () -> world.organizer.post("/api/v1/courses/" + course + "/enrollments/" + enrollment
                            + "/withdraw", Map.of()));
            HeldLock.awaitWaiting(2); // the withdrawal waits for the person too
            held.close();
            w = withdrawn.get(30, TimeUnit.SECONDS);
            in = walkedIn.get(30, TimeUnit.SECONDS);
        }
        String at = "withdrawal " + w.status() + " " + w.body() + " / walk-in " + in.status() + " " + in.body();
        assertThat(w.status()).as(at).isEqualTo(200);
        assertThat(in.status()).as(at).isLessThan(500);
    }
}
