package vn.bdg.registry.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps every failure to an RFC 9457 problem+json answer, in the caller's language. */
public final class ErrorHandlers {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandlers.class);
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    private ErrorHandlers() {
    }

    public static void register(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> write(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromHttp(e.getStatus())));
        app.exception(Exception.class, (e, ctx) -> {
            if (databaseUnreachable(e)) {
                // an outage, not a bug: one line, and the client (a phone keeps its scans) tries again
                log.warn("Database unreachable ({}) on {} {}", sqlState(e), ctx.method(), ctx.matchedPath());
                write(ctx, databaseUnavailable());
                return;
            }
            // Log the type, SQL state and stack only: messages of driver exceptions can echo personal data.
            String sqlState = e instanceof org.jooq.exception.DataAccessException d ? d.sqlState() : "-";
            log.error("Unhandled {} (SQL state {}) on {} {}", e.getClass().getName(), sqlState, ctx.method(),
                    ctx.matchedPath(), withoutMessage(e));
            write(ctx, new ApiException(500, "internal_error"));
        });
        app.error(404, ctx -> {
            // a page that answers 404 itself (the certificate check page) keeps its body
            String type = ctx.res().getContentType();
            if (type == null || !(type.startsWith(PROBLEM_JSON) || type.startsWith("text/html"))) {
                write(ctx, ApiException.notFound());
            }
        });
        app.error(405, ctx -> write(ctx, new ApiException(405, "method_not_allowed")));
    }

    /** The answer while the database cannot be reached: 503, with when to try again; nothing was stored. */
    public static ApiException databaseUnavailable() {
        return new ApiException(503, "database_unavailable", DATABASE_RETRY_AFTER_SECONDS);
    }

    /**
     * Whether a failure is the database being out of reach rather than a bug: no connection within
     * the pool's wait (SQLTransientConnectionException), a connection lost or refused (SQL state
     * class 08), or the server shutting down or starting (57P01-57P03). Its transaction, if any, was
     * not committed.
     */
    public static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return "SQL state " + sql.getSQLState();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static ApiException fromHttp(int status) {
        return switch (status) {
            case 413 -> new ApiException(413, "payload_too_large");
            case 404 -> ApiException.notFound();
            case 401 -> new ApiException(401, "unauthorized");
            case 403 -> ApiException.forbidden();
            case 405 -> new ApiException(405, "method_not_allowed");
            default -> status >= 500 ? new ApiException(500, "internal_error") : new ApiException(status, "bad_request");
        };
    }

    public static void write(Context ctx, ApiException e) {
        Locale locale = Messages.locale(ctx);
        if ((e.status() == 429 || e.status() == 503) && e.args().length > 0) {
            ctx.header("Retry-After", String.valueOf(e.args()[0]));
        }
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.status(e.status());
        ctx.header("Content-Language", locale.toLanguageTag());
        ctx.result(body(locale, ctx.path(), e));
        ctx.contentType(PROBLEM_JSON);
    }

    /** The problem+json document of a failure, in the locale's language; instance is the request's path, if known. */
    static byte[] body(Locale locale, String instance, ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:training-registry:problem:" + e.code().replace('_', '-'));
        body.put("title", Messages.get(locale, "problem." + e.code() + ".title"));
        body.put("status", e.status());
        body.put("detail", Messages.get(locale, "problem." + e.code() + ".detail", e.args()));
        if (instance != null) {
            body.put("instance", instance);
        }
        body.put("code", e.code());
        if (!e.errors().isEmpty()) {
            List<Map<String, Object>> errors = e.errors().stream().map(fe -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("field", fe.field());
                m.put("message", Messages.get(locale, "field." + fe.code(), fe.args()));
                m.put("code", fe.code());
                return m;
            }).toList();
            body.put("errors", errors);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Throwable withoutMessage(Throwable e) {
        Throwable copy = new Throwable(e.getClass().getName());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
