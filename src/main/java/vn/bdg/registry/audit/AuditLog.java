package vn.bdg.registry.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Insert;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.web.Json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.AUDIT_LOG;

/** Writes one audit row per change, inside the transaction of the change itself; scrubs erased data. */
public final class AuditLog {

    public void record(DSLContext tx, Caller caller, String action, String entity, Object entityId,
                       Object before, Object after) {
        record(tx, caller.provinceCode(), caller, action, entity, entityId, before, after);
    }

    /** For writes with no logged-in caller (command line, demo data): caller may be null. */
    public void record(DSLContext tx, String provinceCode, Caller caller, String action, String entity,
                       Object entityId, Object before, Object after) {
        insert(tx, provinceCode, caller, action, entity, new Entry(entityId, before, after)).execute();
    }

    /** One entity's change, for {@link #recordEach}. */
    public record Entry(Object entityId, Object before, Object after) {
    }

    /** One row for each entry, in one round trip (an import changing thousands of records). */
    public void recordEach(DSLContext tx, Caller caller, String action, String entity, List<Entry> entries) {
        if (!entries.isEmpty()) {
            tx.batch(entries.stream().map(e -> insert(tx, caller.provinceCode(), caller, action, entity, e)).toList())
                    .execute();
        }
    }

    private static Insert<?> insert(DSLContext tx, String provinceCode, Caller caller, String action,
                                   String entity, Entry e) {
        return tx.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.PROVINCE_CODE, provinceCode)
                .set(AUDIT_LOG.USER_ID, caller == null ? null : caller.userId())
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.ENTITY, entity)
                .set(AUDIT_LOG.ENTITY_ID, e.entityId() == null ? null : e.entityId().toString())
                .set(AUDIT_LOG.BEFORE, jsonb(e.before()))
                .set(AUDIT_LOG.AFTER, jsonb(e.after()));
    }

    /**
     * The participant an entry not filed under the participant is about: an enrollment, an excuse,
     * an undone scan, a withheld certificate name it in their before or after (participant_id when a
     * merge wrote an enrollment row itself). The expression of V13's index audit_log_participant.
     */
    private static final Field<String> PARTICIPANT_OF = DSL.field(
            "coalesce({0} ->> 'participantId', {1} ->> 'participantId', {0} ->> 'participant_id', "
                    + "{1} ->> 'participant_id')", String.class, AUDIT_LOG.BEFORE, AUDIT_LOG.AFTER);

    /**
     * Erasure: in the province's entries about these participants (filed under one of them or
     * under one of these certificates, or naming one of them as their participant), replaces the
     * value of every field named in fields, at any depth, with marker; null values stay null. The
     * entries stay (who did what when), without the person's data. Answers how many changed.
     */
    public int scrub(DSLContext tx, String provinceCode, Collection<UUID> participantIds,
                     Collection<String> certificateNumbers, Set<String> fields, String marker) {
        String[] ids = participantIds.stream().map(UUID::toString).toArray(String[]::new);
        Condition about = AUDIT_LOG.ENTITY.eq("participant").and(AUDIT_LOG.ENTITY_ID.in(ids))
                .or(AUDIT_LOG.ENTITY.eq("certificate").and(AUDIT_LOG.ENTITY_ID.in(certificateNumbers)))
                .or(PARTICIPANT_OF.eq(DSL.any(DSL.val(ids))));
        var rows = tx.select(AUDIT_LOG.ID, AUDIT_LOG.BEFORE, AUDIT_LOG.AFTER).from(AUDIT_LOG)
                .where(AUDIT_LOG.PROVINCE_CODE.eq(provinceCode).and(about))
                .orderBy(AUDIT_LOG.ID).forUpdate().fetch();
        List<org.jooq.Query> updates = new ArrayList<>();
        for (var r : rows) {
            JSONB before = scrubbed(r.value2(), fields, marker);
            JSONB after = scrubbed(r.value3(), fields, marker);
            if (!Objects.equals(before, r.value2()) || !Objects.equals(after, r.value3())) {
                updates.add(tx.update(AUDIT_LOG).set(AUDIT_LOG.BEFORE, before).set(AUDIT_LOG.AFTER, after)
                        .where(AUDIT_LOG.ID.eq(r.value1())));
            }
        }
        if (!updates.isEmpty()) {
            tx.batch(updates).execute();
        }
        return updates.size();
    }

    /** The value with the named fields' values replaced (the same value when none had one). */
    private static JSONB scrubbed(JSONB value, Set<String> fields, String marker) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(value.data());
            return replace(tree, fields, marker) ? JSONB.jsonb(Json.MAPPER.writeValueAsString(tree)) : value;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean replace(JsonNode node, Set<String> fields, String marker) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (String name : fields) {
                JsonNode v = object.get(name);
                if (v != null && !v.isNull() && !(v.isTextual() && v.asText().equals(marker))) {
                    object.set(name, TextNode.valueOf(marker));
                    changed = true;
                }
            }
        }
        for (JsonNode child : node) {
            changed |= replace(child, fields, marker);
        }
        return changed;
    }

    private static JSONB jsonb(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSONB.jsonb(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
