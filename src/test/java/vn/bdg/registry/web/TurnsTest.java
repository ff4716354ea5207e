package vn.bdg.registry.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TurnsTest {
    /** Threads of its own: every request here blocks, which the shared pool would not make room for. */
    private final ExecutorService requests = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        requests.shutdownNow();
    }

    @Test
    void aRequestThatComesBackRightAfterItsTurnGoesBehindTheOneAlreadyWaiting() throws Exception {
        // An unfair queue would let the request that has just given its turn back take it again at
        // once: the waiting one still has to be woken up.
        for (int round = 0; round < 20; round++) {
            Turns turns = new Turns(1, Duration.ofSeconds(30));
            List<String> served = new CopyOnWriteArrayList<>();
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> again = requests.submit(() -> {
                turns.take(() -> {
                    holding.countDown();
                    await(release);
                    return null;
                });
                return turns.take(() -> served.add("came back"));
            });
            holding.await();
            Future<?> waiting = requests.submit(() -> turns.take(() -> served.add("was waiting")));
            within(() -> turns.waiting() == 1);
            release.countDown();
            again.get(10, TimeUnit.SECONDS);
            waiting.get(10, TimeUnit.SECONDS);
            assertThat(served).as("round %d", round).containsExactly("was waiting", "came back");
        }
    }

    @Test
    void aRequestThatGetsNoTurnInTimeIsToldTheServiceIsBusyAndHowLongToWait() throws Exception {
        Turns turns = new Turns(1, Duration.ofMillis(50));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = requests.submit(() -> turns.take(() -> {
            holding.countDown();
            await(release);
            return null;
        }));
        holding.await();
        ApiException busy = catchThrowableOfType(ApiException.class, () -> turns.take(() -> "never run"));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.code()).isEqualTo("busy");
        assertThat(busy.args()).containsExactly(5);
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(turns.take(() -> "served")).as("the turn is given back, also after a failure").isEqualTo("served");
        assertThatThrownBy(() -> turns.take(() -> {
            throw new IllegalStateException("work failed");
        })).hasMessage("work failed");
        assertThat(turns.take(() -> "served again")).isEqualTo("served again");
    }

    @Test
    void atLeastOneRequestMustBeLetThrough() {
        assertThatThrownBy(() -> new Turns(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void within(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
