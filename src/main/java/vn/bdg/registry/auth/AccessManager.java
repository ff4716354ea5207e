package vn.bdg.registry.auth;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import vn.bdg.registry.web.ApiException;

import java.util.Set;

/**
 * Checked once before every matched route. Deny by default: only routes marked
 * {@link Role.Access#PUBLIC} pass without a login; every other route needs a live bearer token
 * and a caller whose role the route names.
 */
public final class AccessManager {
    private static final String CALLER = "caller";
    /** Static files of the /docs page: they have no route roles to declare. */
    private static final String STATIC_ASSETS = "/docs/assets/";
    private final AuthService auth;

    public AccessManager(AuthService auth) {
        this.auth = auth;
    }

    public void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(Role.Access.PUBLIC) || ctx.path().startsWith(STATIC_ASSETS)) {
            return;
        }
        String token = bearerToken(ctx);
        if (token == null) {
            throw new ApiException(401, "unauthorized");
        }
        Caller caller = auth.authenticate(token).orElseThrow(() -> new ApiException(401, "invalid_token"));
        if (!roles.contains(caller.role())) {
            throw ApiException.forbidden();
        }
        ctx.attribute(CALLER, caller);
    }

    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("route without roles asked for a caller: " + ctx.matchedPath());
        }
        return caller;
    }

    static String bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
