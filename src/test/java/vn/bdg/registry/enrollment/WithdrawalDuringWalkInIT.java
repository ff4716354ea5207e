package vn.bdg.registry.enrollment;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/**
 * A withdrawal and a walk-in of the same person at the same course. The walk-in records the consent
 * given at the door on the person's record (an UPDATE of the participant), then enrolls, which locks
 * the course; the withdrawal locks the course, then holds the person (Erased.held, FOR SHARE). Taken
 * in opposite orders, the two wait for each other until PostgreSQL aborts one (deadlock, a 500).
 *
 * <p>The window is held open by a lock the test takes on the person's row until both wait.
 */
class WithdrawalDuringWalkInIT {
    private final World world = World.create();

    /** Requests of this database waiting for a lock. */
    private static int waiting(DSLContext dsl) {
        return dsl.fetchOne("select count(*) from pg_stat_activity where datname = current_database()"
                + " and wait_event_type = 'Lock'").get(0, Integer.class);
    }

    private static void awaitWaiting(DSLContext dsl, int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (waiting(dsl) < n && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(waiting(dsl)).as("requests waiting for a lock").isGreaterThanOrEqualTo(n);
    }

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

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> dsl.transaction(trx -> {
            trx.dsl().execute("select 1 from participant where id = '" + person + "' for update");
            locked.countDown();
            release.await(30, TimeUnit.SECONDS);
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
            Map<String, Object> walkIn = Map.of("sessionId", session.toString(),
                    "clientScanId", UUID.randomUUID().toString(), "scannedAt", now.toString(), "deviceId", "phone-1",
                    "participant", Map.of("fullName", "Sầm Thị Lan", "sex", "female", "phone", "0913 555 123",
                            "consent", Map.of("givenAt", now.toString(), "method", "verbal",
                                    "coversSensitiveData", true)));
            CompletableFuture<Api.Res> walkedIn = CompletableFuture.supplyAsync(
                    () -> world.trainer.post("/api/v1/courses/" + course + "/walk-ins", walkIn));
            awaitWaiting(dsl, 1); // the walk-in waits to record the consent on the person
            CompletableFuture<Api.Res> withdrawn = CompletableFuture.supplyAsync(
                    () -> world.organizer.post("/api/v1/courses/" + course + "/enrollments/" + enrollment
                            + "/withdraw", Map.of()));
            awaitWaiting(dsl, 2); // the withdrawal, the course locked, waits for the person
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);

            Api.Res w = withdrawn.get(30, TimeUnit.SECONDS);
            Api.Res in = walkedIn.get(30, TimeUnit.SECONDS);
            String at = "withdrawal " + w.status() + " " + w.body() + " / walk-in " + in.status() + " " + in.body();
            assertThat(w.status()).as(at).isEqualTo(200);
            assertThat(in.status()).as(at).isLessThan(500);
        } finally {
            release.countDown();
        }
    }
}
