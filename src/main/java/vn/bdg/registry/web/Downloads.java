package vn.bdg.registry.web;

import io.javalin.http.Context;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Answers a browser saves as a file, and the format a client asks a table in. */
public final class Downloads {
    private static final Set<String> TABLE_FORMATS = new LinkedHashSet<>(List.of("json", "csv", "xlsx"));

    private Downloads() {
    }

    /** {@code format=json|csv|xlsx} if given; else {@code csv} when the Accept header asks for text/csv; else {@code json}. */
    public static String tableFormat(Context ctx) {
        String format = Params.queryEnum(ctx, "format", TABLE_FORMATS);
        if (format != null) {
            return format;
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/csv") ? "csv" : "json";
    }

    /**
     * The content, to be saved under the file name: characters other than ASCII letters, digits,
     * dot, underscore and hyphen become a hyphen, so that no name from a user (a course code, say)
     * can break the header or reach a path.
     */
    public static void attachment(Context ctx, String fileName, String contentType, byte[] content) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "-") + "\"");
        ctx.contentType(contentType).result(content);
    }
}
