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

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.APP_USER;
import static vn.bdg.registry.db.Tables.AUDIT_LOG;

/**
 * Writes one audit row per change, inside the transaction of the change itself; scrubs erased
 * data; reads the province's entries, newest first.
 */
public final class AuditLog {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** An entry as read: who (id and username; null for the command line and demo data), when, what. */
    public record Logged(long id, OffsetDateTime at, UUID userId, String username, String action, String entity,
                         String entityId, JsonNode before, JsonNode after) {
    }

    /**
     * What to read: each field null for any. from and to are days in Vietnam, both included (an
     * entry written at 23:30 on 30 June in Vietnam is of 30 June, though 16:30 UTC).
     */
    public record Filter(String entity, String entityId, UUID userId, String action, LocalDate from, LocalDate to) {
    }

    /** A page of the province's entries matching filter, newest first; before: the id the last page ended with. */
    public List<Logged> read(DSLContext dsl, String provinceCode, Filter filter, Long before, int limit) {
        Condition c = AUDIT_LOG.PROVINCE_CODE.eq(provinceCode);
        if (filter.entity() != null) {
            c = c.and(AUDIT_LOG.ENTITY.eq(filter.entity()));
        }
        if (filter.entityId() != null) {
            c = c.and(AUDIT_LOG.ENTITY_ID.eq(filter.entityId()));
        }
        if (filter.userId() != null) {
            c = c.and(AUDIT_LOG.USER_ID.eq(filter.userId()));
        }
        if (filter.action() != null) {
            c = c.and(AUDIT_LOG.ACTION.eq(filter.action()));
        }
        if (filter.from() != null) {
            c = c.and(AUDIT_LOG.AT.ge(filter.from().atStartOfDay(VIETNAM).toOffsetDateTime()));
        }
        if (filter.to() != null) {
            c = c.and(AUDIT_LOG.AT.lt(filter.to().plusDays(1).atStartOfDay(VIETNAM).toOffsetDateTime()));
        }
        if (before != null) {
            c = c.and(AUDIT_LOG.ID.lt(before));
        }
        return dsl.select(AUDIT_LOG.asterisk(), APP_USER.USERNAME).from(AUDIT_LOG)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(AUDIT_LOG.USER_ID))
                .where(c).orderBy(AUDIT_LOG.ID.desc()).limit(limit)
                .fetch(r -> new Logged(r.get(AUDIT_LOG.ID), r.get(AUDIT_LOG.AT), r.get(AUDIT_LOG.USER_ID),
                        r.get(APP_USER.USERNAME), r.get(AUDIT_LOG.ACTION), r.get(AUDIT_LOG.ENTITY),
                        r.get(AUDIT_LOG.ENTITY_ID), tree(r.get(AUDIT_LOG.BEFORE)), tree(r.get(AUDIT_LOG.AFTER))));
    }

    private static JsonNode tree(JSONB value) {
        if (value == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(value.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

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
        JsonNode tree = tree(value);
        try {
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
