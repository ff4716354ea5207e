package vn.bdg.registry.unit;

import io.javalin.http.Context;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.web.Params;

import java.util.List;
import java.util.Set;

/** Client/server IO for administrative units (read-only reference data). */
public final class UnitController {
    private final UnitRepository units;

    public UnitController(UnitRepository units) {
        this.units = units;
    }

    public void list(Context ctx) {
        PageRequest page = PageRequest.of(ctx);
        List<AdminUnit> rows = units.list(
                Params.query(ctx, "parent"),
                Params.queryEnum(ctx, "level", Set.of("province", "district", "commune")),
                Params.queryDate(ctx, "at"),
                Params.query(ctx, "q"),
                page.hasCursor() ? page.after().get(0) : null,
                page.limit() + 1);
        ctx.json(page.page(rows, u -> List.of(u.code())));
    }

    public void get(Context ctx) {
        ctx.json(units.find(ctx.pathParam("code")).orElseThrow(ApiException::notFound));
    }
}
