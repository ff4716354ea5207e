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
