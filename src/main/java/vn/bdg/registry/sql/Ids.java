package vn.bdg.registry.sql;

import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;

import java.util.Collection;
import java.util.UUID;

/**
 * Many ids in one query. As a subquery over one array parameter: a batch has up to 10,000 of them,
 * too many for bind values one by one, and "= any(cast(? as uuid[]))" re-reads the array for every
 * row (a 10,000-id lookup on an indexed column took a minute).
 */
public final class Ids {
    private Ids() {
    }

    /** Use as {@code FIELD.in(Ids.oneOf(ids))}. */
    public static Select<Record1<UUID>> oneOf(Collection<UUID> ids) {
        return DSL.select(DSL.field(DSL.name("ids", "id"), UUID.class))
                .from(DSL.unnest(DSL.val(ids.toArray(UUID[]::new))).as("ids", "id"));
    }
}
