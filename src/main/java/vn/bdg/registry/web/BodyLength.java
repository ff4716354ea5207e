package vn.bdg.registry.web;

import io.javalin.http.Context;

/**
 * A request body must say its length. Javalin bounds a body by MAX_REQUEST_BYTES only against its
 * Content-Length header, so a body sent chunked (Transfer-Encoding, no length) would be read whole
 * into memory and stored, however large: such a request is refused with 411 before it is read.
 * Browsers, phones and the usual HTTP clients send the length of a body they hold.
 */
public final class BodyLength {
    private BodyLength() {
    }

    public static void requireContentLength(Context ctx) {
        if (ctx.req().getContentLengthLong() < 0 && ctx.header("Transfer-Encoding") != null) {
            throw new ApiException(411, "length_required");
        }
    }
}
