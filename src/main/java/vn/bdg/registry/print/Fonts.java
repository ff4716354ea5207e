package vn.bdg.registry.print;

import java.awt.Font;
import java.awt.FontFormatException;
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
