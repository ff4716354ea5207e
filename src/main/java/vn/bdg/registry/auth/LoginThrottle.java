package vn.bdg.registry.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins: per username and client address, and per client address alone, so that
 * neither guessing one password nor spraying many accounts gets far. Successful logins cost nothing.
 */
public final class LoginThrottle {
    private static final int MAX_TRACKED = 100_000;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long perAccount;
    private final long perClient;
    private final Duration window;

    public LoginThrottle(long perAccount, long perClient, Duration window) {
        this.perAccount = perAccount;
        this.perClient = perClient;
        this.window = window;
    }

    /** Seconds to wait before another attempt is allowed, or 0 when one is allowed now. */
    public long retryAfterSeconds(String username, String client) {
        long wait = Math.max(waitOf(accountKey(username, client), perAccount), waitOf(client, perClient));
        return wait == 0 ? 0 : Math.max(1, Duration.ofNanos(wait).toSeconds());
    }

    public void recordFailure(String username, String client) {
        bucket(accountKey(username, client), perAccount).tryConsume(1);
        bucket(client, perClient).tryConsume(1);
    }

    private long waitOf(String key, long capacity) {
        return bucket(key, capacity).estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private Bucket bucket(String key, long capacity) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear(); // bounded memory under a flood of distinct keys
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .build());
    }

    private static String accountKey(String username, String client) {
        return username.toLowerCase() + "\u0000" + client;
    }
}
