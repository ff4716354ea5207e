package vn.bdg.registry.print;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;

/**
 * QR codes with ZXing at error-correction level Q (about 25% of the symbol may be lost), so a
 * creased or smudged printout still scans; UTF-8 so Vietnamese text survives.
 */
public final class QrCodes {
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
     * lets ZXing try all eight masks and keep the best; a fixed one skips that search.
     */
    static BitMatrix modules(String text, ErrorCorrectionLevel level, Integer maskPattern) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, level);
        hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
        hints.put(EncodeHintType.MARGIN, 4);
        if (maskPattern != null) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, maskPattern);
        }
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code", e);
        }
    }
}
