package vn.bdg.registry.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * If-None-Match as RFC 9110 (13.1.2) reads it: a list of entity tags compared weakly, or "*". A
 * proxy that weakens tags (nginx does, when it compresses) or a client that names several cached
 * copies still gets its 304.
 */
public final class ETags {
    /** One entity tag of the list: optional weakness, then the opaque tag in quotes. */
    private static final Pattern TAG = Pattern.compile("(?:W/)?\"([^\"]*)\"");

    private ETags() {
    }

    /** The ETag header of a strong tag. */
    public static String strong(String opaque) {
        return "\"" + opaque + "\"";
    }

    /** Whether the If-None-Match header (null when absent) names the tag: the client's copy is current (a 304). */
    public static boolean matches(String ifNoneMatch, String opaque) {
        if (ifNoneMatch == null) {
            return false;
        }
        if (ifNoneMatch.strip().equals("*")) {
            return true;
        }
        Matcher tags = TAG.matcher(ifNoneMatch);
        while (tags.find()) {
            if (tags.group(1).equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
