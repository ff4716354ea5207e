package vn.bdg.registry.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hours that are not whole (a morning session of 8:00–11:30 is 3.5 hours) are written as
 * Vietnamese writes numbers in Vietnamese text: with a decimal comma, "3,5 giờ". A full stop is
 * the thousands separator there ("3.5" reads as thirty-five), so the certificate, its badge and
 * the check page in Vietnamese must not print "3.5 giờ"; in English the check page keeps "3.5".
 */
class CertificateHoursIT {
    private final World world = World.create();

    @Test
    void halfHoursAreWrittenWithADecimalCommaInVietnamese() throws Exception {
        JsonNode certificate = CertificateFixtures.issuedToHoa(world).certificate();
        String number = certificate.get("number").asText();
        assertThat(certificate.get("hours").decimalValue()).isEqualByComparingTo("3.5");

        String pdfText;
        try (PDDocument pdf = Loader.loadPDF(world.organizer.bytes("/api/v1/certificates/" + number + ".pdf"))) {
            pdfText = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
        }
        assertThat(pdfText).contains("(3,5 giờ)").doesNotContain("3.5");

        Api.Res badge = world.organizer.get("/api/v1/certificates/" + number + "/badge.json");
        assertThat(badge.status()).as(badge.body()).isEqualTo(200);
        assertThat(badge.json().get("credentialSubject").get("achievement").get("description").asText())
                .contains("(3,5 giờ)").doesNotContain("3.5 giờ");

        String page = "/verify/" + number + "?code=" + certificate.get("checkCode").asText();
        Api.Res vietnamese = Api.anonymous().inLanguage("vi").get(page);
        assertThat(vietnamese.status()).isEqualTo(200);
        assertThat(vietnamese.body()).contains("<dd>3,5</dd>").doesNotContain("<dd>3.5</dd>");
        Api.Res english = Api.anonymous().inLanguage("en").get(page);
        assertThat(english.body()).contains("<dd>3.5</dd>");
    }
}
