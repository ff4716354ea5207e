package vn.bdg.registry.participant;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Duplicate records merged into others: a merged record's card still stands for the record it was
 * merged into, also through a chain of merges (A merged into B, later B into C: A's card is C's).
 */
public final class MergedRecords {
    /** The longest chain of merges followed: rosters, scans and certificates all follow this many. */
    public static final int MAX_CHAIN = 10;

    private MergedRecords() {
    }

    /** The record and the records of the province merged into it, at any depth, in id order. */
    public static SortedSet<UUID> withMerged(DSLContext dsl, String provinceCode, UUID id) {
        SortedSet<UUID> all = new TreeSet<>(into(dsl, provinceCode, List.of(id)).keySet());
        all.add(id);
        return all;
    }

    /** The records of the province merged into these, at any depth: merged id -> the one of these it stands for. */
    public static Map<UUID, UUID> into(DSLContext dsl, String provinceCode, Collection<UUID> kept) {
        if (kept.isEmpty()) {
            return Map.of();
        }
        // province_code and "merged_into is not null" let both steps read the small partial index participant_merged
        return dsl.resultQuery("""
                        with recursive merged (id, kept, depth) as (
                            select id, merged_into, 1 from participant
                            where province_code = {0} and merged_into is not null and merged_into = any({1})
                            union all
                            select p.id, m.kept, m.depth + 1 from merged m
                            join participant p on p.merged_into = m.id
                            where p.province_code = {0} and p.merged_into is not null and m.depth < {2})
                        select id, kept from merged""",
                        DSL.val(provinceCode), DSL.val(kept.toArray(UUID[]::new)), DSL.inline(MAX_CHAIN))
                .fetchMap(r -> r.get(0, UUID.class), r -> r.get(1, UUID.class));
    }
}
