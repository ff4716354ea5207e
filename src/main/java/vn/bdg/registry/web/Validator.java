package vn.bdg.registry.web;

import java.util.ArrayList;
import java.util.List;

/** Collects every field error of a request so the client sees all of them at once. */
public final class Validator {
    private final List<FieldError> errors = new ArrayList<>();

    public Validator require(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            errors.add(new FieldError(field, "required"));
        }
        return this;
    }

    public Validator check(boolean ok, String field, String code, Object... args) {
        if (!ok) {
            errors.add(new FieldError(field, code, args));
        }
        return this;
    }

    public Validator maxLength(String field, String value, int max) {
        return check(value == null || value.length() <= max, field, "too_long", max);
    }

    public void add(FieldError error) {
        errors.add(error);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Throws a 400 with all collected errors, if any. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
