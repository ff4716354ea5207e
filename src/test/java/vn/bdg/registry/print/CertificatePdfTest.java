package vn.bdg.registry.print;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
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

    @Test
    void textBeyondLatinAndVietnamesePrintsWithTheWholeFont() throws Exception {
        assertThat(text(content("Nguyễn Thị Hoà"))).contains("Nguyễn Thị Hoà", "GIẤY CHỨNG NHẬN");
        assertThat(text(content("Nguyễn Thị Hoà Ωμέγα"))).contains("Nguyễn Thị Hoà Ωμέγα");
    }

    private static CertificatePdf.Content content(String name) {
        return new CertificatePdf.Content("06-2026-000123", "7K3QD-M9XWA", name, 1985, null, "Tập huấn",
                LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 10), new BigDecimal("3.5"), null, "Bắc Kạn",
                LocalDate.of(2026, 12, 2), null, "Thủ trưởng đơn vị tổ chức",
                "http://localhost:7070/verify/06-2026-000123?code=7K3QD-M9XWA",
                "http://localhost:7070/verify/06-2026-000123?code=7K3QD-M9XWA#x", false);
    }

    private static String text(CertificatePdf.Content content) throws Exception {
        try (PDDocument doc = Loader.loadPDF(CertificatePdf.render(content))) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
