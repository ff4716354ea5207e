package vn.bdg.registry.print;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CertificatePdfTest {
    @Test
    void theDateLineFollowsTheAdministrativeStyle() {
        assertThat(CertificatePdf.issueLine("Bắc Kạn", LocalDate.of(2026, 12, 12)))
                .isEqualTo("Bắc Kạn, ngày 12 tháng 12 năm 2026");
        // days below 10 and the months January and February take a leading zero (Decree 30/2020/ND-CP)
        assertThat(CertificatePdf.issueLine("Bắc Kạn", LocalDate.of(2026, 2, 5)))
                .isEqualTo("Bắc Kạn, ngày 05 tháng 02 năm 2026");
        assertThat(CertificatePdf.issueLine("Bắc Kạn", LocalDate.of(2026, 3, 9)))
                .isEqualTo("Bắc Kạn, ngày 09 tháng 3 năm 2026");
    }
}
