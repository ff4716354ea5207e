package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TurnsTest {
    @Test
    void waitingRequestsAreServedInTheOrderTheyCame() throws Exception {
        Turns turns = new Turns(1, Duration.ofSeconds(30));
        Holder first = Holder.takeTheOnlyTurn(turns);
        List<String> served = new CopyOnWriteArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            int before = turns.waiting();
            CompletableFuture.runAsync(() -> turns.take(() -> served.add(name)));
            while (turns.waiting() == before) {
                Thread.onSpinWait(); // until this one is in the queue, so that the order of arrival is known
            }
        }
        first.giveBack();
        while (served.size() < 4) {
            Thread.onSpinWait();
        }
        assertThat(served).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aRequestThatGetsNoTurnInTimeIsToldTheServiceIsBusyAndHowLongToWait() throws Exception {
        Turns turns = new Turns(1, Duration.ofMillis(50));
        Holder first = Holder.takeTheOnlyTurn(turns);
        ApiException busy = catchThrowableOfType(ApiException.class, () -> turns.take(() -> "never run"));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.code()).isEqualTo("busy");
        assertThat(busy.args()).containsExactly(5);
        first.giveBack();
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

    /** Another thread holding a turn until told to give it back. */
    private record Holder(CountDownLatch release, CompletableFuture<Void> done) {
        static Holder takeTheOnlyTurn(Turns turns) throws InterruptedException {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> turns.take(() -> {
                holding.countDown();
                await(release);
                return null;
            }));
            holding.await();
            return new Holder(release, done);
        }

        void giveBack() throws Exception {
            release.countDown();
            done.get(10, TimeUnit.SECONDS);
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
