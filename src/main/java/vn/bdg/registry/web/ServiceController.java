package vn.bdg.registry.web;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.flywaydb.core.Flyway;
import vn.bdg.registry.Database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Client/server IO for the service itself: liveness, readiness, metrics, the contract and its page. */
public final class ServiceController {
    private final Database database;
    private final PrometheusMeterRegistry metrics;
    private final int migrationsInJar;
    private final byte[] openApi = resource("/api-docs/openapi.yaml");
    private final byte[] docsPage = resource("/docs/index.html");

    public ServiceController(Database database, PrometheusMeterRegistry metrics) {
        this.database = database;
        this.metrics = metrics;
        this.migrationsInJar = Flyway.configure().dataSource(database.dataSource())
                .locations("classpath:db/migration").load().info().all().length;
    }

    public void health(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    /** Ready when the database answers and every migration the jar carries has been applied. */
    public void ready(Context ctx) {
        int applied;
        try {
            applied = database.dsl().fetchOne(
                    "select count(*) from flyway_schema_history where success").get(0, Integer.class);
        } catch (RuntimeException e) {
            throw new ApiException(503, "not_ready");
        }
        if (applied < migrationsInJar) {
            throw new ApiException(503, "not_ready");
        }
        ctx.json(Map.of("status", "ready"));
    }

    public void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    public void openApi(Context ctx) {
        ctx.contentType("application/yaml").result(openApi);
    }

    /**
     * Swagger UI, where a user may paste a bearer token: not to be framed by another site (a
     * click-jacked "Authorize") nor sniffed. Its inline start-up script rules out a script policy.
     */
    public void docs(Context ctx) {
        ctx.header("Content-Security-Policy", "frame-ancestors 'none'; object-src 'none'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "same-origin")
                .contentType("text/html; charset=utf-8").result(docsPage);
    }

    private static byte[] resource(String path) {
        try (InputStream in = ServiceController.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
