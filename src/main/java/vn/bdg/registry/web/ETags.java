package vn.bdg.registry.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.javalin.http.Header;
import vn.bdg.registry.Sha256;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Entity tags as RFC 9110 reads them, and the headers that carry them. If-None-Match (13.1.2) is
 * a list of tags compared weakly, or "*": a proxy that weakens tags (nginx does, when it
 * compresses) or a client that names several cached copies still gets its 304. If-Match (13.1.1)
 * is a list compared strongly, or "*": a weak tag never matches, so a write is made only on the
 * exact version the client saw. A header that is not such a list matches nothing.
 */
public final class ETags {
    /** One entity tag: weak or strong, and the opaque tag between the quotes. */
    record Tag(boolean weak, String opaque) {
    }

    private ETags() {
    }

    /** The ETag header of a strong tag. */
    public static String strong(String opaque) {
        return "\"" + opaque + "\"";
    }

    /** A strong tag of a representation's bytes: the first 128 bits of their SHA-256, in hex. */
    public static String digest(byte[] representation) {
        return HexFormat.of().formatHex(Sha256.of(representation), 0, 16);
    }

    /** Whether the If-None-Match header (null when absent) names the tag: the client's copy is current (a 304). */
    public static boolean matches(String ifNoneMatch, String opaque) {
        if (ifNoneMatch == null) {
            return false;
        }
        if (ifNoneMatch.strip().equals("*")) {
            return true;
        }
        List<Tag> tags = parse(ifNoneMatch);
        return tags != null && tags.stream().anyMatch(t -> t.opaque().equals(opaque));
    }

    /**
     * Whether the If-Match header (null when absent: no condition) allows a write to the version
     * with the strong tag: "*", or a list naming it as a strong tag.
     */
    public static boolean allowsWrite(String ifMatch, String opaque) {
        if (ifMatch == null || ifMatch.strip().equals("*")) {
            return true;
        }
        List<Tag> tags = parse(ifMatch);
        return tags != null && tags.stream().anyMatch(t -> !t.weak() && t.opaque().equals(opaque));
    }

    /** Refuses a write (412 precondition_failed) unless the If-Match header allows it on this version. */
    public static void requireMatch(String ifMatch, String opaque) {
        if (!allowsWrite(ifMatch, opaque)) {
            throw new ApiException(412, "precondition_failed");
        }
    }

    /**
     * The tags of a list header (RFC 9110 5.6.1: commas, optional white space, empty elements
     * ignored), or null when it is not one. A tag's characters are etagc: visible ASCII but the
     * quote, and any byte above it (obs-text), so a comma can stand inside a tag.
     */
    static List<Tag> parse(String header) {
        List<Tag> tags = new ArrayList<>();
        int i = 0;
        int n = header.length();
        while (true) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ',')) {
                i++;
            }
            if (i == n) {
                return tags;
            }
            boolean weak = header.startsWith("W/", i);
            if (weak) {
                i += 2;
            }
            if (i == n || header.charAt(i) != '"') {
                return null;
            }
            int close = header.indexOf('"', i + 1);
            if (close < 0) {
                return null;
            }
            String opaque = header.substring(i + 1, close);
            if (!opaque.chars().allMatch(c -> c >= 0x21 && c != '"' && c != 0x7F)) {
                return null;
            }
            tags.add(new Tag(weak, opaque));
            i = close + 1;
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && header.charAt(i) != ',') {
                return null;
            }
        }
    }

    /** The request's If-Match, its lines read as one list; null when it has none. */
    public static String ifMatch(Context ctx) {
        return list(ctx, Header.IF_MATCH);
    }

    /** A list header's lines read as one list (RFC 9110, 5.3); null when the request has none. */
    private static String list(Context ctx, String name) {
        List<String> lines = Collections.list(ctx.req().getHeaders(name));
        return lines.isEmpty() ? null : String.join(", ", lines);
    }

    /**
     * Answers a download a phone keeps offline (a roster, the revoked cards) as JSON with the digest
     * of its bytes as ETag, checked again on every use (no-cache): a copy that is still current
     * costs a 304 and no body.
     */
    public static void answerCached(Context ctx, Object value) {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String tag = digest(body);
        ctx.header(Header.ETAG, strong(tag));
        ctx.header(Header.CACHE_CONTROL, "private, no-cache");
        if (matches(list(ctx, Header.IF_NONE_MATCH), tag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(body);
    }

    /** Answers the record as JSON with its version as a strong ETag. */
    public static void answer(Context ctx, Versioned<?> record) {
        ctx.header(Header.ETAG, strong(record.etag())).json(record.value());
    }
}
