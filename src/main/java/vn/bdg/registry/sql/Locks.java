package vn.bdg.registry.sql;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Transaction-level advisory locks on a text key: held until the transaction ends, on the key's
 * 64-bit hash (a rare collision only makes two transactions wait for each other).
 */
public final class Locks {
    private Locks() {
    }

    /** Waits until no other transaction holds the key, then holds it alone. */
    public static void hold(DSLContext tx, String key) {
        tx.fetch("select pg_advisory_xact_lock(hashtextextended({0}, 0))", DSL.val(key));
    }

    /** Waits until no other transaction holds the key alone, then holds it beside other sharers. */
    public static void share(DSLContext tx, String key) {
        tx.fetch("select pg_advisory_xact_lock_shared(hashtextextended({0}, 0))", DSL.val(key));
    }
}
