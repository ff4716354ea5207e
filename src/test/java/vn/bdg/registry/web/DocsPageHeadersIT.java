package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTML page of the service is sent with the hardening headers the other
 * pages (/scan, /reports, /verify, /card) have. /docs is the Swagger UI page where a user pastes a
 * bearer token ("Authorize"): it may not be framed by another site, nor sniffed.
 */
class DocsPageHeadersIT {
    @Test
    void theDocsPageCannotBeFramedAndIsNotSniffed() {
        Api.Res docs = Api.anonymous().get("/docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.contentType()).startsWith("text/html");
        assertThat(docs.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(docs.header("Content-Security-Policy")).isNotNull().contains("frame-ancestors 'none'");
    }
}
