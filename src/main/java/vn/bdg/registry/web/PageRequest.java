package vn.bdg.registry.web;

import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * limit + opaque cursor. The cursor is the sort key of the last item served, base64url-encoded,
 * so pages stay stable while rows are added (keyset pagination).
 */
public record PageRequest(int limit, List<String> after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(Context ctx) {
        int limit = DEFAULT_LIMIT;
        String rawLimit = ctx.queryParam("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit);
            } catch (NumberFormatException e) {
                // a whole number too large for an int is out of range like 201, not of the wrong type
                throw rawLimit.matches("[+-]?[0-9]+") ? ApiException.invalid("limit", "out_of_range", 1, MAX_LIMIT)
                        : ApiException.invalid("limit", "wrong_type");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.invalid("limit", "out_of_range", 1, MAX_LIMIT);
            }
        }
        String cursor = ctx.queryParam("cursor");
        return new PageRequest(limit, cursor == null || cursor.isEmpty() ? null : decode(cursor));
    }

    public boolean hasCursor() {
        return after != null;
    }

    /**
     * The date at index i of the cursor's sort key. A cursor made by hand with anything else, or
     * with a year no list holds (outside 0001–9999, which PostgreSQL may not compare with), is a 400.
     */
    public LocalDate afterDate(int i) {
        LocalDate date = afterPart(i, LocalDate::parse);
        return inRange(date.getYear(), date);
    }

    /** The date and time at index i of the cursor's sort key, checked as afterDate. */
    public OffsetDateTime afterDateTime(int i) {
        OffsetDateTime time = afterPart(i, OffsetDateTime::parse);
        return inRange(time.withOffsetSameInstant(ZoneOffset.UTC).getYear(), inRange(time.getYear(), time));
    }

    /** The id at index i of the cursor's sort key. */
    public UUID afterId(int i) {
        return afterPart(i, UUID::fromString);
    }

    private <T> T afterPart(int i, Function<String, T> parse) {
        try {
            return parse.apply(after.get(i));
        } catch (RuntimeException e) { // unparsable, or no such part
            throw ApiException.invalid("cursor", "invalid_cursor");
        }
    }

    private static <T> T inRange(int year, T value) {
        if (!Json.inRange(year)) {
            throw ApiException.invalid("cursor", "invalid_cursor");
        }
        return value;
    }

    /** Builds the page from up to limit+1 fetched rows: the extra row only says there is more. */
    public <T> Page<T> page(List<T> fetched, Function<T, List<String>> sortKey) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(items, encode(sortKey.apply(items.get(items.size() - 1))));
    }

    static String encode(List<String> key) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Json.MAPPER.writeValueAsBytes(key));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> decode(String cursor) {
        try {
            List<String> key = Json.MAPPER.readValue(
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8),
                    new TypeReference<>() { });
            // no sort key has a null part, nor text PostgreSQL cannot hold (a NUL, half a surrogate pair):
            // such a cursor was made by hand, and would reach the query as null or fail it
            if (key == null || key.isEmpty() || key.contains(null) || !key.stream().allMatch(Bodies::storable)) {
                throw new IllegalArgumentException();
            }
            return key;
        } catch (Exception e) {
            throw ApiException.invalid("cursor", "invalid_cursor");
        }
    }
}
