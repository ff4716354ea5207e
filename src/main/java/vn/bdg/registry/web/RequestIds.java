package vn.bdg.registry.web;

import io.javalin.http.Context;
import org.slf4j.MDC;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An id for each request, in its answer's X-Request-Id and in every log line written while it is
 * worked on (the JSON field requestId), so that a user's report of a 500 leads to its stack trace.
 * An id sent by a reverse proxy is kept when it is a plain token; otherwise one is made.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    static final String LOG_FIELD = "requestId";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    /** Names the request: in its answer and in the log lines of its thread until {@link #end()}. */
    public static void start(Context ctx) {
        String sent = ctx.header(HEADER);
        String id = sent != null && PLAIN.matcher(sent).matches() ? sent : newId();
        MDC.put(LOG_FIELD, id);
        ctx.header(HEADER, id);
    }

    /** Once the request's last line is logged: no later line of the thread carries its id. */
    public static void end() {
        MDC.remove(LOG_FIELD);
    }

    static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
