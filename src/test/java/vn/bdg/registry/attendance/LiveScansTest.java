package vn.bdg.registry.attendance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-over of passes in LiveScans, apart from what a pass stores (the store here answers at
 * once, which makes passes end as close together as they ever will): whatever the interleaving,
 * every scan is answered and no pass stays taken once all are. The storing itself is tested against
 * PostgreSQL in ScanTurnsIT and CheckInIT.
 */
class LiveScansTest {
    private static final int PHONES = 16;
    private static final int SCANS_EACH = 3_000;

    @Test
    void passesEndingTogetherNeverKeepATurnTakenWithNobodyToRunIt() throws Exception {
        LiveScans scans = new LiveScans(LiveScansTest::accepted, 2, Duration.ofSeconds(30));
        ExecutorService phones = Executors.newFixedThreadPool(PHONES);
        try {
            List<CompletableFuture<Integer>> answered = new ArrayList<>();
            for (int p = 0; p < PHONES; p++) {
                answered.add(CompletableFuture.supplyAsync(() -> {
                    int n = 0;
                    for (int i = 0; i < SCANS_EACH; i++) {
                        if (Outcome.ACCEPTED.equals(scans.checkIn(null, scan()).outcome())) {
                            n++;
                        }
                    }
                    return n;
                }, phones));
            }
            for (CompletableFuture<Integer> phone : answered) {
                assertThat(phone.get()).isEqualTo(SCANS_EACH);
            }
            // a turn still taken here would never be given back: each one lost makes every later
            // scan wait longer, and with all of them lost every scan is answered 503 busy
            assertThat(scans.passesTaken()).isZero();
        } finally {
            phones.shutdown();
        }
    }

    @Test
    void aPassTheDatabaseCannotTakeFailsAtOnceRatherThanEachScanWaitingAgainAlone() throws Exception {
        var firstPassStarted = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var passesStored = new java.util.concurrent.atomic.AtomicInteger();
        LiveScans scans = new LiveScans(pass -> {
            if (passesStored.incrementAndGet() == 1) {
                firstPassStarted.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // what jOOQ throws when the pool has no connection within its wait
            throw new org.jooq.exception.DataAccessException("no connection",
                    new java.sql.SQLTransientConnectionException("registry - Connection is not available"));
        }, 1, Duration.ofSeconds(30));
        ExecutorService phones = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Boolean>> answered = new ArrayList<>();
            answered.add(CompletableFuture.supplyAsync(() -> failsAsUnreachable(scans), phones));
            firstPassStarted.await();
            for (int i = 0; i < 3; i++) {
                answered.add(CompletableFuture.supplyAsync(() -> failsAsUnreachable(scans), phones));
            }
            Thread.sleep(300); // the three are waiting, to be taken together into the next pass
            release.countDown();
            for (CompletableFuture<Boolean> scan : answered) {
                assertThat(scan.get()).isTrue();
            }
            // the pass of three tried once (not once together and then once for each): each try
            // waits the pool's full wait while the database is down
            assertThat(passesStored.get()).isEqualTo(2);
            assertThat(scans.passesTaken()).isZero();
        } finally {
            phones.shutdown();
        }
    }

    private static boolean failsAsUnreachable(LiveScans scans) {
        try {
            scans.checkIn(null, scan());
            return false;
        } catch (RuntimeException e) {
            return vn.bdg.registry.web.ErrorHandlers.databaseUnreachable(e);
        }
    }

    private static List<ScanResult> accepted(List<CheckInService.Submitted> pass) {
        return pass.stream().map(s -> new ScanResult(s.scan().clientScanId(), Outcome.ACCEPTED, null, null, null,
                false)).toList();
    }

    private static Scan scan() {
        return new Scan(UUID.randomUUID(), UUID.randomUUID(), null, UUID.randomUUID(), "manual",
                OffsetDateTime.now(), "phone-1");
    }
}
