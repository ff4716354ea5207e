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
import java.util.List;
import java.util.stream.Collectors;

/** Checks real responses against api-docs/openapi.yaml, so the contract cannot drift. */
final class Contract {
    /**
     * The validator reads only bodies of JSON media types; a verifiable credential's
     * (application/vc, JSON-LD) is checked under this name, in the contract and in the response.
     */
    private static final String VC = "application/vc";
    private static final String VC_AS_JSON = "application/vc+json";

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(asOpenApi30(Path.of("api-docs/openapi.yaml")))
            .build();

    private Contract() {
    }

    static void check(String method, String path, int status, String contentType, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
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

    private static String abbreviate(String body) {
        return body == null || body.length() < 2000 ? body : body.substring(0, 2000) + "...";
    }
}
