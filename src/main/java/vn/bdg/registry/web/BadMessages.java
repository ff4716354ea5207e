package vn.bdg.registry.web;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.nio.ByteBuffer;

/**
 * What Jetty answers itself to a request it cannot parse, before any route runs (a path holding
 * %00, a request line or headers over its limits): problem+json like every other error, instead of
 * its HTML page. The request was not read, so the texts are in the default language.
 */
public final class BadMessages extends ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ErrorHandlers.PROBLEM_JSON + ";charset=utf-8");
        fields.put(HttpHeader.CONTENT_LANGUAGE, Messages.VIETNAMESE.toLanguageTag());
        return ByteBuffer.wrap(ErrorHandlers.body(Messages.VIETNAMESE, null, problem(status)));
    }

    static ApiException problem(int status) {
        return switch (status) {
            case 413 -> new ApiException(413, "payload_too_large");
            case 414 -> new ApiException(414, "uri_too_long");
            case 431 -> new ApiException(431, "headers_too_large");
            default -> status >= 500 ? new ApiException(status, "internal_error") : new ApiException(status, "bad_request");
        };
    }
}
