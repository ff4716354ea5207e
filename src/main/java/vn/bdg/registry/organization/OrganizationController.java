package vn.bdg.registry.organization;

import io.javalin.http.Context;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.web.Validator;

import java.util.List;

/** Client/server IO for organisations. */
public final class OrganizationController {
    record CreateRequest(String name, String shortName, String unitCode) {
    }

    private final OrganizationRepository organizations;
    private final OrganizationService service;

    public OrganizationController(OrganizationRepository organizations, OrganizationService service) {
        this.organizations = organizations;
        this.service = service;
    }

    public void list(Context ctx) {
        PageRequest page = PageRequest.of(ctx);
        List<Organization> rows = organizations.list(AccessManager.caller(ctx).provinceCode(),
                page.hasCursor() && page.after().size() == 2 ? page.after() : null, page.limit() + 1);
        ctx.json(page.page(rows, o -> List.of(o.name(), o.id().toString())));
    }

    public void create(Context ctx) {
        CreateRequest req = Bodies.read(ctx, CreateRequest.class);
        String name = VietnameseText.clean(req.name());
        new Validator().require("name", name).maxLength("name", name, 300)
                .maxLength("shortName", req.shortName(), 100).validate();
        ctx.status(201).json(service.create(AccessManager.caller(ctx), name,
                VietnameseText.clean(req.shortName()), req.unitCode()));
    }
}
