package vn.bdg.registry.user;

import io.javalin.http.Context;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.db.Tables;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.ETags;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.web.Params;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Client/server IO for the caller's own account and the province's user accounts. */
public final class UserController {
    record CreateRequest(String username, String password, Role role, String fullName, String unitCode) {
    }

    record UpdateRequest(String fullName, Role role, String unitCode, Boolean active) {
    }

    record PasswordRequest(String password) {
    }

    private final UserRepository users;
    private final UserService service;

    public UserController(UserRepository users, UserService service) {
        this.users = users;
        this.service = service;
    }

    public void me(Context ctx) {
        ctx.json(users.find(AccessManager.caller(ctx).userId()).orElseThrow(ApiException::notFound));
    }

    public void list(Context ctx) {
        Caller caller = AccessManager.caller(ctx);
        PageRequest page = PageRequest.of(ctx);
        String role = Params.queryEnum(ctx, "role",
                Arrays.stream(Role.values()).map(Enum::name).collect(Collectors.toSet()));
        boolean active = !"false".equals(Params.queryEnum(ctx, "active", Set.of("true", "false")));
        UUID after = null;
        if (page.hasCursor()) {
            try {
                after = UUID.fromString(page.after().get(0));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("cursor", "invalid_cursor");
            }
        }
        List<User> rows = users.list(caller.scope(Tables.APP_USER.PROVINCE_CODE, Tables.APP_USER.UNIT_CODE),
                role == null ? null : Role.valueOf(role), active, after, page.limit() + 1);
        ctx.json(page.page(rows, u -> List.of(u.id().toString())));
    }

    public void get(Context ctx) {
        ETags.answer(ctx, service.get(AccessManager.caller(ctx), Params.pathId(ctx, "id")));
    }

    public void create(Context ctx) {
        Caller caller = AccessManager.caller(ctx);
        CreateRequest req = Bodies.read(ctx, CreateRequest.class);
        User created = service.create(caller, req.username(), req.password(), req.role(),
                VietnameseText.clean(req.fullName()), caller.provinceCode(), req.unitCode());
        ctx.status(201).json(created);
    }

    public void update(Context ctx) {
        Caller caller = AccessManager.caller(ctx);
        Bodies.Patch<UpdateRequest> patch = Bodies.readPatch(ctx, UpdateRequest.class);
        UpdateRequest req = patch.value();
        ETags.answer(ctx, service.update(caller, Params.pathId(ctx, "id"), ETags.ifMatch(ctx), new UserService.Change(
                patch.has("fullName"), VietnameseText.clean(req.fullName()),
                patch.has("role"), req.role(),
                patch.has("unitCode"), req.unitCode(),
                patch.has("active"), req.active())));
    }

    public void resetPassword(Context ctx) {
        Caller caller = AccessManager.caller(ctx);
        PasswordRequest req = Bodies.read(ctx, PasswordRequest.class);
        service.resetPassword(caller, Params.pathId(ctx, "id"), req.password());
        ctx.status(204);
    }
}
