package vn.bdg.registry.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins: per username and client address, and per client address alone, so that
 * neither guessing one password nor spraying many accounts gets far. Each attempt takes its token
 * before the password is checked (guesses sent all at once count as many), and a successful login
 * gives it back, so successful logins cost nothing.
 */
public final class LoginThrottle {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long perAccount;
    private final long perClient;
    private final Duration window;
    private final int maxTracked;

    public LoginThrottle(long perAccount, long perClient, Duration window) {
        this(perAccount, perClient, window, 100_000);
    }

    /** maxTracked: how many counters are kept at most (memory stays bounded under a flood). */
    LoginThrottle(long perAccount, long perClient, Duration window, int maxTracked) {
        this.perAccount = perAccount;
        this.perClient = perClient;
        this.window = window;
        this.maxTracked = maxTracked;
    }

    /**
     * Takes one attempt at the username from the client: 0 when it may go on, else the seconds to
     * wait. The client's own limit is taken first, so that a client past it adds no counters.
     */
    public long attempt(String username, String client) {
        Bucket byClient = bucket(client, perClient);
        if (byClient == null || !byClient.tryConsume(1)) {
            return waitSeconds(byClient);
        }
        Bucket byAccount = bucket(accountKey(username, client), perAccount);
        if (byAccount == null || !byAccount.tryConsume(1)) {
            byClient.addTokens(1);
            return waitSeconds(byAccount);
        }
        return 0;
    }

    /** A login that succeeded gives its attempt back. */
    public void succeeded(String username, String client) {
        Bucket byAccount = buckets.get(accountKey(username, client));
        Bucket byClient = buckets.get(client);
        if (byAccount != null) {
            byAccount.addTokens(1);
        }
        if (byClient != null) {
            byClient.addTokens(1);
        }
    }

    private long waitSeconds(Bucket bucket) {
        long nanos = bucket == null ? window.toNanos() : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, Duration.ofNanos(nanos).toSeconds());
    }

    /**
     * The counter of a key, made on first use. Memory stays bounded under a flood of distinct keys:
     * counters that have refilled (no failure within the window) are dropped; if every counter
     * still holds failures, a new key gets none (null: refused) rather than every counter being
     * reset, which would let a flood wipe the limits it is meant to meet.
     */
    private Bucket bucket(String key, long capacity) {
        Bucket found = buckets.get(key);
        if (found != null) {
            return found;
        }
        if (buckets.size() >= maxTracked) {
            buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= capacityOf(e.getKey()));
            if (buckets.size() >= maxTracked) {
                return null;
            }
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .build());
    }

    private long capacityOf(String key) {
        return key.indexOf('\u0000') >= 0 ? perAccount : perClient;
    }

    /**
     * The counter of a username at a client. The username is kept as its SHA-256 only: a counter
     * lives for the window, and the username is whatever the client sent (up to the request limit),
     * so keeping it as sent would let a few failed logins hold gigabytes.
     */
    static String accountKey(String username, String client) {
        byte[] digest = AuthService.digest(username.toLowerCase(java.util.Locale.ROOT));
        return java.util.HexFormat.of().formatHex(digest) + "\u0000" + client;
    }
}
