package vn.bdg.registry.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A stored record as the API shows it, with its version: the digest of that representation as
 * read from its row, so that a change to the row (an updatedAt included) changes it. The API
 * sends it as a strong ETag (see {@link ETags#answer}); a write conditional on If-Match checks it
 * against the row read under the write's lock ({@link #requireMatch}), in the transaction that
 * writes.
 */
public record Versioned<T>(T value, String etag) {
    /**
     * The record and its version. leftOut names fields of the representation that are not the
     * row's own (counted from other tables, such as a course's enrolledCount): they do not make
     * another version of the record, and editing it does not conflict with them.
     */
    public static <T> Versioned<T> of(T value, String... leftOut) {
        try {
            ObjectNode fields = Json.MAPPER.valueToTree(value);
            fields.remove(List.of(leftOut));
            return new Versioned<>(value, ETags.digest(Json.MAPPER.writeValueAsBytes(fields)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("not a JSON object: " + value.getClass().getName(), e);
        }
    }

    /** This version, if the If-Match header (null: absent, no condition) allows a write to it; else 412. */
    public Versioned<T> requireMatch(String ifMatch) {
        ETags.requireMatch(ifMatch, etag);
        return this;
    }
}
