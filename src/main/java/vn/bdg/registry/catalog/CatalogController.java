package vn.bdg.registry.catalog;

import io.javalin.http.Context;
import vn.bdg.registry.web.ApiException;

import java.util.Map;

/** Client/server IO for the read-only catalogues. */
public final class CatalogController {
    private final Catalogs catalogs;

    public CatalogController(Catalogs catalogs) {
        this.catalogs = catalogs;
    }

    public void get(Context ctx) {
        ctx.json(Map.of("items", catalogs.list(ctx.pathParam("catalog")).orElseThrow(ApiException::notFound)));
    }
}
