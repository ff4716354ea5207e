package vn.bdg.registry.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits the requests of each client address to the public routes (no login), so that nobody can
 * walk through certificate numbers or card tokens: over the limit, 429 with Retry-After.
 */
public final class ClientRateLimiter {
    private static final int MAX_TRACKED = 100_000;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long perMinute;

    public ClientRateLimiter(long perMinute) {
        this.perMinute = perMinute;
    }

    /** A before-handler: counts the request against its client address. */
    public void check(Context ctx) {
        acquire(ctx.ip());
    }

    /** Takes one request from the client's allowance, or throws 429 saying how long to wait. */
    public void acquire(String client) {
        ConsumptionProbe probe = bucket(client).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
            throw new ApiException(429, "rate_limited", seconds);
        }
    }

    private Bucket bucket(String client) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear(); // bounded memory under a flood of distinct addresses
        }
        return buckets.computeIfAbsent(client, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
    }
}
