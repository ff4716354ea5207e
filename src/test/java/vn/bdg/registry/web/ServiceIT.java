package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;

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
