package vn.bdg.registry.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.card.Ed25519;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.COURSE;

/**
 * What anyone can learn with no login: by number (with the check code printed on the certificate,
 * or without: initials only), by page, by signed credential, and revocation lists.
 */
class PublicVerificationIT {
    private final World world = World.create();
    private final Api anyone = Api.anonymous();

    /** A course in which Hoà completed and got a certificate; answers it. */
    private JsonNode certificateOfHoa(String title) {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        if (title != null) {
            CertificateFixtures.setTitle(course.id(), title);
        }
        UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);
        CertificateFixtures.birthYear(hoa, 1985);
        Fixtures.enroll(world, course.id(), hoa);
        CertificateFixtures.attend(world, course, 0, hoa);
        return CertificateFixtures.issuedTo(world, course, hoa);
    }

    @Test
    void aNumberAloneAnswersTheCourseAndOnlyTheHoldersInitials() {
        JsonNode certificate = certificateOfHoa(null);
        Api.Res res = anyone.get("/api/v1/public/certificates/" + certificate.get("number").asText());
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Cache-Control")).isEqualTo("no-store");
        JsonNode pub = res.json();
        Set<String> fields = new HashSet<>();
        pub.fieldNames().forEachRemaining(fields::add);
        // holderErased: whether the holder's data was erased at their request (nothing about the person)
        assertThat(fields).containsExactlyInAnyOrder("number", "status", "holderName", "holderConfirmed",
                "holderErased", "courseTitle", "startDate", "endDate", "hours", "organizer", "issuedAt", "revokedAt",
                "revocationReason");
        assertThat(pub.get("status").asText()).isEqualTo("valid");
        assertThat(pub.get("holderErased").asBoolean()).isFalse();
        assertThat(pub.get("holderName").asText()).isEqualTo("N. T. H.");
        assertThat(pub.get("holderConfirmed").asBoolean()).isFalse();
        assertThat(pub.get("courseTitle").asText()).isEqualTo(CertificateFixtures.TITLE);
        assertThat(pub.get("hours").decimalValue()).isEqualByComparingTo("3.5");
        assertThat(pub.get("revokedAt").isNull()).isTrue();
        assertThat(res.body()).doesNotContain("Nguyễn", "Hoà", "1985");
    }

    @Test
    void theCodePrintedOnTheCertificateShowsTheHoldersFullName() {
        JsonNode certificate = certificateOfHoa(null);
        String path = "/api/v1/public/certificates/" + certificate.get("number").asText();
        String code = certificate.get("checkCode").asText();
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}");

        for (String typed : List.of(code, code.replace("-", "").toLowerCase())) {
            JsonNode pub = anyone.get(path + "?code=" + typed).json();
            assertThat(pub.get("holderName").asText()).as(typed).isEqualTo("Nguyễn Thị Hoà");
            assertThat(pub.get("holderConfirmed").asBoolean()).isTrue();
            assertThat(pub.get("courseTitle").asText()).isEqualTo(CertificateFixtures.TITLE);
        }
        JsonNode byNumberAlone = anyone.get(path).json();
        String otherCertificatesCode = certificateOfHoa(null).get("checkCode").asText();
        String oneCharacterOff = (code.charAt(0) == '7' ? '8' : '7') + code.substring(1);
        for (String wrong : List.of(otherCertificatesCode, oneCharacterOff, "", "x".repeat(500))) {
            Api.Res res = anyone.get(path + "?code=" + wrong);
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.json()).as("a wrong code is no code").isEqualTo(byNumberAlone);
        }
    }
    @Test
    void unknownAndMalformedNumbersAnswerAlike() {
        certificateOfHoa(null);
        int year = java.time.LocalDate.now().getYear();
        List<String> asked = List.of(world.province + "-" + year + "-999999", "00-2000-000001", "abc",
                "06-2026-12", "%27%20or%201%3D1--", "9".repeat(300));
        Set<String> bodies = new HashSet<>();
        for (String number : asked) {
            Api.Res res = anyone.get("/api/v1/public/certificates/" + number);
            assertThat(res.status()).as(number).isEqualTo(404);
            ObjectNode body = (ObjectNode) res.json();
            body.remove("instance"); // the path asked for, echoed
            bodies.add(body.toString());
            Api.Res page = anyone.get("/verify/" + number);
            assertThat(page.status()).isEqualTo(404);
            assertThat(page.contentType()).startsWith("text/html");
        }
        assertThat(bodies).hasSize(1);
    }

    @Test
    void revocationChangesThePublicAnswerAtOnceAndEntersTheProvincesList() {
        JsonNode certificate = certificateOfHoa(null);
        String number = certificate.get("number").asText();
        JsonNode before = anyone.get("/api/v1/public/certificates/revoked?province=" + world.province).json();
        assertThat(before.get("revoked")).isEmpty();

        world.organizer.post("/api/v1/certificates/" + number + "/revoke", Map.of("reason", "Cấp nhầm người"));
        JsonNode pub = anyone.get("/api/v1/public/certificates/" + number).json();
        assertThat(pub.get("status").asText()).isEqualTo("revoked");
        assertThat(pub.get("holderName").asText()).isEqualTo("N. T. H.");
        assertThat(pub.get("revocationReason").isNull()).as("with the check code only").isTrue();
        assertThat(pub.get("revokedAt").isNull()).isFalse();

        JsonNode list = anyone.get("/api/v1/public/certificates/revoked?province=" + world.province).json();
        assertThat(list.get("province").asText()).isEqualTo(world.province);
        assertThat(list.get("revoked").findValuesAsText("number")).containsExactly(number);
        assertThat(list.toString()).as("numbers and times only").doesNotContain("Hoà", "N. T. H.");
        assertThat(anyone.get("/api/v1/public/certificates/revoked?province=" + World.create().province).json()
                .get("revoked")).isEmpty();
        assertThat(anyone.get("/api/v1/public/certificates/revoked").status()).isEqualTo(400);
    }

    @Test
    void aRevocationReasonIsAboutTheHolderAndShownOnlyWithTheCheckCode() {
        JsonNode certificate = certificateOfHoa(null);
        String number = certificate.get("number").asText();
        String code = certificate.get("checkCode").asText();
        // what an organiser writes when revoking is about the person: a name put right, an absence, a fraud
        String reason = "Sai họ tên (Nguyễn Thị Hoà), đã cấp lại; nghỉ hai buổi vì ốm";
        assertThat(world.organizer.post("/api/v1/certificates/" + number + "/revoke", Map.of("reason", reason))
                .status()).isEqualTo(200);

        // numbers are sequential and the revoked ones are listed publicly: by number alone, only
        // that it was revoked and when
        JsonNode alone = anyone.get("/api/v1/public/certificates/" + number).json();
        assertThat(alone.get("status").asText()).isEqualTo("revoked");
        assertThat(alone.get("revokedAt").isNull()).isFalse();
        assertThat(alone.get("revocationReason").isNull()).as(alone.toString()).isTrue();
        for (String lang : List.of("vi", "en")) {
            assertThat(anyone.inLanguage(lang).get("/verify/" + number).body()).as(lang)
                    .doesNotContain("Sai họ tên", "nghỉ hai buổi", "Nguyễn Thị Hoà", "Lý do thu hồi",
                            "Reason for revocation");
        }

        // the code printed on the certificate (or its signed credential) shows it, as it shows the name
        assertThat(anyone.get("/api/v1/public/certificates/" + number + "?code=" + code).json()
                .get("revocationReason").asText()).isEqualTo(reason);
        assertThat(anyone.get("/verify/" + number + "?code=" + code).body()).contains("Lý do thu hồi", reason);
        assertThat(verify(certificate.get("credential").asText()).get("certificate").get("revocationReason").asText())
                .isEqualTo(reason);
    }

    @Test
    void theCheckPageIsSmallAccessibleEscapedHtmlInVietnameseOrEnglish() {
        JsonNode certificate = certificateOfHoa("Kỹ năng <b>lãnh đạo</b> & \"truyền thông\"");
        String number = certificate.get("number").asText();
        Api.Res vi = anyone.get("/verify/" + number);
        assertThat(vi.status()).isEqualTo(200);
        assertThat(vi.contentType()).startsWith("text/html");
        assertThat(vi.body()).startsWith("<!doctype html>").contains("<html lang=\"vi\">", "<h1>", "name=\"viewport\"",
                "Giấy chứng nhận hợp lệ", "N. T. H.",
                "Kỹ năng &lt;b&gt;lãnh đạo&lt;/b&gt; &amp; &quot;truyền thông&quot;")
                .doesNotContain("<b>", "<script", "http://", "https://", "1985", "Nguyễn", "Hoà");
        assertThat(vi.header("Content-Security-Policy")).contains("default-src 'none'", "form-action 'self'");

        Api.Res en = anyone.inLanguage("en").get("/verify/" + number);
        assertThat(en.body()).contains("<html lang=\"en\">", "This certificate is valid.");

        world.organizer.post("/api/v1/certificates/" + number + "/revoke", Map.of("reason", "Gian lận <điểm danh>"));
        assertThat(anyone.get("/verify/" + number + "?code=" + certificate.get("checkCode").asText()).body())
                .contains("Giấy chứng nhận đã bị thu hồi", "Gian lận &lt;điểm danh&gt;");
    }

    @Test
    void theCheckPageNamesTheHolderOnlyWithTheCodeAndOtherwiseAsksForIt() {
        JsonNode certificate = certificateOfHoa(null);
        String number = certificate.get("number").asText();
        String code = certificate.get("checkCode").asText();

        String alone = anyone.get("/verify/" + number).body();
        assertThat(alone).contains("Họ và tên (chữ cái đầu)", "N. T. H.",
                "chỉ hiển thị khi nhập mã tra cứu in trên giấy chứng nhận",
                "<form method=\"get\" action=\"" + number + "\">", "name=\"code\"")
                .doesNotContain("Nguyễn Thị Hoà", "không khớp");
        assertThat(anyone.inLanguage("en").get("/verify/" + number).body())
                .contains("Holder (initials)", "shown only with the check code printed on the certificate");

        String wrong = anyone.get("/verify/" + number + "?code=AAAAA-AAAAA").body();
        assertThat(wrong).contains("N. T. H.", "Mã tra cứu vừa nhập không khớp", "name=\"code\"")
                .doesNotContain("Nguyễn Thị Hoà");

        String confirmed = anyone.get("/verify/" + number + "?code=" + code).body();
        assertThat(confirmed).contains("Nguyễn Thị Hoà").doesNotContain("N. T. H.", "<form", "không khớp");
    }
    @Test
    void aCredentialChecksOutUntilItIsTamperedWithRevokedOrItsKeyRetired() throws Exception {
        JsonNode certificate = certificateOfHoa(null);
        String credential = certificate.get("credential").asText();
        String number = certificate.get("number").asText();

        JsonNode good = verify(credential);
        assertThat(good.get("valid").asBoolean()).isTrue();
        assertThat(good.get("signature").asText()).isEqualTo("valid");
        assertThat(good.get("key").asText()).isEqualTo("live");
        assertThat(good.get("status").asText()).isEqualTo("valid");
        assertThat(good.get("claims").get("num").asText()).isEqualTo(number);
        assertThat(good.get("claims").get("name").asText()).isEqualTo("Nguyễn Thị Hoà");
        assertThat(good.get("claims").get("by").asInt()).isEqualTo(1985);
        // the signed credential names the holder: the registry's answer may too
        assertThat(good.get("certificate").get("holderName").asText()).isEqualTo("Nguyễn Thị Hoà");
        assertThat(good.get("certificate").get("holderConfirmed").asBoolean()).isTrue();

        String[] parts = credential.split("\\.");
        int i = parts[1].length() / 2;
        char changed = parts[1].charAt(i) == 'A' ? 'B' : 'A';
        String tampered = parts[0] + "." + parts[1].substring(0, i) + changed + parts[1].substring(i + 1) + "." + parts[2];
        JsonNode bad = verify(tampered);
        assertThat(bad.get("valid").asBoolean()).isFalse();
        assertThat(bad.get("signature").asText()).isEqualTo("invalid");
        assertThat(bad.get("claims").isNull()).isTrue();
        assertThat(bad.get("certificate").isNull()).isTrue();
        String card = world.organizer.get("/api/v1/participants/" + certificate.get("participantId").asText()
                + "/card").json().get("token").asText();
        assertThat(verify(card).get("signature").asText()).as("a card is not a certificate").isEqualTo("invalid");
        assertThat(verify("not a credential").get("valid").asBoolean()).isFalse();

        world.organizer.post("/api/v1/certificates/" + number + "/revoke", Map.of("reason", "Cấp nhầm"));
        JsonNode revoked = verify(credential);
        assertThat(revoked.get("valid").asBoolean()).isFalse();
        assertThat(revoked.get("signature").asText()).isEqualTo("valid");
        assertThat(revoked.get("status").asText()).isEqualTo("revoked");
        assertThat(revoked.get("certificate").get("revocationReason").asText()).isEqualTo("Cấp nhầm");

        String kid = JWSObject.parse(credential).getHeader().getKeyID();
        assertThat(world.admin.post("/api/v1/keys/" + kid + "/retire", Map.of()).status()).isEqualTo(204);
        JsonNode retired = verify(credential);
        assertThat(retired.get("key").asText()).isEqualTo("retired");
        assertThat(retired.get("signature").asText()).isEqualTo("invalid");
        assertThat(retired.get("valid").asBoolean()).isFalse();
    }

    @Test
    void theCredentialOfTheLongestTitleAndNameTheRegistryAcceptsVerifies() {
        // the longest title (500), organiser (300) and name (200) accepted, in Vietnamese
        String title = "Tập huấn kỹ năng lồng ghép giới trong hoạch định chính sách ".repeat(9).substring(0, 500);
        String organiser = "Ban vì sự tiến bộ của phụ nữ ".repeat(11).substring(0, 300);
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        CertificateFixtures.setTitle(course.id(), title);
        Api.Res organisation = world.organizer.post("/api/v1/organizations", Map.of("name", organiser.strip()));
        assertThat(organisation.status()).as(organisation.body()).isEqualTo(201);
        TestServer.get().database.dsl().update(COURSE)
                .set(COURSE.ORGANIZER_ID, UUID.fromString(organisation.json().get("id").asText()))
                .where(COURSE.ID.eq(course.id())).execute();
        UUID person = Fixtures.participant(world, "Nguyễn Thị Hoà ".repeat(14).substring(0, 200).strip(), "female",
                world.communeA1);
        Fixtures.enroll(world, course.id(), person);
        CertificateFixtures.attend(world, course, 0, person);
        String credential = CertificateFixtures.issuedTo(world, course, person).get("credential").asText();
        assertThat(credential.length()).isGreaterThan(2048);
        JsonNode check = verify(credential);
        assertThat(check.get("signature").asText()).isEqualTo("valid");
        assertThat(check.get("valid").asBoolean()).as(check.toString()).isTrue();
    }

    @Test
    void aCredentialWhoseHeaderIsJsonNullIsAnsweredInvalidNotAServerError() {
        String nullHeader = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("null".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode check = verify(nullHeader + ".eyJ0eXAiOiJjZXJ0In0.");
        assertThat(check.get("valid").asBoolean()).isFalse();
        assertThat(check.get("signature").asText()).isEqualTo("invalid");
    }

    /** Anyone may call it: a body far longer than any credential is refused before it is read. */
    @Test
    void aCredentialBodyOfMegabytesIsRefusedUnread() {
        Api.Res huge = anyone.post("/api/v1/public/credentials/verify", Map.of("credential", "x".repeat(2_000_000)));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("code").asText()).isEqualTo("payload_too_large");

        // the longest credential taken, each letter escaped as JSON allows (six bytes a letter)
        String longest = "{\"credential\": \"" + "\\u00e1".repeat(Ed25519.MAX_TOKEN) + "\"}";
        Api.Res longestAnswer = anyone.send("POST", "/api/v1/public/credentials/verify", "application/json",
                longest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(longestAnswer.status()).as("the longest credential taken is not too large to read").isEqualTo(200);
        assertThat(longestAnswer.json().get("signature").asText()).isEqualTo("invalid");
    }

    private JsonNode verify(String credential) {
        Api.Res res = anyone.post("/api/v1/public/credentials/verify", Map.of("credential", credential));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }
}
