package vn.bdg.registry;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages' files come from the jar, to anyone, and name nothing outside this server. */
class PageFilesIT {
    private static final Pattern EXTERNAL = Pattern.compile("(src|href)=\"(https?:)?//");
    private final Api anonymous = Api.anonymous();

    /** Asserts that /{page} leads to its Vietnamese page, which loads only these files of its own, all served. */
    private void servedWithoutLogin(String page, List<String> files) {
        Api.Res redirect = anonymous.get("/" + page);
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).endsWith("/" + page + "/");

        Api.Res html = anonymous.get("/" + page + "/");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).contains("<html lang=\"vi\">", "/" + page + "/app.js", "/" + page + "/app.css");
        assertThat(EXTERNAL.matcher(html.body()).find()).as("a file loaded from elsewhere").isFalse();
        // and the browser is told so: only this server's own files may run or be fetched
        assertThat(html.header("Content-Security-Policy")).contains("default-src 'self'", "object-src 'none'",
                "frame-ancestors 'none'").doesNotContain("unsafe");

        for (String file : files) {
            Api.Res res = anonymous.get("/" + page + "/" + file);
            assertThat(res.status()).as(file).isEqualTo(200);
            assertThat(res.body()).as(file).isNotBlank();
        }
        assertThat(anonymous.get("/" + page + "/missing.js").status()).isEqualTo(404);
    }

    @Test
    void theScannerIsServedWithoutLoginFromTheJar() {
        servedWithoutLogin("scan", List.of("app.js", "app.css", "sw.js", "manifest.webmanifest", "icon.svg"));
        assertThat(anonymous.get("/scan/").body()).contains("/scan/manifest.webmanifest");
        assertThat(anonymous.get("/scan/sw.js").body()).contains("/scan/app.js");
    }

    @Test
    void theReportPageIsServedWithoutLoginFromTheJarAndHasNoServiceWorker() {
        servedWithoutLogin("reports", List.of("app.js", "app.css", "icon.svg"));
        assertThat(anonymous.get("/reports/sw.js").status()).isEqualTo(404);
    }
}
