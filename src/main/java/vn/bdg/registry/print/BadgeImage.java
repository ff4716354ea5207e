package vn.bdg.registry.print;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A participant's badge as a PNG: name, unit, the card's QR code. Sized for 85 x 54 mm at 300 dpi. */
public final class BadgeImage {
    private static final int WIDTH = 1004;
    private static final int HEIGHT = 638;

    private BadgeImage() {
    }

    public static byte[] png(String fullName, String unitName, String caption, String qrText) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            BufferedImage qr = QrCodes.image(qrText, 7);
            int qrSize = Math.min(HEIGHT - 40, qr.getWidth());
            g.drawImage(qr, WIDTH - qrSize - 20, (HEIGHT - qrSize) / 2, qrSize, qrSize, null);
            int textWidth = WIDTH - qrSize - 70;
            g.setColor(Color.BLACK);
            int y = drawWrapped(g, fullName, Fonts.bold(44f), 40, 110, textWidth);
            g.setColor(new Color(0x33, 0x33, 0x33));
            y = drawWrapped(g, unitName == null ? "" : unitName, Fonts.regular(30f), 40, y + 30, textWidth);
            drawWrapped(g, caption == null ? "" : caption, Fonts.regular(24f), 40, y + 30, textWidth);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Draws text wrapped at word boundaries; returns the baseline of the last line. */
    private static int drawWrapped(Graphics2D g, String text, java.awt.Font font, int x, int y, int width) {
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        StringBuilder line = new StringBuilder();
        int baseline = y;
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (m.stringWidth(candidate) > width && line.length() > 0) {
                g.drawString(line.toString(), x, baseline);
                baseline += m.getHeight();
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        g.drawString(line.toString(), x, baseline);
        return baseline;
    }
}
