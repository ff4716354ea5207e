package vn.bdg.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Settings, read only from the environment (twelve-factor). */
public record Config(
        int port,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        Path embeddedDataDir,
        boolean metricsPublic,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        long maxRequestBytes,
        Duration clockSkewTolerance,
        String publicBaseUrl,
        long publicRequestsPerMinute,
        List<String> trustedProxies,
        int scanConcurrency,
        int livePasses,
        Duration scanWait) {

    public static Config fromEnvironment() {
        return from(System.getenv());
    }

    static Config from(Map<String, String> env) {
        return new Config(
                (int) number(env, "PORT", 7070, 0, 65535),
                blankToNull(env.get("DATABASE_URL")),
                env.getOrDefault("DATABASE_USER", "postgres"),
                env.getOrDefault("DATABASE_PASSWORD", ""),
                Path.of(env.getOrDefault("EMBEDDED_DATA_DIR",
                        Path.of(System.getProperty("user.home"), ".training-registry", "pgdata").toString())),
                flag(env, "METRICS_PUBLIC", true),
                Duration.ofMinutes(number(env, "ACCESS_TOKEN_MINUTES", 60, 1, Integer.MAX_VALUE)),
                Duration.ofDays(number(env, "REFRESH_TOKEN_DAYS", 30, 1, 36_500)),
                number(env, "MAX_REQUEST_BYTES", 32L * 1024 * 1024, 1, Integer.MAX_VALUE),
                Duration.ofMinutes(number(env, "CLOCK_SKEW_MINUTES", 15, 0, 24 * 60)),
                baseUrl(env, "PUBLIC_BASE_URL", "http://localhost:7070"),
                number(env, "PUBLIC_RATE_LIMIT_PER_MINUTE", 60, 1, Integer.MAX_VALUE),
                Arrays.stream(env.getOrDefault("TRUSTED_PROXIES", "").split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList(),
                // uploads (each a large batch already) at once: 3 to 6 were best on 2 cores (bench/README.md)
                (int) number(env, "SCAN_CONCURRENCY", 3L * Runtime.getRuntime().availableProcessors(), 1, 10_000),
                // passes over live scans at once: one stores the most scans per commit; on 2 cores 1 pass
                // did 1,385-1,452 scans/s, 2 passes 1,156 and 6 passes 863-944 (bench/README.md)
                (int) number(env, "LIVE_SCAN_PASSES", 1, 1, 10_000),
                Duration.ofSeconds(number(env, "SCAN_WAIT_SECONDS", 10, 0, 3600)));
    }

    /**
     * A setting that is a whole number from min to max, else its default when unset or blank. Any
     * other value stops the start with one line naming the variable and what it must be (not a
     * NumberFormatException's stack trace).
     */
    static long number(Map<String, String> env, String name, long defaultValue, long min, long max) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return defaultValue;
        }
        long n;
        try {
            n = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new Invalid(name + " must be a whole number from " + min + " to " + max + ", not \"" + value + "\"");
        }
        if (n < min || n > max) {
            throw new Invalid(name + " must be a whole number from " + min + " to " + max + ", not " + n);
        }
        return n;
    }

    /**
     * A setting that is true or false (any case), else its default when unset or blank; anything else
     * ("yes", "1") stops the start, rather than being read as false without a word.
     */
    static boolean flag(Map<String, String> env, String name, boolean defaultValue) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return defaultValue;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Invalid(name + " must be true or false, not \"" + value + "\"");
        };
    }

    /**
     * An http(s) address without a trailing slash, else its default when unset or blank. Anything
     * else ("registry.example.vn", no scheme) stops the start: it would be printed on every
     * certificate's QR code as a link no phone can open.
     */
    static String baseUrl(Map<String, String> env, String name, String defaultValue) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return defaultValue;
        }
        String url = value.strip().replaceAll("/+$", "");
        try {
            var uri = new java.net.URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return url;
            }
        } catch (java.net.URISyntaxException e) {
            // refused below, as any other value that is no address
        }
        throw new Invalid(name + " must be an http:// or https:// address such as https://registry.example.vn, not \""
                + value + "\"");
    }

    /** A setting the service cannot start with; its message says which and what to set. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The same settings with another database: used by tests and the embedded fallback. */
    public Config withDatabase(String url, String user, String password) {
        return new Config(port, url, user, password, embeddedDataDir, metricsPublic,
                accessTokenTtl, refreshTokenTtl, maxRequestBytes, clockSkewTolerance, publicBaseUrl,
                publicRequestsPerMinute, trustedProxies, scanConcurrency, livePasses, scanWait);
    }

    /** The same settings with another limit on public requests per client, behind these proxies: for the rate-limit tests. */
    public Config withPublicRequestsPerMinute(long perMinute, List<String> proxies) {
        return new Config(port, databaseUrl, databaseUser, databasePassword, embeddedDataDir, metricsPublic,
                accessTokenTtl, refreshTokenTtl, maxRequestBytes, clockSkewTolerance, publicBaseUrl, perMinute,
                proxies, scanConcurrency, livePasses, scanWait);
    }

    /** The same settings with another number of passes and uploads worked on at once and wait: for the tests of turns. */
    public Config withScanTurns(int concurrency, Duration wait) {
        return new Config(port, databaseUrl, databaseUser, databasePassword, embeddedDataDir, metricsPublic,
                accessTokenTtl, refreshTokenTtl, maxRequestBytes, clockSkewTolerance, publicBaseUrl,
                publicRequestsPerMinute, trustedProxies, concurrency, concurrency, wait);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
