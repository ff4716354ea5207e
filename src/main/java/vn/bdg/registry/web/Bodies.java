package vn.bdg.registry.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.io.CharConversionException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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

    /**
     * As {@link #read}, for a route anyone may call whose body is small: a body longer than maxBytes
     * is refused unread (413). MAX_REQUEST_BYTES is made for imports; read and parsed on a public
     * route, bodies of that size (several copies of each in memory) sent a few at once would
     * exhaust the memory.
     */
    public static <T> T read(Context ctx, Class<T> type, long maxBytes) {
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw new ApiException(413, "payload_too_large");
        }
        return read(ctx, type);
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
            List<FieldError> unstorable = unstorableCharacters(tree);
            if (!unstorable.isEmpty()) {
                throw ApiException.invalid(unstorable);
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

    /**
     * The media type a Content-Type header names, in lower case and without its parameters; "" for
     * none (also for a header such as ";", which names none).
     */
    public static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    /** The body as a T; a body that does not fit it is a 400 naming the fields at fault. */
    public static <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw ApiException.invalid(allErrors(tree, type, e));
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed_json");
        }
    }

    /**
     * Jackson stops at the first field it cannot read; that field is taken out of a copy and the
     * body read again, so one answer names every unknown field and every value of the wrong type
     * (of a very large body, only as many as re-reading it a few times allows: a bad 30 MB batch
     * must not cost fifty conversions).
     */
    private static List<FieldError> allErrors(JsonNode tree, Class<?> type, JsonMappingException first) {
        List<FieldError> errors = new ArrayList<>(List.of(fieldError(first)));
        JsonNode remaining = tree.deepCopy();
        long size = valueCount(tree);
        JsonMappingException last = first;
        while (errors.size() < MAX_FIELD_ERRORS && errors.size() * size <= REREAD_BUDGET
                && remove(remaining, last.getPath())) {
            try {
                Json.MAPPER.treeToValue(remaining, type);
                break;
            } catch (JsonMappingException e) {
                FieldError error = fieldError(e);
                if (error.field().equals(errors.get(errors.size() - 1).field())) {
                    break;
                }
                errors.add(error);
                last = e;
            } catch (JsonProcessingException e) {
                break;
            }
        }
        return errors;
    }

    private static FieldError fieldError(JsonMappingException e) {
        if (e instanceof Json.OutOfRange) {
            return Json.outOfRange(path(e));
        }
        if (e instanceof UnrecognizedPropertyException) {
            return new FieldError(path(e), "unknown_field");
        }
        if (isOverflow(e)) {
            // a whole number beyond what the field's type holds (an int, a long) is past whatever range
            // the field allows, which only the field's own check knows: said as such, not as a type error
            return new FieldError(path(e), "number_too_large");
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target != null && target.isEnum()) {
            return new FieldError(path(e), "not_allowed", Arrays.stream(target.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", ")));
        }
        // say what the value must be, where the type says more than "wrong type"
        return new FieldError(path(e), target == null ? "wrong_type" : EXPECTED.getOrDefault(target, "wrong_type"));
    }

    /** Whether a numeric overflow (a whole number beyond an int or a long) is behind the failure. */
    private static boolean isOverflow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InputCoercionException) {
                return true;
            }
        }
        return false;
    }

    /** The error code naming what a value of these types must look like. */
    private static final Map<Class<?>, String> EXPECTED = Map.of(
            UUID.class, "not_a_uuid",
            OffsetDateTime.class, "invalid_date_time",
            LocalDate.class, "invalid_date",
            LocalTime.class, "invalid_time",
            Integer.class, "not_an_integer", int.class, "not_an_integer",
            Long.class, "not_an_integer", long.class, "not_an_integer",
            Boolean.class, "not_a_boolean", boolean.class, "not_a_boolean");

    /**
     * Whether PostgreSQL can store the text as it is: no NUL character, and no half of a UTF-16
     * surrogate pair without its other half (JSON's "\ud800" alone), which the driver would store
     * as "?".
     */
    static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /**
     * The fields whose text holds what JSON allows and PostgreSQL's text does not (see storable):
     * refused here, by name, rather than failing or mangling the statement that would store them
     * (up to MAX_FIELD_ERRORS).
     */
    private static List<FieldError> unstorableCharacters(JsonNode tree) {
        List<FieldError> errors = new ArrayList<>();
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>(List.of(Map.entry("", tree)));
        while (!pending.isEmpty() && errors.size() < MAX_FIELD_ERRORS) {
            Map.Entry<String, JsonNode> next = pending.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            if (node.isTextual() && !storable(node.textValue())) {
                errors.add(new FieldError(path, "invalid_character"));
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    pending.push(Map.entry(path + "[" + i + "]", node.get(i)));
                }
            } else if (node.isObject()) {
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
                node.fields().forEachRemaining(fields::add);
                for (int i = fields.size() - 1; i >= 0; i--) {
                    String name = fields.get(i).getKey();
                    String field = path.isEmpty() ? name : path + "." + name;
                    if (!storable(name)) {
                        errors.add(new FieldError(path.isEmpty() ? "body" : path, "invalid_character"));
                    } else {
                        pending.push(Map.entry(field, fields.get(i).getValue()));
                    }
                }
            }
        }
        return errors;
    }

    private static final int MAX_FIELD_ERRORS = 50;
    /** JSON values that may be converted again, in all, to find further errors in one body. */
    private static final long REREAD_BUDGET = 200_000;

    private static long valueCount(JsonNode tree) {
        long count = 0;
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(tree));
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            count++;
            node.elements().forEachRemaining(pending::push);
        }
        return count;
    }

    /** Takes the value at path out of the tree (an array element becomes null); false if there is none. */
    private static boolean remove(JsonNode tree, List<JsonMappingException.Reference> path) {
        JsonNode parent = tree;
        for (int i = 0; i < path.size() - 1 && parent != null; i++) {
            JsonMappingException.Reference ref = path.get(i);
            parent = ref.getFieldName() != null ? parent.get(ref.getFieldName()) : parent.get(ref.getIndex());
        }
        if (path.isEmpty() || parent == null) {
            return false;
        }
        JsonMappingException.Reference last = path.get(path.size() - 1);
        if (last.getFieldName() != null && parent instanceof ObjectNode object && object.has(last.getFieldName())) {
            object.remove(last.getFieldName());
            return true;
        }
        if (last.getFieldName() == null && parent instanceof ArrayNode array && last.getIndex() >= 0
                && last.getIndex() < array.size() && !array.get(last.getIndex()).isNull()) {
            array.set(last.getIndex(), NullNode.getInstance());
            return true;
        }
        return false;
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
