package vn.bdg.registry.attendance;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
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
import static vn.bdg.registry.db.Tables.CHECK_IN;

/**
 * A scan decided against a duplicate record while the duplicate is being merged into the kept
 * record: the scan judged the person by the records as it read them (the duplicate, unmerged,
 * enrolled), and the merge moves the attendances that exist when it runs. Stored after the merge on
 * the merged record, the scan would be answered accepted while the person's sheet (the kept
 * record) showed her absent. The scan holds the people it stores for, so the merge moves it too.
 *
 * <p>The window between the scan's reading of people and its insert is held open here by a lock on
 * check_in; in use it is the time a batch of thousands of scans takes to be decided.
 */
class MergeDuringScanIT {
    private final World world = World.create();

    /** How many lock requests wait: on check_in, or on anything. */
    private static int waiting(DSLContext dsl, boolean onCheckIn) {
        return dsl.fetchOne("select count(*) from pg_locks where not granted"
                + (onCheckIn ? " and relation = 'check_in'::regclass" : "")).get(0, Integer.class);
    }

    private static void awaitWaiting(DSLContext dsl, int n, boolean onCheckIn) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (waiting(dsl, onCheckIn) < n && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(waiting(dsl, onCheckIn)).as("requests waiting for a lock").isGreaterThanOrEqualTo(n);
    }

    @Test
    void aScanDecidedBeforeAMergeAndStoredFirstIsMovedByTheMerge() throws Exception {
        // the scan has read the people and waits to store (at check_in); the merge waits after it
        raceOfScanAndMerge("lock table check_in in access exclusive mode", true);
    }

    @Test
    void aScanDecidedBeforeAMergeAndStoredAfterItIsDecidedAgainForTheKeptRecord() throws Exception {
        // the merge waits for the duplicate's row; the scan reads the people as unmerged, then waits
        // behind the merge to store: it finds the duplicate merged and decides again
        raceOfScanAndMerge("select 1 from participant where id = '%s' for update", false);
    }

    /**
     * A scan of the duplicate (manual, by its id) and the merge, both held by a lock the test takes
     * until both wait, sent in the order given. Whatever the order, the scan is accepted and the
     * person's attendance is on the kept record.
     */
    private void raceOfScanAndMerge(String lock, boolean scanFirst) throws Exception {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        UUID kept = Fixtures.participant(world, "Nông Thị Thảo", "female", world.communeA1);
        UUID duplicate = Fixtures.participant(world, "Nông Thị Thảo", "female", world.communeA1);
        Fixtures.enroll(world, course, kept);
        Fixtures.enroll(world, course, duplicate);
        DSLContext dsl = TestServer.get().database.dsl();

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> dsl.transaction(trx -> {
            trx.dsl().execute(lock.formatted(duplicate));
            locked.countDown();
            release.await(30, TimeUnit.SECONDS);
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            java.util.function.Supplier<Api.Res> scanning = () -> world.organizer.post(
                    "/api/v1/sessions/" + session + "/check-ins", Map.of(
                            "clientScanId", UUID.randomUUID().toString(), "participantId", duplicate.toString(),
                            "method", "manual", "scannedAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString(),
                            "deviceId", "phone-1"));
            java.util.function.Supplier<Api.Res> merging = () -> world.organizer.post(
                    "/api/v1/participants/" + kept + "/merge", Map.of("duplicateId", duplicate.toString()));
            CompletableFuture<Api.Res> first = CompletableFuture.supplyAsync(scanFirst ? scanning : merging);
            awaitWaiting(dsl, 1, scanFirst);
            CompletableFuture<Api.Res> second = CompletableFuture.supplyAsync(scanFirst ? merging : scanning);
            awaitWaiting(dsl, 2, false);
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);

            Api.Res scanned = (scanFirst ? first : second).get(30, TimeUnit.SECONDS);
            Api.Res merged = (scanFirst ? second : first).get(30, TimeUnit.SECONDS);
            assertThat(merged.status()).as(merged.body()).isEqualTo(200);
            assertThat(scanned.status()).as(scanned.body()).isIn(200, 201);
            assertThat(scanned.json().get("outcome").asText()).isEqualTo("accepted");
        } finally {
            release.countDown();
        }

        assertThat(dsl.fetchCount(CHECK_IN, CHECK_IN.PARTICIPANT_ID.eq(duplicate).and(Outcome.liveAttendance(CHECK_IN))))
                .as("live attendances left on the merged record").isZero();
        JsonNode thao = world.organizer.get("/api/v1/courses/" + course + "/attendance").json()
                .get("participants").get(0);
        assertThat(thao.get("participantId").asText()).isEqualTo(kept.toString());
        assertThat(thao.get("sessions").get(0).get("status").asText()).isEqualTo("present");
    }
}
