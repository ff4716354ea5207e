package vn.bdg.registry.web;

import java.util.List;

/**
 * A client-visible failure with a stable code. Services throw it; {@link ErrorHandlers} renders it
 * as RFC 9457 problem+json, with title and messages in the caller's language.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<FieldError> errors;
    private final Object[] args;

    public ApiException(int status, String code, List<FieldError> errors, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.args = args;
    }

    public ApiException(int status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    public static ApiException notFound() {
        return new ApiException(404, "not_found");
    }

    public static ApiException forbidden() {
        return new ApiException(403, "forbidden");
    }

    public static ApiException conflict(String code, Object... args) {
        return new ApiException(409, code, args);
    }

    /** A rule of the domain was broken by otherwise well-formed input (422). */
    public static ApiException unprocessable(String field, String code, Object... args) {
        return new ApiException(422, "rule_violated", List.of(new FieldError(field, code, args)));
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(400, "validation_failed", errors);
    }

    public static ApiException invalid(String field, String code, Object... args) {
        return invalid(List.of(new FieldError(field, code, args)));
    }

    /**
     * The same failure with its fields named by their path in a body that holds the object they
     * were checked in at path (e.g. "sex" of a walk-in's participant as "participant.sex").
     */
    public ApiException within(String path) {
        return errors.isEmpty() ? this : new ApiException(status, code,
                errors.stream().map(e -> new FieldError(path + "." + e.field(), e.code(), e.args())).toList(), args);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Object[] args() {
        return args;
    }
}
