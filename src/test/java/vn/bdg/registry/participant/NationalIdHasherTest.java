package vn.bdg.registry.participant;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.Config;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NationalIdHasherTest {
    @Test
    void aKeyThatIsNotBase64OrTooShortSaysWhatToSet() {
        assertThatThrownBy(() -> NationalIdHasher.create("not base64!", null))
                .isInstanceOf(Config.Invalid.class)
                .hasMessageStartingWith("NATIONAL_ID_HMAC_KEY is not base64: set it to at least 32 random bytes");
        assertThatThrownBy(() -> NationalIdHasher.create(Base64.getEncoder().encodeToString(new byte[16]), null))
                .isInstanceOf(Config.Invalid.class)
                .hasMessage("NATIONAL_ID_HMAC_KEY holds 16 bytes, at least 32 are needed (openssl rand -base64 32)");
    }
}
