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

    /**
     * The Swagger UI package also holds pages of its own: its demo index.html, which loads the
     * Petstore's API description from petstore.swagger.io and renders it on this origin (where the
     * scanner keeps its tokens), and oauth2-redirect.html; both were served, without the hardening
     * headers. Only the files /docs loads are.
     */
    @Test
    void onlyTheFilesTheDocsPageLoadsAreServedFromTheSwaggerUiPackage() {
        Api anonymous = Api.anonymous();
        assertThat(anonymous.get("/docs/assets/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/docs/assets/swagger-ui.css").status()).isEqualTo(200);
        for (String other : new String[]{"index.html", "oauth2-redirect.html", "swagger-initializer.js"}) {
            assertThat(anonymous.get("/docs/assets/" + other).status()).as(other).isEqualTo(404);
        }
    }
}
