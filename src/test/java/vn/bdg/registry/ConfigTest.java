package vn.bdg.registry;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {
    @Test
    void unsetAndBlankSettingsTakeTheirDefaults() {
        Config config = Config.from(Map.of("PORT", " ", "MAX_REQUEST_BYTES", ""));
        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.maxRequestBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(Config.from(Map.of("PORT", "8080")).port()).isEqualTo(8080);
    }

    @Test
    void aNumberThatIsNoneStopsTheStartWithOneLineNamingTheSetting() {
        assertThatThrownBy(() -> Config.from(Map.of("MAX_REQUEST_BYTES", "32MB")))
                .isInstanceOf(Config.Invalid.class)
                .hasMessage("MAX_REQUEST_BYTES must be a whole number from 1 to 2147483647, not \"32MB\"");
        assertThatThrownBy(() -> Config.from(Map.of("PORT", "70000")))
                .isInstanceOf(Config.Invalid.class)
                .hasMessage("PORT must be a whole number from 0 to 65535, not 70000");
        assertThatThrownBy(() -> Config.from(Map.of("SCAN_CONCURRENCY", "0")))
                .isInstanceOf(Config.Invalid.class).hasMessageStartingWith("SCAN_CONCURRENCY must be");
    }

    @Test
    void aSwitchIsTrueOrFalseAndAnythingElseStopsTheStart() {
        assertThat(Config.from(Map.of()).metricsPublic()).isTrue();
        assertThat(Config.from(Map.of("METRICS_PUBLIC", "FALSE")).metricsPublic()).isFalse();
        assertThatThrownBy(() -> Config.from(Map.of("METRICS_PUBLIC", "yes")))
                .isInstanceOf(Config.Invalid.class)
                .hasMessage("METRICS_PUBLIC must be true or false, not \"yes\"");
    }

    @Test
    void aPublicBaseUrlThatIsNoWebAddressStopsTheStart() {
        assertThat(Config.from(Map.of("PUBLIC_BASE_URL", "https://registry.example.vn/")).publicBaseUrl())
                .isEqualTo("https://registry.example.vn");
        assertThat(Config.from(Map.of()).publicBaseUrl()).isEqualTo("http://localhost:7070");
        assertThatThrownBy(() -> Config.from(Map.of("PUBLIC_BASE_URL", "registry.example.vn")))
                .isInstanceOf(Config.Invalid.class)
                .hasMessage("PUBLIC_BASE_URL must be an http:// or https:// address such as "
                        + "https://registry.example.vn, not \"registry.example.vn\"");
        assertThatThrownBy(() -> Config.from(Map.of("PUBLIC_BASE_URL", "http://")))
                .isInstanceOf(Config.Invalid.class);
    }
}
