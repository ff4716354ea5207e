package vn.bdg.registry.participant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhonesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0912345678", "0912 345 678", "091.234.5678", "091-234-5678", "+84912345678",
            "+84 912 345 678", "84 912 345 678", "84912345678", "0084912345678", "+84 0912345678", "912345678",
            " 0912345678 ", "0912\u00a0345\u00a0678", "+84\u202f912\u2009345\u2009678"})
    void everyCommonWayOfWritingAMobileGivesTheSameE164(String written) {
        assertThat(Phones.toE164(written)).hasValue("+84912345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0312345678", "0512345678", "0712345678", "0812345678", "0987654321"})
    void mobilesOfEveryNetworkPrefixAreAccepted(String written) {
        assertThat(Phones.toE164(written)).hasValue("+84" + written.substring(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"02438251234", "0243 825 1234", "(0209) 387 1234", "+84 209 387 1234"})
    void landlinesWithTheirAreaCodeAreAccepted(String written) {
        assertThat(Phones.toE164(written).orElseThrow()).startsWith("+842").hasSize(13);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "12345", "091234567", "09123456789", "0112345678", "0612345678",
            "+1 202 555 0143", "+8491234567", "0912abc678", "0912345678 ext 2", "0000000000"})
    void anythingElseIsNotAVietnamesePhone(String written) {
        assertThat(Phones.toE164(written)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void noPhoneIsNoPhone() {
        assertThat(Phones.toE164(null)).isEmpty();
    }
}
