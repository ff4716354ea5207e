package vn.bdg.registry.audit;

import io.javalin.http.Context;
import org.jooq.DSLContext;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.web.Params;
import vn.bdg.registry.web.Validator;

import java.time.LocalDate;
import java.util.List;

/** Client/server IO for reading the audit log (admins of the whole province). Newest first. */
public final class AuditController {
    private final DSLContext dsl;
    private final AuditLog log;

    public AuditController(DSLContext dsl, AuditLog log) {
        this.dsl = dsl;
        this.log = log;
    }

    public void list(Context ctx) {
        var caller = AccessManager.caller(ctx);
        if (!caller.provinceWide()) {
            // entries name the records of every district and commune, and keep no unit to scope them by
            throw ApiException.forbidden();
        }
        PageRequest page = PageRequest.of(ctx);
        LocalDate from = Params.queryDate(ctx, "from");
        LocalDate to = Params.queryDate(ctx, "to");
        new Validator().check(from == null || to == null || !to.isBefore(from), "to", "end_before_start").validate();
        Long before = null;
        if (page.hasCursor()) {
            try {
                before = Long.parseLong(page.after().get(0));
            } catch (NumberFormatException e) {
                throw ApiException.invalid("cursor", "invalid_cursor");
            }
        }
        var filter = new AuditLog.Filter(Params.query(ctx, "entity"), Params.query(ctx, "entityId"),
                Params.queryUuid(ctx, "userId"), Params.query(ctx, "action"), from, to);
        List<AuditLog.Logged> rows = log.read(dsl, caller.provinceCode(), filter, before, page.limit() + 1);
        ctx.json(page.page(rows, e -> List.of(String.valueOf(e.id()))));
    }
}
