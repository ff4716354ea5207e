package vn.bdg.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.OwnServer;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a token may still do at the edges of its life: at its expiry, and after its account changed. */
class TokenLifecycleIT {
    private final World world = World.create();
    private final Api anonymous = Api.anonymous();

    /**
     * An access token is refused from its expiry on (expiresIn), even when this instance answered a
     * request with it a moment before and remembers its caller for a few seconds.
     */
    @Test
    void anAccessTokenIsRefusedFromItsExpiryOnEvenJustAfterARequestMadeWithIt() throws Exception {
        JsonNode login = anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("reporter"), "password", World.PASSWORD)).json();
        String access = login.get("accessToken").asText();
        // the token has one second left to live (as one issued ACCESS_TOKEN_MINUTES ago, less a second)
        TestServer.get().database.dsl().execute("update auth_token set expires_at = now() + interval '1 second'"
                + " where token_hash = sha256(convert_to(?, 'UTF8')) and kind = 'access'", access);
        Api reporter = anonymous.withToken(access);
        assertThat(reporter.get("/api/v1/me").status()).as("still live").isEqualTo(200);
        Thread.sleep(1_500);
        assertThat(reporter.get("/api/v1/me").status()).as("expired").isEqualTo(401);
        // the refresh token still gets a new one
        Api.Res refreshed = anonymous.post("/api/v1/auth/refresh",
                Map.of("refreshToken", login.get("refreshToken").asText()));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(anonymous.withToken(refreshed.json().get("accessToken").asText()).get("/api/v1/me").status())
                .isEqualTo(200);
    }

    /**
     * Another instance of the service may remember a caller for a few seconds after their account
     * was changed (README). An admin deactivated meanwhile must not use those seconds to make an
     * account, which would outlive them: as with a change of an account or a password reset, the
     * account is read again when one is made.
     */
    @Test
    void anAdminDeactivatedWhileAnotherInstanceRemembersThemCannotMakeAnAccountThere() {
        try (OwnServer own = OwnServer.start()) {
            String base = own.baseUrl;
            Api leaving = world.newUser("leaving", Role.admin, null);
            String id = leaving.get("/api/v1/me").json().get("id").asText();
            Api elsewhere = leaving.at(base);
            assertThat(elsewhere.get("/api/v1/me").status()).as("remembered there now").isEqualTo(200);

            Api.Res deactivated = world.admin.patch("/api/v1/users/" + id, Map.of("active", false));
            assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);

            String username = world.username("backdoor");
            Api.Res made = elsewhere.post("/api/v1/users", Map.of("username", username, "password", World.PASSWORD,
                    "role", "admin", "fullName", "Tài khoản mới"));
            assertThat(made.status()).as(made.body()).isEqualTo(401);
            assertThat(anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", World.PASSWORD))
                    .status()).as("no such account").isEqualTo(401);
            // as a change of an account already was
            String trainer = world.trainer.get("/api/v1/me").json().get("id").asText();
            assertThat(elsewhere.patch("/api/v1/users/" + trainer, Map.of("role", "admin")).status()).isEqualTo(401);
        }
    }
}
