package vn.bdg.registry.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.App;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public routes are wired to the per-client limiter. On a server of its own with a small limit,
 * so that the shared test server (generous limit) never answers 429 to other tests.
 */
class PublicRateLimitIT {
    @Test
    void publicRoutesAnswer429WithRetryAfterOnceAClientHasUsedItsAllowance() {
        TestServer shared = TestServer.get();
        Javalin app = App.create(shared.config.withPublicRequestsPerMinute(3, List.of()), shared.database)
                .start("127.0.0.1", 0);
        try {
            // not behind a trusted proxy: a made-up X-Forwarded-For does not buy a fresh allowance
            Api client = Api.anonymous("http://127.0.0.1:" + app.port()).withHeader("X-Forwarded-For", "198.51.100.1");
            assertThat(client.get("/api/v1/public/certificates/00-2000-000001").status()).isEqualTo(404);
            assertThat(client.get("/verify/00-2000-000001").status()).isEqualTo(404);
            assertThat(client.get("/api/v1/public/cards/not-a-card").status()).isEqualTo(404);
            Api.Res limited = client.get("/api/v1/public/certificates/00-2000-000001");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().get("code").asText()).isEqualTo("rate_limited");
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
            assertThat(client.get("/verify/00-2000-000001").status()).isEqualTo(429);
            assertThat(Api.anonymous("http://127.0.0.1:" + app.port()).withHeader("X-Forwarded-For", "198.51.100.2")
                    .get("/verify/00-2000-000001").status()).isEqualTo(429);
            assertThat(client.get("/health").status()).as("only the public routes are limited").isEqualTo(200);
        } finally {
            app.stop();
        }
    }

    @Test
    void guessingCheckCodesUsesUpTheAllowanceLikeAnyPublicRequest() {
        JsonNode certificate = CertificateFixtures.issuedToHoa(World.create()).certificate();
        String number = certificate.get("number").asText();

        TestServer shared = TestServer.get();
        Javalin app = App.create(shared.config.withPublicRequestsPerMinute(3, List.of()), shared.database)
                .start("127.0.0.1", 0);
        try {
            Api guesser = Api.anonymous("http://127.0.0.1:" + app.port());
            for (String guess : List.of("AAAAA-AAAAA", "AAAAA-AAAAB")) {
                assertThat(guesser.get("/api/v1/public/certificates/" + number + "?code=" + guess).json()
                        .get("holderConfirmed").asBoolean()).isFalse();
            }
            assertThat(guesser.get("/verify/" + number + "?code=AAAAA-AAAAC").status()).isEqualTo(200);
            String right = "?code=" + certificate.get("checkCode").asText();
            assertThat(guesser.get("/api/v1/public/certificates/" + number + right).status()).isEqualTo(429);
            assertThat(guesser.get("/verify/" + number + right).status()).isEqualTo(429);
        } finally {
            app.stop();
        }
    }

    @Test
    void behindATrustedReverseProxyEachClientHasItsOwnAllowance() {
        TestServer shared = TestServer.get();
        Javalin app = App.create(shared.config.withPublicRequestsPerMinute(2, List.of("127.0.0.1")), shared.database)
                .start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + app.port();
            Api first = Api.anonymous(base).withHeader("X-Forwarded-For", "203.0.113.7");
            Api second = Api.anonymous(base).withHeader("X-Forwarded-For", "203.0.113.8");
            assertThat(first.get("/verify/00-2000-000001").status()).isEqualTo(404);
            assertThat(first.get("/verify/00-2000-000001").status()).isEqualTo(404);
            assertThat(first.get("/verify/00-2000-000001").status()).isEqualTo(429);
            assertThat(second.get("/verify/00-2000-000001").status()).as("another client behind the same proxy")
                    .isEqualTo(404);
        } finally {
            app.stop();
        }
    }
}
