package vn.bdg.registry.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.OwnServer;
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
        try (OwnServer app = OwnServer.start(config -> config.withPublicRequestsPerMinute(3, List.of()))) {
            // not behind a trusted proxy: a made-up X-Forwarded-For does not buy a fresh allowance
            Api client = Api.anonymous(app.baseUrl).withHeader("X-Forwarded-For", "198.51.100.1");
            assertThat(client.get("/api/v1/public/certificates/00-2000-000001").status()).isEqualTo(404);
            assertThat(client.get("/verify/00-2000-000001").status()).isEqualTo(404);
            assertThat(client.get("/api/v1/public/cards/not-a-card").status()).isEqualTo(404);
            Api.Res limited = client.get("/api/v1/public/certificates/00-2000-000001");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().get("code").asText()).isEqualTo("rate_limited");
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
            assertThat(client.get("/verify/00-2000-000001").status()).isEqualTo(429);
            assertThat(Api.anonymous(app.baseUrl).withHeader("X-Forwarded-For", "198.51.100.2")
                    .get("/verify/00-2000-000001").status()).isEqualTo(429);
            assertThat(client.get("/health").status()).as("only the public routes are limited").isEqualTo(200);
        }
    }

    @Test
    void guessingCheckCodesUsesUpTheAllowanceLikeAnyPublicRequest() {
        JsonNode certificate = CertificateFixtures.issuedToHoa(World.create()).certificate();
        String number = certificate.get("number").asText();

        try (OwnServer app = OwnServer.start(config -> config.withPublicRequestsPerMinute(3, List.of()))) {
            Api guesser = Api.anonymous(app.baseUrl);
            for (String guess : List.of("AAAAA-AAAAA", "AAAAA-AAAAB")) {
                assertThat(guesser.get("/api/v1/public/certificates/" + number + "?code=" + guess).json()
                        .get("holderConfirmed").asBoolean()).isFalse();
            }
            assertThat(guesser.get("/verify/" + number + "?code=AAAAA-AAAAC").status()).isEqualTo(200);
            String right = "?code=" + certificate.get("checkCode").asText();
            assertThat(guesser.get("/api/v1/public/certificates/" + number + right).status()).isEqualTo(429);
            assertThat(guesser.get("/verify/" + number + right).status()).isEqualTo(429);
        }
    }

    @Test
    void behindATrustedReverseProxyEachClientHasItsOwnAllowance() {
        try (OwnServer app = OwnServer.start(config -> config.withPublicRequestsPerMinute(2, List.of("127.0.0.1")))) {
            String base = app.baseUrl;
            Api first = Api.anonymous(base).withHeader("X-Forwarded-For", "203.0.113.7");
            Api second = Api.anonymous(base).withHeader("X-Forwarded-For", "203.0.113.8");
            assertThat(first.get("/verify/00-2000-000001").status()).isEqualTo(404);
            assertThat(first.get("/verify/00-2000-000001").status()).isEqualTo(404);
            assertThat(first.get("/verify/00-2000-000001").status()).isEqualTo(429);
            assertThat(second.get("/verify/00-2000-000001").status()).as("another client behind the same proxy")
                    .isEqualTo(404);
        }
    }
}
