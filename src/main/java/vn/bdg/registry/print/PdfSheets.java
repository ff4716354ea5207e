package vn.bdg.registry.print;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Printable A4 sheets with PDFBox and the embedded DejaVu font (a subset, so every Vietnamese glyph
 * used is in the file and the text can be extracted): cut-out badges for a course, and a paper
 * sign-in sheet for a session where phones fail.
 */
public final class PdfSheets {
    /** One badge or one sign-in row: a person, their unit, and their card's QR text. */
    public record Person(String fullName, String unitName, String qrText) {
    }

    private static final float MM = 72f / 25.4f;
    private static final float BADGE_W = 85 * MM;
    private static final float BADGE_H = 54 * MM;

    private PdfSheets() {
    }

    /** Two columns by five rows of 85 x 54 mm badges per page, with cut lines. */
    public static byte[] badges(String courseTitle, List<Person> people) {
        return render(doc -> {
            EmbeddedFonts f = new EmbeddedFonts(doc);
            float marginX = (PDRectangle.A4.getWidth() - 2 * BADGE_W) / 2;
            float marginY = (PDRectangle.A4.getHeight() - 5 * BADGE_H) / 2;
            for (int start = 0; start < Math.max(1, people.size()); start += 10) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    for (int i = start; i < Math.min(people.size(), start + 10); i++) {
                        int slot = i - start;
                        float x = marginX + (slot % 2) * BADGE_W;
                        float y = PDRectangle.A4.getHeight() - marginY - (slot / 2 + 1) * BADGE_H;
                        Person p = people.get(i);
                        cs.setLineWidth(0.3f);
                        cs.addRect(x, y, BADGE_W, BADGE_H);
                        cs.stroke();
                        float qr = 36 * MM;
                        drawQr(doc, cs, p.qrText(), x + BADGE_W - qr - 3 * MM, y + (BADGE_H - qr) / 2, qr);
                        float textWidth = BADGE_W - qr - 10 * MM;
                        float ty = y + BADGE_H - 9 * MM;
                        String unit = p.unitName() == null ? "" : p.unitName();
                        float s = badgeScale(f, p.fullName(), unit, courseTitle, textWidth, ty - (y + 3 * MM));
                        ty = text(cs, f.bold, 11 * s, p.fullName(), x + 4 * MM, ty, textWidth);
                        ty = text(cs, f.regular, 8 * s, unit, x + 4 * MM, ty - 4 * s, textWidth);
                        text(cs, f.regular, 7 * s, courseTitle, x + 4 * MM, ty - 4 * s, textWidth);
                    }
                }
            }
        });
    }

    /**
     * The scale of a badge's type that fits its name, unit and course title in the height: 1 for
     * what fits (every usual name and title), smaller for the longest titles and names the registry
     * accepts, so that they never run onto the badge below.
     */
    private static float badgeScale(EmbeddedFonts f, String name, String unit, String title, float width,
                                    float height) throws IOException {
        float s = 1;
        while (s > 0.3f && height(f.bold, 11 * s, name, width) + 4 * s + height(f.regular, 8 * s, unit, width)
                + 4 * s + height(f.regular, 7 * s, title, width) > height) {
            s -= 0.05f;
        }
        return s;
    }

    /** A table of the enrolled people with their QR and a column for signatures. */
    public static byte[] signInSheet(String courseTitle, String sessionLine, List<Person> people) {
        return render(doc -> {
            EmbeddedFonts f = new EmbeddedFonts(doc);
            float left = 15 * MM;
            float width = PDRectangle.A4.getWidth() - 30 * MM;
            float rowH = 26 * MM;
            float[] cols = {10 * MM, 62 * MM, 52 * MM, rowH, 0};
            cols[4] = width - cols[0] - cols[1] - cols[2] - cols[3];
            float bottom = 12 * MM;
            int next = 0;
            do {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    float y = PDRectangle.A4.getHeight() - 15 * MM;
                    y = text(cs, f.bold, 12, "DANH SÁCH KÝ NHẬN THAM DỰ", left, y, width);
                    y = text(cs, f.regular, 10, courseTitle, left, y - 2, width);
                    y = text(cs, f.regular, 10, sessionLine, left, y - 2, width) - 8;
                    String[] headings = {"STT", "Họ và tên", "Đơn vị", "Mã QR", "Chữ ký"};
                    float x = left;
                    for (int c = 0; c < headings.length; c++) {
                        cs.addRect(x, y - 7 * MM, cols[c], 7 * MM);
                        text(cs, f.bold, 9, headings[c], x + 1.5f * MM, y - 4.8f * MM, cols[c]);
                        x += cols[c];
                    }
                    y -= 7 * MM;
                    // as many rows as the space below this page's heading holds (a long title or venue takes more)
                    int end = Math.min(people.size(), next + Math.max(1, (int) ((y - bottom) / rowH)));
                    for (int i = next; i < end; i++) {
                        Person p = people.get(i);
                        x = left;
                        for (float col : cols) {
                            cs.addRect(x, y - rowH, col, rowH);
                            x += col;
                        }
                        float ty = y - 6 * MM;
                        text(cs, f.regular, 9, String.valueOf(i + 1), left + 1.5f * MM, ty, cols[0]);
                        text(cs, f.regular, 10, p.fullName(), left + cols[0] + 1.5f * MM, ty, cols[1] - 3 * MM);
                        text(cs, f.regular, 9, p.unitName() == null ? "" : p.unitName(),
                                left + cols[0] + cols[1] + 1.5f * MM, ty, cols[2] - 3 * MM);
                        drawQr(doc, cs, p.qrText(), left + cols[0] + cols[1] + cols[2] + 1, y - rowH + 1, rowH - 2);
                        y -= rowH;
                    }
                    next = end;
                    cs.stroke();
                }
            } while (next < people.size());
        });
    }

    /**
     * DejaVu regular and bold, embedded as subsets of the glyphs the document uses. The fonts are
     * parsed once per thread (a parsed font is not thread-safe) rather than once per document:
     * that matters when a thousand certificates are rendered.
     */
    record EmbeddedFonts(PDType0Font regular, PDType0Font bold) {
        /** Whole regular, whole bold, Latin-and-Vietnamese regular, Latin-and-Vietnamese bold. */
        private static final ThreadLocal<TrueTypeFont[]> PARSED = ThreadLocal.withInitial(() -> new TrueTypeFont[]{
                parse(Fonts.ttf(false)), parse(Fonts.ttf(true)),
                parse(Fonts.latinVietnameseTtf(false)), parse(Fonts.latinVietnameseTtf(true))});

        EmbeddedFonts(PDDocument doc) {
            this(load(doc, PARSED.get()[0]), load(doc, PARSED.get()[1]));
        }

        /** The Latin-and-Vietnamese cut when it has every character of the text (see Fonts), else the whole fonts. */
        static EmbeddedFonts forText(PDDocument doc, String text) {
            TrueTypeFont[] fonts = PARSED.get();
            boolean cut = text.codePoints().allMatch(cp -> hasGlyph(fonts[2], cp) && hasGlyph(fonts[3], cp));
            return cut ? new EmbeddedFonts(load(doc, fonts[2]), load(doc, fonts[3])) : new EmbeddedFonts(doc);
        }

        private static boolean hasGlyph(TrueTypeFont font, int codePoint) {
            try {
                return font.getUnicodeCmapLookup().getGlyphId(codePoint) != 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static PDType0Font load(PDDocument doc, TrueTypeFont font) {
            try {
                return PDType0Font.load(doc, font, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static TrueTypeFont parse(byte[] ttf) {
            try {
                return new TTFParser().parse(new RandomAccessReadBuffer(ttf));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    interface Drawing {
        void draw(PDDocument doc) throws IOException;
    }

    static byte[] render(Drawing drawing) {
        try (PDDocument doc = new PDDocument()) {
            drawing.draw(doc);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drawQr(PDDocument doc, PDPageContentStream cs, String text, float x, float y, float size)
            throws IOException {
        PDImageXObject image = LosslessFactory.createFromImage(doc, QrCodes.image(text, 4));
        cs.drawImage(image, x, y, size, size);
    }

    /** Writes text wrapped to the width; returns the baseline below the last line. */
    static float text(PDPageContentStream cs, PDType0Font font, float size, String text, float x, float y,
                      float width) throws IOException {
        float baseline = y;
        for (String l : wrap(font, size, printable(font, text), width)) {
            show(cs, font, size, l, x, baseline);
            baseline -= size * 1.25f;
        }
        return baseline;
    }

    /** Writes text wrapped to the width, each line centred on centreX; returns the baseline below the last line. */
    static float centred(PDPageContentStream cs, PDType0Font font, float size, String text, float centreX, float y,
                         float width) throws IOException {
        float baseline = y;
        for (String l : wrap(font, size, printable(font, text), width)) {
            show(cs, font, size, l, centreX - font.getStringWidth(l) / 1000 * size / 2, baseline);
            baseline -= size * 1.25f;
        }
        return baseline;
    }

    /**
     * The text with each character the font has no glyph for (a name in Chinese characters, an
     * emoji) replaced by "?": the font has every Vietnamese glyph, and one name it cannot draw must
     * not cost the whole sheet.
     */
    private static String printable(PDType0Font font, String text) {
        StringBuilder printable = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String character = new String(Character.toChars(cp));
            try {
                font.encode(character);
                printable.append(character);
            } catch (IllegalArgumentException | IOException e) {
                printable.append('?');
            }
        });
        return printable.toString();
    }

    private static void show(PDPageContentStream cs, PDType0Font font, float size, String line, float x, float y)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(line);
        cs.endText();
    }

    /** The height text wrapped to the width takes, from its first baseline to the one below its last line. */
    static float height(PDType0Font font, float size, String text, float width) throws IOException {
        return wrap(font, size, printable(font, text), width).size() * size * 1.25f;
    }

    /** Splits text at spaces into lines no wider than width (a single longer word keeps its own line). */
    private static List<String> wrap(PDType0Font font, float size, String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }
}
