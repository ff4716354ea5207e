package vn.bdg.registry.print;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * DejaVu Sans (shipped in the jar, see fonts/LICENSE-DejaVu.txt): it has every Vietnamese glyph,
 * so badges and PDFs do not depend on the fonts of the host.
 */
public final class Fonts {
    public static final String REGULAR = "/fonts/DejaVuSans.ttf";
    public static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";
    private static final Font AWT_REGULAR = load(REGULAR);
    private static final Font AWT_BOLD = load(BOLD);
    // read once: every PDF embeds a subset of these, and reading 700 kB per document adds up in bulk
    private static final byte[] TTF_REGULAR = bytes(REGULAR);
    private static final byte[] TTF_BOLD = bytes(BOLD);
    /** Latin script with every Vietnamese letter, combining marks, general punctuation and the đồng sign. */
    private static final int[][] LATIN_VIETNAMESE = {{0x20, 0x7E}, {0xA0, 0x24F}, {0x300, 0x36F}, {0x1E00, 0x1EFF},
            {0x2000, 0x206F}, {0x20AB, 0x20AB}};
    private static final byte[] LATIN_REGULAR = cut(TTF_REGULAR);
    private static final byte[] LATIN_BOLD = cut(TTF_BOLD);

    private Fonts() {
    }

    public static Font regular(float size) {
        return AWT_REGULAR.deriveFont(size);
    }

    public static Font bold(float size) {
        return AWT_BOLD.deriveFont(size);
    }

    public static InputStream stream(String resource) {
        return Fonts.class.getResourceAsStream(resource);
    }

    /** The TrueType file of the regular or bold face, kept in memory (never modify it). */
    static byte[] ttf(boolean bold) {
        return bold ? TTF_BOLD : TTF_REGULAR;
    }

    /**
     * The same faces cut down to Latin and Vietnamese (about 1,000 of their 6,000 glyphs). PDFBox's
     * work per document grows with the glyphs of the font it embeds from: embedding from these
     * takes half the time, a certificate a fifth less CPU. Text with other characters uses the
     * whole fonts.
     */
    static byte[] latinVietnameseTtf(boolean bold) {
        return bold ? LATIN_BOLD : LATIN_REGULAR;
    }

    private static byte[] cut(byte[] ttf) {
        try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(ttf))) {
            TTFSubsetter subsetter = new TTFSubsetter(font);
            for (int[] range : LATIN_VIETNAMESE) {
                for (int cp = range[0]; cp <= range[1]; cp++) {
                    subsetter.add(cp);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            subsetter.writeToStream(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = stream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Font load(String resource) {
        try (InputStream in = stream(resource)) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
