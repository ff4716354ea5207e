package vn.bdg.registry.support;

import com.fasterxml.jackson.databind.JsonNode;
import vn.bdg.registry.web.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * An HTTP client for the tests, logged in as one user (or anonymous). Every response is checked
 * against the OpenAPI contract before the test sees it.
 */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;
    private final String token;
    private final Map<String, String> headers;

    private Api(String baseUrl, String token, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.headers = headers;
    }

    public static Api anonymous() {
        return anonymous(TestServer.get().baseUrl);
    }

    /** An anonymous client of another server (e.g. one started with other settings). */
    public static Api anonymous(String baseUrl) {
        return new Api(baseUrl, null, Map.of());
    }

    /** The same client (token, headers) talking to another server, e.g. one started with other settings. */
    public Api at(String otherBaseUrl) {
        return new Api(otherBaseUrl, token, headers);
    }

    public Api withToken(String newToken) {
        return new Api(baseUrl, newToken, headers);
    }

    public Api inLanguage(String acceptLanguage) {
        return withHeader("Accept-Language", acceptLanguage);
    }

    /** The same client sending one more header on every request. */
    public Api withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Api(baseUrl, token, Map.copyOf(more));
    }

    /** A response as the test sees it. */
    public record Res(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Ids of a list response's items. */
        public List<String> ids() {
            List<String> ids = new ArrayList<>();
            json().get("items").forEach(i -> ids.add(i.get("id").asText()));
            return ids;
        }
    }

    public Res get(String path) {
        return send("GET", path, null, null);
    }

    public Res delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Res post(String path, Object body) {
        return send("POST", path, "application/json", json(body));
    }

    public Res put(String path, Object body) {
        return send("PUT", path, "application/json", json(body));
    }

    public Res patch(String path, Object body) {
        return send("PATCH", path, "application/json", json(body));
    }

    /** The raw bytes of a binary response (PNG, PDF), after the contract check of its status and type. */
    public byte[] bytes(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            String ct = r.headers().firstValue("Content-Type").orElse(null);
            Contract.check("GET", path, r.statusCode(), ct == null ? null : ct.split(";")[0].trim(),
                    bodyForContract(ct, r.body()), r.headers());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + path, e);
        }
    }

    /**
     * A HEAD request's status, type and headers (its body is always empty). The contract names GET
     * operations only: a HEAD answers as its GET does, which the tests compare.
     */
    public Res head(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Res(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                    new String(r.body(), StandardCharsets.UTF_8), r.headers());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("HEAD " + path, e);
        }
    }

    public Res send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            String ct = r.headers().firstValue("Content-Type").orElse(null);
            String text = new String(r.body(), StandardCharsets.UTF_8);
            Contract.check(method, path, r.statusCode(), ct == null ? null : ct.split(";")[0].trim(),
                    bodyForContract(ct, r.body()), r.headers());
            return new Res(r.statusCode(), ct, text, r.headers());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path, e);
        }
    }

    /** The body as the validator sees it: text as is; binary bodies only as present or absent. */
    private static String bodyForContract(String ct, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        return isText(ct) ? new String(body, StandardCharsets.UTF_8) : "(binary)";
    }

    private static boolean isText(String ct) {
        return ct != null && (ct.contains("json") || ct.startsWith("text/") || ct.contains("yaml")
                || ct.startsWith("application/vc")); // verifiable credentials: JSON-LD, or a JWS in text
    }

    /** What the contract finds wrong in this JSON body for the operation; empty when it takes it. */
    public static List<String> contractRefusals(String method, String path, Object body) {
        return Contract.requestBodyErrors(method, path, new String(json(body), StandardCharsets.UTF_8));
    }

    private static byte[] json(Object body) {
        try {
            return body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
