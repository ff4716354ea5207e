package vn.bdg.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a token may still do at the edges of its life: at its expiry. */
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
}
