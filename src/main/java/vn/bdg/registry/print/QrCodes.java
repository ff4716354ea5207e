package vn.bdg.registry.print;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.awt.image.BufferedImage;
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
        BitMatrix modules = modules(text, ErrorCorrectionLevel.Q);
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

    /** The code's modules (set = dark), one bit each, with a 4-module quiet zone. */
    static BitMatrix modules(String text, ErrorCorrectionLevel level) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, level,
                    EncodeHintType.CHARACTER_SET, "UTF-8",
                    EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code", e);
        }
    }
}
