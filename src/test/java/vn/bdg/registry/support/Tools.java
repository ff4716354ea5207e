package vn.bdg.registry.support;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Independent command-line tools the tests check our output with: zbarimg (a QR reader that is
 * not ZXing), poppler's pdftoppm and pdftotext, openssl. Where one is missing the test is skipped
 * with a line saying how to install it; .ci/run installs them all.
 */
public final class Tools {
    public record Run(int exitCode, String output) {
    }

    private Tools() {
    }

    public static void require(String command, String install) {
        boolean found = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
        Assumptions.assumeTrue(found, command + " is not installed; install it with: " + install);
    }

    public static Run run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getErrorStream().readAllBytes();
        return new Run(p.waitFor(), out);
    }

    /** Every QR code zbarimg finds in an image, as text. */
    public static List<String> zbar(Path image) throws IOException, InterruptedException {
        Run r = run(image.getParent(), "zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable",
                image.getFileName().toString());
        return r.output().isBlank() ? List.of() : Arrays.asList(r.output().strip().split("\n"));
    }

    /** The text of a PDF with line breaks folded to spaces (names may wrap on a narrow badge). */
    public static String pdfText(Path pdf) throws IOException, InterruptedException {
        return run(pdf.getParent(), "pdftotext", "-enc", "UTF-8", pdf.getFileName().toString(), "-").output()
                .replaceAll("\\s+", " ");
    }

    /** The QR codes on every page of a PDF, rendered at 200 dpi. */
    public static List<String> pdfQrCodes(Path pdf) throws IOException, InterruptedException {
        Path dir = pdf.getParent();
        run(dir, "pdftoppm", "-r", "200", "-png", pdf.getFileName().toString(), "page");
        List<String> codes = new ArrayList<>();
        try (Stream<Path> pages = Files.list(dir)) {
            for (Path page : pages.filter(p -> p.getFileName().toString().startsWith("page")).sorted().toList()) {
                codes.addAll(zbar(page));
            }
        }
        return codes;
    }
}
