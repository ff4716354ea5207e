package vn.bdg.registry.web;

import io.javalin.http.Context;

import java.util.regex.Pattern;

/**
 * Bytes that are no text (a badge's PNG, a PDF, a ZIP, an XLSX) carry no charset. Jetty adds the
 * response's character encoding to every Content-Type it sends ("image/png;charset=utf-8"), which
 * for such bytes means nothing and which strict clients and proxies treat as another type. Runs
 * after the handlers, before the answer's bytes are written.
 */
public final class BinaryAnswers {
    private static final Pattern BINARY = Pattern.compile(
            "(image/(?!svg)|application/(pdf|zip|octet-stream|vnd\\.openxmlformats))", Pattern.CASE_INSENSITIVE);

    private BinaryAnswers() {
    }

    public static void withoutCharset(Context ctx) {
        String type = ctx.res().getContentType();
        if (type != null && BINARY.matcher(type).lookingAt()) {
            ctx.res().setCharacterEncoding(null);
        }
    }
}
