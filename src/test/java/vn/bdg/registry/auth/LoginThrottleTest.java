package vn.bdg.registry.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Test
    void guessesSentAllAtOnceGetNoMoreTriesThanTheLimit() throws Exception {
        LoginThrottle throttle = new LoginThrottle(5, 30, WINDOW);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return throttle.attempt("demo-trainer", "10.0.0.3");
                }));
            }
            start.countDown();
            int allowed = 0;
            for (Future<Long> answer : answers) {
                allowed += answer.get() == 0 ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSuccessfulLoginCostsNothingAndTheClientLimitCoversEveryAccount() {
        LoginThrottle throttle = new LoginThrottle(5, 30, WINDOW);
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.attempt("demo-organizer", "10.0.0.4")).isZero();
            throttle.succeeded("demo-organizer", "10.0.0.4");
        }
        for (int i = 0; i < 30; i++) {
            assertThat(throttle.attempt("someone-" + (i / 5), "10.0.0.5")).as("attempt " + i).isZero();
        }
        assertThat(throttle.attempt("someone-else", "10.0.0.5")).as("spraying accounts from one address")
                .isPositive();
        assertThat(throttle.attempt("someone-else", "10.0.0.6")).as("another address").isZero();
    }

    @Test
    void aFloodOfNewCountersDoesNotResetTheOnesThatHoldFailures() {
        LoginThrottle throttle = new LoginThrottle(5, 30, WINDOW, 1_000);
        for (int i = 0; i < 5; i++) {
            throttle.attempt("demo-organizer", "10.0.0.7");
        }
        assertThat(throttle.attempt("demo-organizer", "10.0.0.7")).isPositive();
        for (int i = 0; i < 2_000; i++) {
            throttle.attempt("user-" + i, "172.16." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.attempt("demo-organizer", "10.0.0.7")).as("still refused after the flood").isPositive();
    }

    @Test
    void theCaseOfAUsernameGetsNoMoreGuessesWhateverTheServersLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR")); // "I".toLowerCase() is dotless there
        try {
            LoginThrottle throttle = new LoginThrottle(5, 30, WINDOW);
            for (int i = 0; i < 5; i++) {
                assertThat(throttle.attempt("DEMO-ADMIN", "10.0.0.9")).isZero();
            }
            assertThat(throttle.attempt("demo-admin", "10.0.0.9")).isPositive();
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void aHugeUsernameTakesNoMoreMemoryThanAShortOne() {
        String huge = "x".repeat(4_000_000);
        assertThat(LoginThrottle.accountKey(huge, "10.0.0.9").length())
                .as("a failed login's counter is kept for the window: its key must not hold what the client sent")
                .isLessThan(200);
        assertThat(LoginThrottle.accountKey("Demo-Admin", "10.0.0.9"))
                .isEqualTo(LoginThrottle.accountKey("demo-admin", "10.0.0.9"))
                .isNotEqualTo(LoginThrottle.accountKey("demo-admin", "10.0.0.8"))
                .isNotEqualTo(LoginThrottle.accountKey("demo-admin2", "10.0.0.9"));
    }
}
