package vn.bdg.registry.sql;

import org.jooq.exception.DataAccessException;
import vn.bdg.registry.web.ApiException;

import java.util.function.Supplier;

/**
 * A write guarded by a unique key: its check-then-insert can still lose a race to a request sent
 * at the same moment (a double click), whose row the unique key then refuses. That is the same
 * conflict the check answers, not a server error.
 */
public final class Unique {
    private static final String UNIQUE_VIOLATION = "23505";

    private Unique() {
    }

    /** Runs the write; a unique key violation is a 409 with the code. */
    public static <T> T orConflict(String code, Supplier<T> write) {
        try {
            return write.get();
        } catch (DataAccessException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw ApiException.conflict(code);
            }
            throw e;
        }
    }
}
