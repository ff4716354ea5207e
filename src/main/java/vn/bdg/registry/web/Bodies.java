package vn.bdg.registry.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.io.CharConversionException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads JSON request bodies, turning every kind of bad input into a 4xx with the field at fault. */
public final class Bodies {
    private Bodies() {
    }

    /** A PATCH body: the values, and which fields the client actually sent (absent ≠ null). */
    public record Patch<T>(T value, Set<String> present) {
        public boolean has(String field) {
            return present.contains(field);
        }
    }

    public static <T> T read(Context ctx, Class<T> type) {
        return convert(readTree(ctx), type);
    }

    public static <T> Patch<T> readPatch(Context ctx, Class<T> type) {
        JsonNode tree = readTree(ctx);
        Set<String> present = new HashSet<>();
        tree.fieldNames().forEachRemaining(present::add);
        return new Patch<>(convert(tree, type), present);
    }

    public static JsonNode readTree(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "application/json");
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw new ApiException(400, "malformed_json");
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            if (!(tree instanceof ObjectNode)) {
                throw new ApiException(400, "malformed_json");
            }
            return tree;
        } catch (CharConversionException e) {
            throw new ApiException(400, "invalid_encoding");
        } catch (JsonParseException e) {
            throw new ApiException(400, e.getMessage() != null && e.getMessage().contains("UTF-8")
                    ? "invalid_encoding" : "malformed_json");
        } catch (IOException e) {
            throw new ApiException(400, "malformed_json");
        }
    }

    public static <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.invalid(path(e), "unknown_field");
        } catch (JsonMappingException e) {
            throw ApiException.invalid(path(e), "wrong_type");
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed_json");
        }
    }

    /** The JSON path of the failing field, e.g. "items[3].participantId". */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        List<JsonMappingException.Reference> refs = e.getPath();
        for (Iterator<JsonMappingException.Reference> it = refs.iterator(); it.hasNext(); ) {
            JsonMappingException.Reference ref = it.next();
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }
}
