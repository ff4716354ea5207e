package vn.bdg.registry.web;

import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Typed path and query parameters. A malformed id in a path names nothing: 404. */
public final class Params {
    private Params() {
    }

    public static UUID pathId(Context ctx, String name) {
        try {
            return UUID.fromString(ctx.pathParam(name));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound();
        }
    }

    public static UUID queryUuid(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "wrong_type");
        }
    }

    public static LocalDate queryDate(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "invalid_date");
        }
        if (!Json.inRange(date.getYear())) {
            throw ApiException.invalid(List.of(Json.outOfRange(name)));
        }
        return date;
    }

    /**
     * Refuses query parameters whose text holds U+0000, which PostgreSQL's text cannot: named as the
     * client's mistake rather than failing the query they would go into; and a parameter given more
     * than once (by=sex&by=level), of which only the first would be read, so that a report would
     * silently lack the breakdowns after it: lists are sent comma-separated. Runs before every handler.
     */
    public static void refuseUnreadableQueries(Context ctx) {
        List<FieldError> errors = new ArrayList<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (name.indexOf('\u0000') >= 0 || values.stream().anyMatch(v -> v.indexOf('\u0000') >= 0)) {
                errors.add(new FieldError(name.replace('\u0000', '?'), "invalid_character"));
            } else if (values.size() > 1) {
                errors.add(new FieldError(name, "repeated_parameter"));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    public static String query(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    public static String queryEnum(Context ctx, String name, java.util.Set<String> allowed) {
        String raw = query(ctx, name);
        if (raw != null && !allowed.contains(raw)) {
            throw ApiException.invalid(name, "not_allowed", String.join(", ", allowed));
        }
        return raw;
    }
}
