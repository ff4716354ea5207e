package vn.bdg.registry.print;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;

/**
 * QR codes with ZXing at error-correction level Q (about 25% of the symbol may be lost), so a
 * creased or smudged printout still scans; UTF-8 so Vietnamese text survives.
 */
public final class QrCodes {
    private static final int QUIET_ZONE = 4;

    private QrCodes() {
    }

    /** The code as a black-on-white image, pixelsPerModule pixels per module, with a 4-module quiet zone. */
    public static BufferedImage image(String text, int pixelsPerModule) {
        BitMatrix modules = modules(text, ErrorCorrectionLevel.Q, null);
        BitMatrix scaled = new BitMatrix(modules.getWidth() * pixelsPerModule, modules.getHeight() * pixelsPerModule);
        for (int y = 0; y < modules.getHeight(); y++) {
            for (int x = 0; x < modules.getWidth(); x++) {
                if (modules.get(x, y)) {
                    scaled.setRegion(x * pixelsPerModule, y * pixelsPerModule, pixelsPerModule, pixelsPerModule);
                }
            }
        }
        return MatrixToImageWriter.toBufferedImage(scaled);
    }

    /**
     * The code's modules (set = dark), one bit each, with a 4-module quiet zone. maskPattern null
     * lets ZXing try all eight masks and keep the best; a fixed one skips that search. Copied from
     * the encoder's matrix directly: QRCodeWriter's rendering does a region fill per module.
     */
    static BitMatrix modules(String text, ErrorCorrectionLevel level, Integer maskPattern) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
        if (maskPattern != null) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, maskPattern);
        }
        ByteMatrix code;
        try {
            code = Encoder.encode(text, level, hints).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code", e);
        }
        BitMatrix modules = new BitMatrix(code.getWidth() + 2 * QUIET_ZONE, code.getHeight() + 2 * QUIET_ZONE);
        for (int y = 0; y < code.getHeight(); y++) {
            for (int x = 0; x < code.getWidth(); x++) {
                if (code.get(x, y) == 1) {
                    modules.set(x + QUIET_ZONE, y + QUIET_ZONE);
                }
            }
        }
        return modules;
    }
}
