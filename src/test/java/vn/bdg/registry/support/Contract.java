package vn.bdg.registry.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks real responses against api-docs/openapi.yaml, so the contract cannot drift. */
final class Contract {
    /**
     * The validator reads only bodies of JSON media types; a verifiable credential's
     * (application/vc, JSON-LD) is checked under this name, in the contract and in the response.
     */
    private static final String VC = "application/vc";
    private static final String VC_AS_JSON = "application/vc+json";

    private static final String SPEC = asOpenApi30(Path.of("api-docs/openapi.yaml"));

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(SPEC)
            .build();

    /**
     * Every operation has a `default` answer, which the validator takes for any status the
     * operation does not list, so a status missing from the contract would pass unseen. Only the
     * problems the contract names for every route (its introduction and `UnexpectedError`) may
     * come by `default`; any other status must be listed by the operation.
     */
    private static final Map<Integer, String> ANY_ROUTE = Map.of(
            400, "bad_request", 405, "method_not_allowed",
            411, "length_required", 414, "uri_too_long", 431, "headers_too_large",
            500, "internal_error", 503, "database_unavailable");

    private static final List<Operation> OPERATIONS = operations(SPEC);

    /**
     * Headers clients act on: each one an answer of the API carries must be documented for it, and
     * the tests check its value against the contract's schema. Retry-After of `503`
     * `database_unavailable` is documented for every route.
     */
    private static final List<String> CONTRACT_HEADERS = List.of("ETag", "Location", "Retry-After",
            "Content-Disposition");

    private record Operation(String method, Pattern path, int parameters, Set<Integer> statuses,
                             Map<String, Set<String>> headers) {
    }

    private Contract() {
    }

    static void check(String method, String path, int status, String contentType, String body) {
        check(method, path, status, contentType, body, java.net.http.HttpHeaders.of(Map.of(), (n, v) -> true));
    }

    static void check(String method, String path, int status, String contentType, String body,
                      java.net.http.HttpHeaders headers) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        for (String name : CONTRACT_HEADERS) {
            headers.firstValue(name).ifPresent(v -> response.withHeader(name, v));
        }
        if (contentType != null) {
            response.withContentType(VC.equals(contentType) ? VC_AS_JSON : contentType);
        }
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        ValidationReport report = VALIDATOR.validateResponse(pathOnly, Request.Method.valueOf(method),
                response.build());
        boolean unknownPathAnswered404 = status == 404 && report.getMessages().stream()
                .allMatch(m -> m.getKey().equals("validation.request.path.missing"));
        if (!unknownPathAnswered404) {
            checkStatusListed(method, pathOnly, status, contentType, body);
            checkHeadersDocumented(method, pathOnly, status, contentType, body, headers);
        }
        if (report.hasErrors() && !unknownPathAnswered404) {
            throw new AssertionError("Response of " + method + " " + path + " (" + status
                    + ") breaks api-docs/openapi.yaml:\n" + report.getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .map(m -> "  - " + m.getKey() + ": " + m.getMessage())
                    .collect(Collectors.joining("\n")) + "\nbody: " + abbreviate(body));
        }
    }

    /**
     * The validator (2.x; 3.x needs Java 21) ignores `type` in OpenAPI 3.1 schemas, so the tests
     * would pass responses of the wrong type. The contract is written in 3.1; for checking, its
     * 3.1-only spelling of nullable types (`type: [string, "null"]`) is rewritten to 3.0's.
     */
    static String asOpenApi30(Path file) {
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            JsonNode root = yaml.readTree(file.toFile());
            ((ObjectNode) root).put("openapi", "3.0.3");
            rewriteNullableTypes(root);
            renameVcContent(root);
            return yaml.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rewriteNullableTypes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode type = object.get("type");
            if (type instanceof ArrayNode types) {
                List<String> names = new ArrayList<>();
                types.forEach(t -> names.add(t.asText()));
                if (names.remove("null")) {
                    object.put("nullable", true);
                }
                if (names.size() != 1) {
                    throw new IllegalStateException("cannot express type " + types + " in OpenAPI 3.0");
                }
                object.put("type", names.get(0));
            }
        }
        node.forEach(Contract::rewriteNullableTypes);
    }

    private static void renameVcContent(JsonNode node) {
        if (node instanceof ObjectNode object && object.has(VC)) {
            object.set(VC_AS_JSON, object.remove(VC));
        }
        node.forEach(Contract::renameVcContent);
    }

    private static Operation operation(String method, String path) {
        return OPERATIONS.stream()
                .filter(o -> o.method().equalsIgnoreCase(method) && o.path().matcher(path).matches())
                .min(java.util.Comparator.comparingInt(Operation::parameters)).orElse(null);
    }

    private static String problemCode(String contentType, String body) {
        if (contentType != null && contentType.contains("json") && body != null) {
            try {
                return new ObjectMapper().readTree(body).path("code").asText(null);
            } catch (IOException notJson) {
                return null;
            }
        }
        return null;
    }

    /**
     * A query parameter given twice or holding U+0000 is a 400 on every route (the contract's
     * "Errors"), also on one that lists no 400.
     */
    private static boolean queryUnreadable(String body) {
        try {
            JsonNode problem = new ObjectMapper().readTree(body);
            JsonNode errors = problem.path("errors");
            if (!"validation_failed".equals(problem.path("code").asText()) || errors.isEmpty()) {
                return false;
            }
            for (JsonNode e : errors) {
                String code = e.path("code").asText();
                if (!code.equals("repeated_parameter") && !code.equals("invalid_character")) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException notAProblem) {
            return false;
        }
    }

    private static void checkHeadersDocumented(String method, String path, int status, String contentType,
                                               String body, java.net.http.HttpHeaders headers) {
        Operation op = operation(method, path);
        if (op == null || !path.startsWith("/api/")) {
            return; // the pages and their files are served by Jetty, with its own validators (weak ETags)
        }
        Set<String> documented = op.headers().getOrDefault(op.statuses().contains(status)
                ? String.valueOf(status) : "default", Set.of());
        for (String name : CONTRACT_HEADERS) {
            boolean global = name.equals("Retry-After") && status == 503
                    && "database_unavailable".equals(problemCode(contentType, body));
            if (headers.firstValue(name).isPresent() && !global
                    && !documented.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new AssertionError("Response of " + method + " " + path + " (" + status + ") carries "
                        + name + ", which api-docs/openapi.yaml does not document for it: "
                        + headers.firstValue(name).get());
            }
        }
    }

    private static void checkStatusListed(String method, String path, int status, String contentType,
                                          String body) {
        Operation op = operation(method, path);
        if (op == null || op.statuses().contains(status)) {
            return;
        }
        String code = problemCode(contentType, body);
        if (code != null && code.equals(ANY_ROUTE.get(status)) || status == 400 && queryUnreadable(body)) {
            return;
        }
        throw new AssertionError("Response of " + method + " " + path + " (" + status + ", code " + code
                + ") is a status api-docs/openapi.yaml does not list for the operation\nbody: "
                + abbreviate(body));
    }

    private static List<Operation> operations(String spec) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(spec);
            JsonNode paths = root.get("paths");
            List<Operation> ops = new ArrayList<>();
            paths.fields().forEachRemaining(p -> {
                String template = p.getKey();
                StringBuilder regex = new StringBuilder();
                int params = 0;
                Matcher m = Pattern.compile("\\{[^}]+}").matcher(template);
                int last = 0;
                while (m.find()) {
                    regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+");
                    last = m.end();
                    params++;
                }
                regex.append(Pattern.quote(template.substring(last)));
                Pattern pattern = Pattern.compile(regex.toString());
                int n = params;
                p.getValue().fields().forEachRemaining(o -> {
                    if (!o.getValue().has("responses")) {
                        return;
                    }
                    Set<Integer> statuses = new HashSet<>();
                    Map<String, Set<String>> headers = new java.util.HashMap<>();
                    o.getValue().get("responses").fields().forEachRemaining(r -> {
                        if (r.getKey().matches("\\d{3}")) {
                            statuses.add(Integer.parseInt(r.getKey()));
                        }
                        JsonNode response = r.getValue();
                        if (response.has("$ref")) {
                            response = root.at(response.get("$ref").asText().substring(1));
                        }
                        Set<String> names = new HashSet<>();
                        response.path("headers").fieldNames()
                                .forEachRemaining(h -> names.add(h.toLowerCase(java.util.Locale.ROOT)));
                        headers.put(r.getKey(), names);
                    });
                    ops.add(new Operation(o.getKey(), pattern, n, statuses, headers));
                });
            });
            return ops;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What api-docs/openapi.yaml finds wrong in a JSON request body sent to the operation (empty:
     * the contract takes it), so that a test can hold the contract to the limits the code applies.
     */
    static List<String> requestBodyErrors(String method, String path, String jsonBody) {
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        com.atlassian.oai.validator.model.SimpleRequest request =
                new com.atlassian.oai.validator.model.SimpleRequest.Builder(method, pathOnly)
                        .withContentType("application/json").withAuthorization("Bearer token")
                        .withBody(jsonBody).build();
        return VALIDATOR.validateRequest(request).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> m.getKey().startsWith("validation.request.body"))
                .map(m -> m.getKey() + ": " + m.getMessage()).toList();
    }

    private static String abbreviate(String body) {
        return body == null || body.length() < 2000 ? body : body.substring(0, 2000) + "...";
    }
}
