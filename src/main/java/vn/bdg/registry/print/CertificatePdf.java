package vn.bdg.registry.print;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import static vn.bdg.registry.print.PdfSheets.centred;
import static vn.bdg.registry.print.PdfSheets.text;

/**
 * A certificate (giấy chứng nhận) on one A4 landscape page, in Vietnamese, in the layout of
 * Vietnamese administrative documents: national heading, title, holder, course, the place and date
 * line and the signer at the bottom right, and a QR code with the verification link and the signed
 * credential at the bottom left. Text is real text in the embedded DejaVu font, so it can be
 * extracted and searched.
 */
public final class CertificatePdf {
    /**
     * What one certificate prints. checkCode: as printed, beside the number (the public check shows
     * the holder's full name with it). Nullable: birthYear, unitName, hours, organizer, signerName.
     */
    public record Content(String number, String checkCode, String holderName, Integer birthYear, String unitName, String courseTitle,
                          LocalDate startDate, LocalDate endDate, BigDecimal hours, String organizer, String place,
                          LocalDate issueDate, String signerName, String signerTitle, String verificationUrl,
                          String qrText, boolean revoked) {
    }

    private static final float MM = 72f / 25.4f;
    /*
     * The QR code holds about 700 characters. Level M, not Q: at Q the code gets too dense to scan
     * well. A fixed mask: ZXing's search for the best of eight took 6 of the ~15 ms a certificate
     * costs, and over a random-looking payload (base64 of a signed text) every mask decodes alike.
     */
    private static final int QR_MASK = 0;
    private static final PDRectangle A4_LANDSCAPE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final Color ACCENT = new Color(0x8B, 0x1A, 0x1A);
    private static final Locale VI = Locale.forLanguageTag("vi");
    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private CertificatePdf() {
    }

    public static byte[] render(Content c) {
        return renderAll(List.of(c));
    }

    /**
     * Certificates one to a page in a single document, for printing a whole course: the fonts are
     * embedded once for every page (subsetting them is most of what a one-certificate PDF costs),
     * and the QR codes, the other costly part, are computed on all cores first.
     */
    public static byte[] renderAll(List<Content> certificates) {
        List<QrPath> codes = certificates.parallelStream()
                .map(c -> QrPath.of(QrCodes.modules(c.qrText(), ErrorCorrectionLevel.M, QR_MASK))).toList();
        return PdfSheets.render(doc -> {
            PdfSheets.EmbeddedFonts f = PdfSheets.EmbeddedFonts.forText(doc,
                    certificates.stream().map(CertificatePdf::printedText).collect(Collectors.joining(" ")));
            for (int i = 0; i < certificates.size(); i++) {
                page(doc, f, certificates.get(i), codes.get(i));
            }
        });
    }

    /** Every piece of variable text a certificate prints: the fonts must have all of it. */
    private static String printedText(Content c) {
        return String.join(" ", c.number(), c.checkCode(), c.holderName(), personLine(c), c.courseTitle(),
                Objects.toString(c.organizer(), ""), upper(Objects.toString(c.organizer(), "")), c.place(),
                upper(c.signerTitle()), Objects.toString(c.signerName(), ""), c.verificationUrl());
    }

    private static void page(PDDocument doc, PdfSheets.EmbeddedFonts f, Content c, QrPath qr) throws IOException {
        PDPage page = new PDPage(A4_LANDSCAPE);
        doc.addPage(page);
        float w = A4_LANDSCAPE.getWidth();
        float h = A4_LANDSCAPE.getHeight();
        float mid = w / 2;
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            frame(cs, w, h);
            cs.setNonStrokingColor(Color.BLACK);
            float left = w * 0.25f;
            float right = w * 0.72f;
            float top = h - 24 * MM;
            centred(cs, f.regular(), 10, upper(c.organizer() == null ? "" : c.organizer()), left, top, 110 * MM);
            float y = centred(cs, f.bold(), 11, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", right, top, 120 * MM);
            centred(cs, f.bold(), 11, "Độc lập – Tự do – Hạnh phúc", right, y, 120 * MM);

            cs.setNonStrokingColor(ACCENT);
            y = centred(cs, f.bold(), 34, "GIẤY CHỨNG NHẬN", mid, h - 50 * MM, w);
            if (c.revoked()) {
                y = centred(cs, f.bold(), 16, "ĐÃ THU HỒI – REVOKED", mid, y + 4, w);
            }
            cs.setNonStrokingColor(Color.BLACK);
            List<Block> body = new ArrayList<>(List.of(
                    new Block(f.regular(), 14, "Chứng nhận", w, 4),
                    new Block(f.bold(), 24, c.holderName(), 220 * MM, 14),
                    new Block(f.regular(), 13, personLine(c), 220 * MM, 2),
                    new Block(f.regular(), 13, "Đã tham dự và hoàn thành", w, 4),
                    new Block(f.bold(), 16, c.courseTitle(), 210 * MM, 5),
                    new Block(f.regular(), 13, datesLine(c.startDate(), c.endDate(), c.hours()), 220 * MM, 2)));
            if (c.organizer() != null) {
                body.add(new Block(f.regular(), 13, "Đơn vị tổ chức: " + c.organizer(), 220 * MM, 0));
            }
            float scale = scaleToFit(body, y - BODY_BOTTOM);
            for (Block b : body) {
                y = centred(cs, b.font(), b.size() * scale, b.text(), mid, y - b.gapAbove() * scale, b.width());
            }

            float qrSize = 44 * MM;
            float qrX = 22 * MM;
            float qrY = 24 * MM;
            vectorQr(doc, cs, qr, qrX, qrY, qrSize);
            float textX = qrX + qrSize + 3 * MM;
            text(cs, f.bold(), 10, "Số: " + c.number(), textX, qrY + 19 * MM, 80 * MM);
            text(cs, f.bold(), 10, "Mã tra cứu: " + c.checkCode(), textX, qrY + 14 * MM, 80 * MM);
            text(cs, f.regular(), 7, "Kiểm tra tại: " + c.verificationUrl(), textX, qrY + 9 * MM, 80 * MM);

            float sy = centred(cs, f.regular(), 12, issueLine(c.place(), c.issueDate()), right, 62 * MM, 120 * MM);
            centred(cs, f.bold(), 12, upper(c.signerTitle()), right, sy, 110 * MM);
            if (c.signerName() != null) {
                centred(cs, f.bold(), 13, c.signerName(), right, 24 * MM, 110 * MM);
            }
        }
    }

    /** A block of the certificate's body: text centred and wrapped to a width, a gap above it. */
    private record Block(PDType0Font font, float size, String text, float width, float gapAbove) {
    }

    /** The lowest the body may reach: the QR code, its number and the signature block are below. */
    private static final float BODY_BOTTOM = 72 * MM;

    /**
     * The scale of the body's type that fits it in the height: 1 for what fits (every usual title
     * and name), smaller for the longest titles, names and organisers the registry accepts, so they
     * never run over the QR code or the signature.
     */
    private static float scaleToFit(List<Block> body, float height) throws IOException {
        float scale = 1;
        while (scale > 0.3f) {
            float needed = 0;
            for (Block b : body) {
                needed += b.gapAbove() * scale + PdfSheets.height(b.font(), b.size() * scale, b.text(), b.width());
            }
            if (needed <= height) {
                return scale;
            }
            scale -= 0.05f;
        }
        return scale;
    }

    /** "Bắc Kạn, ngày 05 tháng 02 năm 2026": a day below 10 and months 1 and 2 take a leading zero (Decree 30/2020). */
    static String issueLine(String place, LocalDate date) {
        String day = String.format("%02d", date.getDayOfMonth());
        String month = date.getMonthValue() <= 2 ? String.format("%02d", date.getMonthValue())
                : String.valueOf(date.getMonthValue());
        return place + ", ngày " + day + " tháng " + month + " năm " + date.getYear();
    }

    private static String personLine(Content c) {
        StringBuilder line = new StringBuilder();
        if (c.birthYear() != null) {
            line.append("Năm sinh: ").append(c.birthYear());
        }
        if (c.unitName() != null) {
            line.append(line.length() == 0 ? "" : "   ").append("Đơn vị: ").append(c.unitName());
        }
        return line.toString();
    }

    /**
     * A number (hours, say) as text of the language: without trailing zeros, and in Vietnamese with
     * a decimal comma ("3,5"), where a full stop separates thousands and "3.5" reads as thirty-five.
     */
    public static String number(BigDecimal value, Locale locale) {
        String plain = value.stripTrailingZeros().toPlainString();
        return locale.getLanguage().equals("vi") ? plain.replace('.', ',') : plain;
    }

    /** The line "Thời gian: từ ngày 01/03/2026 đến ngày 05/03/2026 (16 giờ)"; hours may be null. */
    public static String datesLine(LocalDate startDate, LocalDate endDate, BigDecimal hours) {
        String dates = startDate.equals(endDate) ? "ngày " + DMY.format(startDate)
                : "từ ngày " + DMY.format(startDate) + " đến ngày " + DMY.format(endDate);
        String length = hours == null ? "" : " (" + number(hours, VI) + " giờ)";
        return "Thời gian: " + dates + length;
    }

    private static String upper(String s) {
        return s.toUpperCase(VI);
    }

    /**
     * Draws the code as filled rectangles, one per run of dark modules in a row: sharp at any
     * resolution, and far cheaper than a full-size raster image (it decides bulk printing time). A
     * 1-bit image of one pixel per module would be cheaper still, but viewers scale it unevenly and
     * zbar then misreads it at 200 dpi.
     */
    /**
     * A QR code as PDF path operators: a filled rectangle per run of dark modules in a row, in
     * module units, rows counted downwards. Written here as plain integers rather than through
     * PDFBox's content stream, whose formatting of some 10,000 coordinates a code was most of
     * what a page cost; and built on all cores before the (single-threaded) document is.
     */
    record QrPath(int size, byte[] operators) {
        static QrPath of(BitMatrix modules) {
            StringBuilder ops = new StringBuilder(modules.getHeight() * 160);
            for (int row = 0; row < modules.getHeight(); row++) {
                int col = 0;
                while (col < modules.getWidth()) {
                    if (!modules.get(col, row)) {
                        col++;
                        continue;
                    }
                    int start = col;
                    while (col < modules.getWidth() && modules.get(col, row)) {
                        col++;
                    }
                    ops.append(start).append(' ').append(row).append(' ').append(col - start).append(" 1 re\n");
                }
            }
            return new QrPath(modules.getWidth(), ops.append("f\n").toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void vectorQr(PDDocument doc, PDPageContentStream cs, QrPath qr, float x, float y, float size)
            throws IOException {
        PDFormXObject form = new PDFormXObject(new PDStream(doc, new ByteArrayInputStream(qr.operators()),
                COSName.FLATE_DECODE));
        form.setBBox(new PDRectangle(0, 0, qr.size(), qr.size()));
        float m = size / qr.size();
        cs.saveGraphicsState();
        cs.transform(new Matrix(m, 0, 0, -m, x, y + size));
        cs.setNonStrokingColor(Color.BLACK);
        cs.drawForm(form);
        cs.restoreGraphicsState();
    }

    private static void frame(PDPageContentStream cs, float w, float h) throws IOException {
        cs.setStrokingColor(ACCENT);
        cs.setLineWidth(3f);
        cs.addRect(10 * MM, 10 * MM, w - 20 * MM, h - 20 * MM);
        cs.stroke();
        cs.setLineWidth(0.8f);
        cs.addRect(13 * MM, 13 * MM, w - 26 * MM, h - 26 * MM);
        cs.stroke();
    }
}
