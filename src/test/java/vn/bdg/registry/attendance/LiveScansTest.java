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

    private static List<ScanResult> accepted(List<CheckInService.Submitted> pass) {
        return pass.stream().map(s -> new ScanResult(s.scan().clientScanId(), Outcome.ACCEPTED, null, null, null,
                false)).toList();
    }

    private static Scan scan() {
        return new Scan(UUID.randomUUID(), UUID.randomUUID(), null, UUID.randomUUID(), "manual",
                OffsetDateTime.now(), "phone-1");
    }
}
