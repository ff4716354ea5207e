package vn.bdg.registry.web;

/** One invalid field: its JSON path, a stable code, and arguments for the localised message. */
public record FieldError(String field, String code, Object... args) {
}
