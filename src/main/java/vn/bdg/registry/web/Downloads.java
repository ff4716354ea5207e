package vn.bdg.registry.web;

import io.javalin.http.Context;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Answers a browser saves as a file, and the format a client asks a table in. */
public final class Downloads {
    private static final Set<String> TABLE_FORMATS = new LinkedHashSet<>(List.of("json", "csv", "xlsx"));

    private Downloads() {
    }

    /**
     * {@code format=json|csv|xlsx} if given; else {@code csv} when the Accept header asks for
     * text/csv (in any case, and not with {@code q=0}, which means "not acceptable"); else {@code json}.
     */
    public static String tableFormat(Context ctx) {
        String format = Params.queryEnum(ctx, "format", TABLE_FORMATS);
        if (format != null) {
            return format;
        }
        return acceptsCsv(ctx.header("Accept")) ? "csv" : "json";
    }

    private static boolean acceptsCsv(String accept) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (parts[0].trim().equalsIgnoreCase("text/csv")) {
                return Arrays.stream(parts).skip(1).map(String::trim)
                        .noneMatch(p -> p.toLowerCase(Locale.ROOT).matches("q\\s*=\\s*0(\\.0{0,3})?"));
            }
        }
        return false;
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
