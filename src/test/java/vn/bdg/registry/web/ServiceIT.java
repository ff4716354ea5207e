package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceIT {
    private final Api anonymous = Api.anonymous();

    @Test
    void healthAndReadinessAnswerWithoutLogin() {
        assertThat(anonymous.get("/health").json().get("status").asText()).isEqualTo("ok");
        Api.Res ready = anonymous.get("/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void everyGetRouteAnswersHeadAsItsGetDoesWithoutTheBody() {
        // monitors and load balancers often probe with HEAD
        Api.Res health = anonymous.head("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.contentType()).startsWith("application/json");
        assertThat(health.body()).isEmpty();

        World world = World.create();
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID otherDistricts = Fixtures.courseToday(world, world.districtB);
        List<String> paths = List.of("/ready", "/api/v1/me", "/api/v1/keys", "/api/v1/courses",
                "/api/v1/courses/" + course, "/api/v1/courses/" + otherDistricts, "/api/v1/courses/" + UUID.randomUUID(),
                "/api/v1/reports/indicators?period=2025", "/api/v1/courses/" + course + "/badges.pdf",
                "/api/v1/no-such-route");
        for (Api caller : List.of(anonymous, world.trainer, world.reporter, world.districtOrganizer, world.organizer)) {
            for (String path : paths) {
                Api.Res get = caller.get(path);
                Api.Res head = caller.head(path);
                assertThat(head.status()).as("HEAD " + path + " (GET: " + get.body() + ")").isEqualTo(get.status());
                assertThat(head.contentType()).as("HEAD " + path).isEqualTo(get.contentType());
                assertThat(head.body()).isEmpty();
            }
        }
    }

    @Test
    void everyAnswerNamesItsRequestForTheLogs() {
        String first = anonymous.get("/health").headers().firstValue("X-Request-Id").orElseThrow();
        String second = anonymous.get("/api/v1/courses").headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(first).matches("[0-9a-f]{16}");
        assertThat(second).matches("[0-9a-f]{16}").isNotEqualTo(first);
        // one a reverse proxy sent is kept, when it is a plain token
        assertThat(anonymous.withHeader("X-Request-Id", "lb-42.a").get("/health").headers()
                .firstValue("X-Request-Id")).contains("lb-42.a");
        assertThat(anonymous.withHeader("X-Request-Id", "<script>").get("/health").headers()
                .firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{16}");
    }

    @Test
    void servesTheContractAndAReadablePageOfIt() {
        Api.Res spec = anonymous.get("/api-docs/openapi.yaml");
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body()).startsWith("openapi: 3.1");
        Api.Res page = anonymous.get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/api-docs/openapi.yaml").contains("swagger-ui-bundle.js");
        assertThat(anonymous.get("/docs/assets/swagger-ui-bundle.js").status()).isEqualTo(200);
    }

    @Test
    void exposesPrometheusMetricsOfRequests() {
        anonymous.get("/health");
        String card = "/api/v1/public/cards/" + "x".repeat(40);
        anonymous.get(card);
        Api.Res metrics = anonymous.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("jetty_threads_busy");
        // each request counted under its route template, never its path (paths hold ids and card tokens)
        assertThat(metrics.body()).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\"[^}]*uri=\"/health\"");
        assertThat(metrics.body()).contains("uri=\"/api/v1/public/cards/{cardToken}\"").doesNotContain("x".repeat(40));
    }
}
