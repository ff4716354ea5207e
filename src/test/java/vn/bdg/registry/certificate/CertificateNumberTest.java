package vn.bdg.registry.certificate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateNumberTest {
    @Test
    void numbersAreProvinceYearAndASixDigitCounter() {
        assertThat(CertificateNumber.of("06", 2026, 123)).isEqualTo("06-2026-000123");
        assertThat(CertificateNumber.of("06", 2026, 1_234_567)).isEqualTo("06-2026-1234567");
    }

    @Test
    void onlyTheFormOfANumberNamesACertificate() {
        assertThat(CertificateNumber.wellFormed("06-2026-000123")).isTrue();
        assertThat(CertificateNumber.wellFormed("9001-2026-1234567")).isTrue();
        assertThat(CertificateNumber.wellFormed("06-2026-123")).isFalse();
        assertThat(CertificateNumber.wellFormed("BK-2026-000123")).isFalse();
        assertThat(CertificateNumber.wellFormed("06-2026-000123 ")).isFalse();
        assertThat(CertificateNumber.wellFormed("06-2026-000123.pdf")).isFalse();
        assertThat(CertificateNumber.wellFormed("")).isFalse();
        assertThat(CertificateNumber.wellFormed(null)).isFalse();
    }

    @Test
    void aNumberSaysItsProvinceYearAndCounter() {
        assertThat(CertificateNumber.Parts.of("06-2026-000123"))
                .isEqualTo(new CertificateNumber.Parts("06", 2026, 123));
        assertThat(CertificateNumber.Parts.of(CertificateNumber.of("9001", 2027, 1_234_567)))
                .isEqualTo(new CertificateNumber.Parts("9001", 2027, 1_234_567));
    }

    @Test
    void theSignedPlaceIsTheProvinceNameWithoutItsKind() {
        assertThat(CertificateService.placeName("Tỉnh Bắc Kạn")).isEqualTo("Bắc Kạn");
        assertThat(CertificateService.placeName("Thành phố Hà Nội")).isEqualTo("Hà Nội");
        assertThat(CertificateService.placeName("Huế")).isEqualTo("Huế");
    }
}
