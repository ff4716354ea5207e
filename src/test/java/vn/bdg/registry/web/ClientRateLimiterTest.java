package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ClientRateLimiterTest {
    @Test
    void aClientOverItsAllowanceIsToldHowLongToWaitAndOthersAreNotAffected() {
        ClientRateLimiter limiter = new ClientRateLimiter(3);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("203.0.113.7");
        }
        ApiException limited = catchThrowableOfType(ApiException.class, () -> limiter.acquire("203.0.113.7"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("rate_limited");
        assertThat((long) limited.args()[0]).isBetween(1L, 20L); // a third of a minute refills one request
        limiter.acquire("198.51.100.1");
    }
}
