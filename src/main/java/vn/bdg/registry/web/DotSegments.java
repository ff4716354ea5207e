package vn.bdg.registry.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Answers 404 problem+json to a path with a "." or ".." segment (also percent-encoded, or with
 * ";parameters"), which browsers and HTTP clients resolve before sending, so it names nothing here.
 * A servlet filter, ahead of Javalin: Javalin looks such a path up under the folders of files
 * (/scan, /reports, /docs/assets) before any handler runs, and Jetty's lookup throws on it (a 500).
 */
public final class DotSegments implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest req && response instanceof HttpServletResponse res
                && hasDotSegment(req.getRequestURI())) {
            Locale locale = Messages.locale(req.getHeader("Accept-Language"));
            res.setStatus(404);
            res.setHeader("Content-Language", locale.toLanguageTag());
            res.setContentType(ErrorHandlers.PROBLEM_JSON + ";charset=utf-8");
            res.getOutputStream().write(ErrorHandlers.body(locale, req.getRequestURI(), ApiException.notFound()));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean hasDotSegment(String rawPath) {
        if (rawPath == null || rawPath.indexOf('.') < 0 && rawPath.indexOf('%') < 0) {
            return false;
        }
        String path;
        try {
            path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return false; // Jetty answers a malformed escape itself
        }
        for (String segment : path.split("[/\\\\]", -1)) {
            int parameters = segment.indexOf(';');
            String name = parameters < 0 ? segment : segment.substring(0, parameters);
            if (name.equals(".") || name.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
