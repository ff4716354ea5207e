package vn.bdg.registry.web;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
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
            // with -1 an element naming no media type (";") still has a first part, the empty type
            String[] parts = range.split(";", -1);
            if (parts[0].trim().equalsIgnoreCase("text/csv")) {
                return Arrays.stream(parts).skip(1).map(String::trim)
                        .noneMatch(p -> p.toLowerCase(Locale.ROOT).matches("q\\s*=\\s*0(\\.0{0,3})?"));
            }
        }
        return false;
    }

    /**
     * The content, to be saved under the file name. The name goes in twice (RFC 6266): as filename*
     * in UTF-8 (RFC 8187), keeping letters and digits of any script (a course code in Vietnamese,
     * "BĐG-01"), and as a plain ASCII filename for clients that know no other, its letters without
     * their marks ("BDG-01"). In both, every other character than dot, underscore and hyphen
     * becomes a hyphen, so that no name from a user can break the header or reach a path.
     */
    public static void attachment(Context ctx, String fileName, String contentType, byte[] content) {
        String name = Normalizer.normalize(fileName, Normalizer.Form.NFC).replaceAll("[^\\p{L}\\p{N}._-]", "-");
        String ascii = Normalizer.normalize(name.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replaceAll("[^A-Za-z0-9._-]", "-");
        ctx.header("Content-Disposition", "attachment; filename=\"" + ascii + "\""
                + (ascii.equals(name) ? "" : "; filename*=UTF-8''" + percentEncoded(name)));
        ctx.contentType(contentType).result(content);
    }

    /** Text as RFC 8187 writes a value: UTF-8, each byte but ASCII letters, digits and ._- as %XX. */
    private static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
