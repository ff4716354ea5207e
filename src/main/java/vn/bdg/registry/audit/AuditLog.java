package vn.bdg.registry.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.web.Json;

import static vn.bdg.registry.db.Tables.AUDIT_LOG;

/** Writes one audit row per change, inside the transaction of the change itself. */
public final class AuditLog {

    public void record(DSLContext tx, Caller caller, String action, String entity, Object entityId,
                       Object before, Object after) {
        record(tx, caller.provinceCode(), caller, action, entity, entityId, before, after);
    }

    /** For writes with no logged-in caller (command line, demo data): caller may be null. */
    public void record(DSLContext tx, String provinceCode, Caller caller, String action, String entity,
                       Object entityId, Object before, Object after) {
        tx.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.PROVINCE_CODE, provinceCode)
                .set(AUDIT_LOG.USER_ID, caller == null ? null : caller.userId())
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.ENTITY, entity)
                .set(AUDIT_LOG.ENTITY_ID, entityId == null ? null : entityId.toString())
                .set(AUDIT_LOG.BEFORE, jsonb(before))
                .set(AUDIT_LOG.AFTER, jsonb(after))
                .execute();
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
