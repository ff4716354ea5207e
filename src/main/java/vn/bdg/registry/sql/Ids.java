package vn.bdg.registry.sql;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.util.Collection;
import java.util.UUID;

/**
 * "This column is one of these ids", for one id or 10,000 (a batch upload).
 * <p>
 * Many ids go as a subquery over one array parameter: too many for bind values one by one, and
 * "= any(cast(? as uuid[]))" re-reads the array for every row (a 10,000-id lookup on an indexed
 * column took a minute). One id goes as a plain equality: a live scan asks for one, and a
 * statement prepared over an array can keep a generic plan made while the table was small (the
 * lookup of a repeated scan's first check-in averaged 24 ms in pg_stat_statements once check_in
 * had grown, against 0.04 ms planned for its values), whereas an equality on an indexed column is
 * planned with its index whatever the table's size.
 */
public final class Ids {
    private Ids() {
    }

    public static Condition in(Field<UUID> field, Collection<UUID> ids) {
        if (ids.size() == 1) {
            return field.eq(ids.iterator().next());
        }
        return field.in(DSL.select(DSL.field(DSL.name("ids", "id"), UUID.class))
                .from(DSL.unnest(DSL.val(ids.toArray(UUID[]::new))).as("ids", "id")));
    }
}
