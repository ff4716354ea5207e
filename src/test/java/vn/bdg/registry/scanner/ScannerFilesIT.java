package vn.bdg.registry.scanner;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The scanner's files come from the jar, to anyone, and name nothing outside this server. */
class ScannerFilesIT {
    private static final Pattern EXTERNAL = Pattern.compile("(src|href)=\"(https?:)?//");

    @Test
    void theScannerIsServedWithoutLoginFromTheJar() {
        Api anonymous = Api.anonymous();
        Api.Res redirect = anonymous.get("/scan");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).endsWith("/scan/");

        Api.Res page = anonymous.get("/scan/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<html lang=\"vi\">", "/scan/app.js", "/scan/manifest.webmanifest");
        assertThat(EXTERNAL.matcher(page.body()).find()).as("a file loaded from elsewhere").isFalse();

        for (String file : List.of("app.js", "app.css", "sw.js", "manifest.webmanifest", "icon.svg")) {
            Api.Res res = anonymous.get("/scan/" + file);
            assertThat(res.status()).as(file).isEqualTo(200);
            assertThat(res.body()).as(file).isNotBlank();
        }
        assertThat(anonymous.get("/scan/sw.js").body()).contains("/scan/app.js");
        assertThat(anonymous.get("/scan/missing.js").status()).isEqualTo(404);
    }
}
