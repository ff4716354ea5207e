package vn.bdg.registry.support;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A video file for Chromium's fake camera (--use-file-for-fake-video-capture): YUV4MPEG2 with
 * 4:2:0 chroma (C420jpeg), showing each picture in turn, as if cards were held up to the phone.
 * Chromium plays the file in a loop.
 */
public final class FakeCamera {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int FPS = 5;
    private static final int FRAMES_PER_PICTURE = 4;

    private FakeCamera() {
    }

    public static BufferedImage png(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the pictures (badges, QR codes), each scaled to fit a white frame, as one Y4M video. */
    public static Path video(Path file, List<BufferedImage> pictures) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F" + FPS + ":1 Ip A1:1 C420jpeg\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (BufferedImage picture : pictures) {
                    byte[] frame = yuv420(framed(picture));
                    for (int i = 0; i < FRAMES_PER_PICTURE; i++) {
                        out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                        out.write(frame);
                    }
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage framed(BufferedImage picture) {
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            double scale = Math.min((WIDTH - 20.0) / picture.getWidth(), (HEIGHT - 20.0) / picture.getHeight());
            int w = (int) (picture.getWidth() * scale);
            int h = (int) (picture.getHeight() * scale);
            g.drawImage(picture, (WIDTH - w) / 2, (HEIGHT - h) / 2, w, h, null);
        } finally {
            g.dispose();
        }
        return frame;
    }

    /** Full-range BT.601 (JPEG) Y, then Cb and Cr averaged over 2x2 blocks. */
    private static byte[] yuv420(BufferedImage image) {
        byte[] out = new byte[WIDTH * HEIGHT * 3 / 2];
        int cb = WIDTH * HEIGHT;
        int cr = cb + WIDTH * HEIGHT / 4;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgb = image.getRGB(x, y);
                out[y * WIDTH + x] = (byte) clamp(0.299 * red(rgb) + 0.587 * green(rgb) + 0.114 * blue(rgb));
            }
        }
        for (int y = 0; y < HEIGHT; y += 2) {
            for (int x = 0; x < WIDTH; x += 2) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int[] d : new int[][]{{0, 0}, {1, 0}, {0, 1}, {1, 1}}) {
                    int rgb = image.getRGB(x + d[0], y + d[1]);
                    r += red(rgb) / 4.0;
                    g += green(rgb) / 4.0;
                    b += blue(rgb) / 4.0;
                }
                int i = (y / 2) * (WIDTH / 2) + x / 2;
                out[cb + i] = (byte) clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
                out[cr + i] = (byte) clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
            }
        }
        return out;
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xff;
    }

    private static int green(int rgb) {
        return (rgb >> 8) & 0xff;
    }

    private static int blue(int rgb) {
        return rgb & 0xff;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
