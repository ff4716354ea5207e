package vn.bdg.registry.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every request into Micrometer's http.server.requests, tagged by method, route template
 * (never the raw path: paths hold ids and card tokens), status and outcome.
 *
 * <p>Fed by the request logger, which already knows the matched route. Javalin's Micrometer plugin
 * did this with a Jetty handler that matched every request against every route again: about a
 * tenth of the CPU of a scan (bench/README.md), for the same numbers.
 */
public final class RequestMetrics {
    private final MeterRegistry registry;
    /** One timer per method, route and status: a few hundred at most. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String method, String route, int status, float millis) {
        Timer timer = timers.computeIfAbsent(method + ' ' + status + ' ' + route, k -> Timer.builder("http.server.requests")
                .description("HTTP requests, by route template")
                .tag("method", method)
                .tag("uri", route)
                .tag("status", String.valueOf(status))
                .tags(List.of(Outcome.forStatus(status).asTag()))
                .register(registry));
        timer.record(Duration.ofNanos((long) (millis * 1_000_000)));
    }
}
