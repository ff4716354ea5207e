package vn.bdg.registry.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A phone's browser for end-to-end tests: Debian's Chromium (Playwright cannot download its own
 * here) driven by Playwright, headless, with a fake camera that plays a video file, and pages
 * sized like a phone. Where Chromium is missing the test is skipped with a line saying how to
 * install it; .ci/run installs it.
 */
public final class PhoneBrowser implements AutoCloseable {
    /** Screenshots and other files a person may want to look at after the run. */
    public static final Path ARTEFACTS = Path.of("target", "e2e");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Path AXE = Path.of("src/main/web/node_modules/axe-core/axe.min.js");

    private final Playwright playwright;
    private final Browser browser;

    private PhoneBrowser(Path cameraVideo) {
        requireChromium();
        List<String> args = new ArrayList<>(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"));
        if (cameraVideo != null) {
            args.add("--use-file-for-fake-video-capture=" + cameraVideo.toAbsolutePath());
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(args));
    }

    /** Skips the calling test (or class, from @BeforeAll) where Chromium is missing, saying how to install it. */
    public static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            String line = "Chromium is not installed at " + CHROMIUM + "; browser tests skipped. Install it with: "
                    + "apt-get install chromium (or set CHROMIUM_PATH)";
            System.err.println(line);
            Assumptions.abort(line);
        }
    }

    /** A browser whose camera shows Chromium's own test pattern (no QR code). */
    public static PhoneBrowser start() {
        return new PhoneBrowser(null);
    }

    /** A browser whose camera plays this video (see FakeCamera). */
    public static PhoneBrowser withCamera(Path video) {
        return new PhoneBrowser(video);
    }

    /** A fresh phone (its own storage) of 390 x 844 CSS pixels, in Vietnam, camera allowed. */
    public BrowserContext phone() {
        return phone(390, 844);
    }

    public BrowserContext phone(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(TestServer.get().baseUrl)
                .setViewportSize(width, height)
                .setDeviceScaleFactor(2)
                .setIsMobile(true)
                .setHasTouch(true)
                .setLocale("vi-VN")
                .setTimezoneId("Asia/Ho_Chi_Minh")
                .setPermissions(List.of("camera")));
        context.setDefaultTimeout(20_000);
        return context;
    }

    /** Saves a screenshot of what the phone shows under target/e2e and answers its path. */
    public static Path screenshot(Page page, String name) {
        Path file = ARTEFACTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
        return file;
    }

    /**
     * Runs axe-core in the page and asserts there is no serious or critical violation. axe is run
     * as a function from the test (not a script tag), so pages whose Content-Security-Policy allows
     * no scripts can be checked too.
     */
    @SuppressWarnings("unchecked")
    public static void assertAccessible(Page page, String what) {
        assertThat(AXE).as("axe-core is installed by the build (npm ci in src/main/web)").exists();
        try {
            page.evaluate("() => {\n" + Files.readString(AXE) + "\n}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> violations = (List<String>) page.evaluate("""
                async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
                """);
        assertThat(violations).as("serious or critical accessibility violations on " + what).isEmpty();
    }

    /**
     * Asserts that the focus ring of the element that has the focus contrasts at least 3:1 with what
     * it is drawn on, the background of the nearest ancestor that has one (WCAG 1.4.11).
     */
    public static void assertFocusRingContrasts(Page page, String what) {
        Object ratio = page.evaluate("""
                () => {
                  const rgb = colour => colour.match(/[\\d.]+/g).map(Number);
                  const luminance = ([r, g, b]) => [r, g, b].map(v => v / 255)
                      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
                      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
                  const style = getComputedStyle(document.activeElement);
                  if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) {
                    return 0;
                  }
                  let under = document.activeElement.parentElement;
                  while (under && rgb(getComputedStyle(under).backgroundColor)[3] === 0) {
                    under = under.parentElement;
                  }
                  const [light, dark] = [luminance(rgb(style.outlineColor)),
                    luminance(under ? rgb(getComputedStyle(under).backgroundColor) : [255, 255, 255])].sort((a, b) => b - a);
                  return (light + 0.05) / (dark + 0.05);
                }""");
        assertThat(((Number) ratio).doubleValue()).as("contrast of the focus ring of " + what).isGreaterThanOrEqualTo(3.0);
    }

    /** Asserts that the page needs no horizontal scrolling at its viewport's width. */
    public static void assertFitsTheWidth(Page page, String what) {
        Object overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal scrolling on " + what).isLessThanOrEqualTo(0);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
