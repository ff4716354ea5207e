package vn.bdg.registry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Json;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.web.Params;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.AUDIT_LOG;

/** Client/server IO for reading the audit log (admins of the whole province). Newest first. */
public final class AuditController {
    record Entry(long id, OffsetDateTime at, UUID userId, String action, String entity, String entityId,
                 JsonNode before, JsonNode after) {
    }

    private final DSLContext dsl;

    public AuditController(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void list(Context ctx) {
        var caller = AccessManager.caller(ctx);
        if (!caller.provinceWide()) {
            // entries name the records of every district and commune, and keep no unit to scope them by
            throw ApiException.forbidden();
        }
        PageRequest page = PageRequest.of(ctx);
        Condition c = AUDIT_LOG.PROVINCE_CODE.eq(caller.provinceCode());
        String entity = Params.query(ctx, "entity");
        if (entity != null) {
            c = c.and(AUDIT_LOG.ENTITY.eq(entity));
        }
        String entityId = Params.query(ctx, "entityId");
        if (entityId != null) {
            c = c.and(AUDIT_LOG.ENTITY_ID.eq(entityId));
        }
        if (page.hasCursor()) {
            try {
                c = c.and(AUDIT_LOG.ID.lt(Long.parseLong(page.after().get(0))));
            } catch (NumberFormatException e) {
                throw ApiException.invalid("cursor", "invalid_cursor");
            }
        }
        List<Entry> rows = dsl.selectFrom(AUDIT_LOG).where(c).orderBy(AUDIT_LOG.ID.desc()).limit(page.limit() + 1)
                .fetch(r -> new Entry(r.getId(), r.getAt(), r.getUserId(), r.getAction(), r.getEntity(),
                        r.getEntityId(), tree(r.getBefore()), tree(r.getAfter())));
        ctx.json(page.page(rows, e -> List.of(String.valueOf(e.id()))));
    }

    private static JsonNode tree(JSONB value) {
        if (value == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(value.data());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
