package vn.bdg.registry.print;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A badge's text stays on the badge, also with the longest course title the registry accepts (500 characters). */
class BadgeLayoutTest {
    private static final float MM = 72f / 25.4f;

    @Test
    void aLongCourseTitleAndNameStayInsideTheirBadge() throws IOException {
        String title = "Tập huấn nâng cao năng lực lồng ghép bình đẳng giới cho đội ngũ cán bộ các cấp; ".repeat(7)
                .substring(0, 500);
        var person = new PdfSheets.Person("Nguyễn Thị Phương Thảo Hoàng Ánh Nguyệt",
                "Xã Nghiên Loan, huyện Pác Nặm, tỉnh Bắc Kạn", "x");
        byte[] pdf = PdfSheets.badges(title, List.of(person));
        float pageHeight = PDRectangle.A4.getHeight();
        float badgeTop = (pageHeight - 5 * 54 * MM) / 2; // the first badge, from the top of the page
        float badgeBottom = badgeTop + 54 * MM;
        List<Float> baselines = new ArrayList<>();
        StringBuilder printed = new StringBuilder();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    positions.forEach(p -> baselines.add(p.getYDirAdj()));
                    printed.append(text).append(' ');
                }
            }.getText(doc);
        }
        assertThat(printed.toString()).contains("Nguyễn Thị Phương Thảo");
        assertThat(baselines).as("every line between the badge's top and bottom cut lines")
                .allSatisfy(y -> assertThat(y).isBetween(badgeTop, badgeBottom - 1 * MM));
    }
}
