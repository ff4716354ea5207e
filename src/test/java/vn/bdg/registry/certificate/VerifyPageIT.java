package vn.bdg.registry.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.PhoneBrowser;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages a certificate's and a card's QR codes open, on a phone: what they say, and an accessibility check. */
class VerifyPageIT {
    private static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    @Test
    void theCheckPageNamesTheHolderOnlyWithTheCodeShowsValidThenRevokedAndTheCardPageListsTheCertificate() {
        PhoneBrowser.requireChromium();
        World world = World.create();
        CertificateFixtures.Issued issued = CertificateFixtures.issuedToHoa(world);
        UUID hoa = issued.hoa();
        JsonNode certificate = issued.certificate();
        String number = certificate.get("number").asText();
        String cardToken = world.organizer.get("/api/v1/participants/" + hoa + "/card").json().get("token").asText();

        String code = certificate.get("checkCode").asText();

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            // what the certificate's QR code holds: the check page with the check code, the credential after the #
            page.navigate("/verify/" + number + "?code=" + code + "#" + certificate.get("credential").asText());
            expect(page.getByRole(AriaRole.STATUS)).hasText("✓ Giấy chứng nhận hợp lệ.");
            expect(page.locator("dl")).containsText("Nguyễn Thị Hoà");
            expect(page.locator("dl")).containsText(CertificateFixtures.TITLE);
            expect(page.locator("dl")).not().containsText("Lý do thu hồi");
            expect(page.locator("form")).hasCount(0);
            PhoneBrowser.assertAccessible(page, "the check page of a valid certificate");

            // the number typed by hand: initials, and a form for the code printed beside the number
            page.navigate("/verify/" + number);
            expect(page.getByRole(AriaRole.STATUS)).hasText("✓ Giấy chứng nhận hợp lệ.");
            expect(page.locator("dt:has-text('Họ và tên (chữ cái đầu)') + dd")).hasText("N. T. H.");
            expect(page.locator("main")).not().containsText("Nguyễn Thị Hoà");
            PhoneBrowser.assertAccessible(page, "the check page asking for the code");
            PhoneBrowser.assertFitsTheWidth(page, "the check page asking for the code");
            page.getByLabel("Mã tra cứu").fill("AAAAA-AAAAA");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xem họ và tên")).click();
            expect(page.locator("main")).containsText("Mã tra cứu vừa nhập không khớp");
            // said with the field too, where a screen reader user comes back to type it again
            expect(page.getByLabel("Mã tra cứu")).hasAttribute("aria-invalid", "true");
            expect(page.getByLabel("Mã tra cứu")).hasAccessibleDescription(Pattern.compile("^Mã tra cứu vừa nhập không khớp"));
            expect(page.locator("main")).not().containsText("Nguyễn Thị Hoà");
            page.getByLabel("Mã tra cứu").fill(code.replace("-", "").toLowerCase());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xem họ và tên")).click();
            expect(page.locator("dt:has-text('Họ và tên') + dd")).hasText("Nguyễn Thị Hoà");
            assertThat(page.url()).endsWith("/verify/" + number + "?code=" + code.replace("-", "").toLowerCase());

            assertThat(world.organizer.post("/api/v1/certificates/" + number + "/revoke",
                    Map.of("reason", "Cấp nhầm người")).status()).isEqualTo(200);
            page.reload();
            expect(page.getByRole(AriaRole.STATUS))
                    .hasText("✗ Giấy chứng nhận đã bị thu hồi.");
            String today = LocalDate.now(Fixtures.VIETNAM).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            expect(page.locator("dt:has-text('Ngày thu hồi') + dd")).hasText(today);
            expect(page.locator("dt:has-text('Lý do thu hồi') + dd")).hasText("Cấp nhầm người");
            PhoneBrowser.screenshot(page, "verify-revoked");
            PhoneBrowser.assertAccessible(page, "the check page of a revoked certificate");
            PhoneBrowser.assertFitsTheWidth(page, "the check page");

            page.navigate("/card/" + cardToken);
            expect(page.locator("h1")).containsText("Nguyễn Thị Hoà");
            expect(page.locator("main")).containsText(CertificateFixtures.TITLE);
            expect(page.locator("li", new Page.LocatorOptions().setHasText(number))).containsText("đã bị thu hồi");
            PhoneBrowser.screenshot(page, "card-page");
            PhoneBrowser.assertAccessible(page, "the card page");
            PhoneBrowser.assertFitsTheWidth(page, "the card page");
        }
    }
}
