package vn.bdg.registry.auth;

import io.javalin.http.Context;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.Validator;

/** Client/server IO for login, refresh and logout. */
public final class AuthController {
    record LoginRequest(String username, String password) {
    }

    record RefreshRequest(String refreshToken) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    /**
     * The largest login or refresh body: a username (64 characters) and a password (256) fit in a
     * few kilobytes however they are escaped; anything longer is refused unread.
     */
    static final long MAX_BODY_BYTES = 16 * 1024;

    private final AuthService auth;

    public AuthController(AuthService auth) {
        this.auth = auth;
    }

    public void login(Context ctx) {
        LoginRequest req = Bodies.read(ctx, LoginRequest.class, MAX_BODY_BYTES);
        new Validator().require("username", req.username()).require("password", req.password()).validate();
        answerTokens(ctx, auth.login(req.username().trim(), req.password(), ctx.ip()));
    }

    public void refresh(Context ctx) {
        RefreshRequest req = Bodies.read(ctx, RefreshRequest.class, MAX_BODY_BYTES);
        new Validator().require("refreshToken", req.refreshToken()).validate();
        answerTokens(ctx, auth.refresh(req.refreshToken()));
    }

    /** Tokens are credentials: no cache on the way may keep the answer (RFC 6749, section 5.1). */
    private static void answerTokens(Context ctx, AuthService.Tokens tokens) {
        ctx.header("Cache-Control", "no-store").json(tokens);
    }

    public void logout(Context ctx) {
        auth.logout(AccessManager.bearerToken(ctx));
        ctx.status(204);
    }

    public void changePassword(Context ctx) {
        PasswordChange req = Bodies.read(ctx, PasswordChange.class);
        auth.changeOwnPassword(AccessManager.caller(ctx), AccessManager.bearerToken(ctx), ctx.ip(),
                req.currentPassword(), req.newPassword());
        ctx.status(204);
    }
}
