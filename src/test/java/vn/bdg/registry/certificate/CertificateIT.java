package vn.bdg.registry.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.OctetKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.Tools;
import vn.bdg.registry.support.World;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.certificate.CertificateFixtures.attendSessions;
import static vn.bdg.registry.certificate.CertificateFixtures.byParticipant;
import static vn.bdg.registry.certificate.CertificateFixtures.issue;
import static vn.bdg.registry.db.Tables.CHECK_IN;
import static vn.bdg.registry.db.Tables.ENROLLMENT;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/** Issuing by the completion rule and by hand, numbers, revocation, PDFs and their signed credential. */
class CertificateIT {
    private final World world = World.create();

    private UUID person(String name) {
        return Fixtures.participant(world, name, "female", world.communeA1);
    }

    private static Map<String, JsonNode> notEligible(JsonNode result) {
        Map<String, JsonNode> map = new HashMap<>();
        result.get("notEligible").forEach(n -> map.put(n.get("participantId").asText(), n));
        return map;
    }

    @Test
    void issuesToTraineesWhoMetTheRuleAndSaysWhyTheOthersDidNot() {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 5);
        UUID atThreshold = person("Lục Thị Huyền");
        UUID below = person("Dương Văn Sơn");
        UUID excused = person("Hứa Thị Dung");
        UUID excusedBelow = person("Nông Thị Mai");
        UUID withdrawn = person("Hoàng Văn Đức");
        UUID observer = person("Triệu Thị Lan");
        UUID withheld = person("Ma Văn Tùng");
        for (UUID p : List.of(atThreshold, below, excused, excusedBelow, withdrawn, withheld)) {
            Fixtures.enroll(world, course.id(), p);
        }
        CertificateFixtures.enroll(world, course, observer, "observer");
        attendSessions(world, course, atThreshold, 0, 1, 2, 3);          // 4 of 5 = 0.8, exactly the rule
        attendSessions(world, course, below, 0, 1, 2);                   // 3 of 5
        attendSessions(world, course, excused, 0, 1, 2);                 // 3 of 3 counted
        CertificateFixtures.excuse(world, course, 3, excused);
        CertificateFixtures.excuse(world, course, 4, excused);
        attendSessions(world, course, excusedBelow, 0, 1);               // 2 of 4 counted
        CertificateFixtures.excuse(world, course, 4, excusedBelow);
        attendSessions(world, course, withdrawn, 0, 1, 2, 3, 4);
        attendSessions(world, course, observer, 0, 1, 2, 3, 4);
        attendSessions(world, course, withheld, 0, 1, 2, 3, 4);
        CertificateFixtures.withdraw(course.id(), withdrawn);
        Api.Res withholding = world.organizer.post("/api/v1/courses/" + course.id() + "/certificates/" + withheld
                + "/withhold", Map.of("reason", "Nhờ người khác điểm danh hộ"));
        assertThat(withholding.status()).as(withholding.body()).isEqualTo(200);

        JsonNode result = issue(world, course.id());
        assertThat(result.get("created").asInt()).isEqualTo(2);
        assertThat(byParticipant(result).keySet()).containsExactlyInAnyOrder(atThreshold.toString(), excused.toString());
        Map<String, JsonNode> refused = notEligible(result);
        assertThat(refused.get(below.toString()).get("reason").asText()).isEqualTo("below_completion_rule");
        assertThat(refused.get(below.toString()).get("attended").asInt()).isEqualTo(3);
        assertThat(refused.get(below.toString()).get("sessions").asInt()).isEqualTo(5);
        assertThat(refused.get(excusedBelow.toString()).get("reason").asText()).isEqualTo("below_completion_rule");
        assertThat(refused.get(excusedBelow.toString()).get("excused").asInt()).isEqualTo(1);
        assertThat(refused.get(withdrawn.toString()).get("reason").asText()).isEqualTo("withdrawn");
        assertThat(refused.get(observer.toString()).get("reason").asText()).isEqualTo("not_trainee");
        assertThat(refused.get(withheld.toString()).get("reason").asText()).isEqualTo("withheld");
        assertThat(refused.get(withheld.toString()).get("fullName").asText()).isEqualTo("Ma Văn Tùng");

        JsonNode again = issue(world, course.id());
        assertThat(again.get("created").asInt()).as("issuing again creates nothing").isZero();
        assertThat(again.get("issued")).extracting(c -> c.get("number").asText())
                .containsExactlyElementsOf(result.get("issued").findValuesAsText("number"));
        assertThat(world.admin.get("/api/v1/audit-log?entity=course&entityId=" + course.id()).json().get("items"))
                .extracting(a -> a.get("action").asText())
                .containsOnlyOnce("issue_certificates").contains("withhold_certificate");
    }

    /** Someone enrolled in the course and present at the sessions given (by number). */
    private UUID trainee(CertificateFixtures.Course course, String name, int... sessions) {
        UUID id = person(name);
        Fixtures.enroll(world, course.id(), id);
        attendSessions(world, course, id, sessions);
        return id;
    }

    private void withhold(CertificateFixtures.Course course, UUID person, String reason) {
        assertThat(world.organizer.post("/api/v1/courses/" + course.id() + "/certificates/" + person + "/withhold",
                Map.of("reason", reason)).status()).isEqualTo(200);
    }

    @Test
    void aCertificateWithheldStaysWithheldWhenTheRecordIsMergedIntoAnother() {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        UUID withheld = trainee(course, "Ma Văn Tùng", 0);
        withhold(course, withheld, "Nhờ người khác điểm danh hộ");
        UUID kept = person("Ma Văn Tùng");
        Api.Res merged = world.organizer.post("/api/v1/participants/" + kept + "/merge",
                Map.of("duplicateId", withheld.toString()));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);

        // a record merged before merges moved the decision: issuing reads it through the merge
        UUID earlier = trainee(course, "Hà Thị Lụa", 0);
        UUID survivor = person("Hà Thị Lụa");
        withhold(course, earlier, "Không dự đủ thời lượng");
        var db = TestServer.get().database.dsl();
        db.update(ENROLLMENT).set(ENROLLMENT.PARTICIPANT_ID, survivor).where(ENROLLMENT.PARTICIPANT_ID.eq(earlier))
                .execute();
        db.update(CHECK_IN).set(CHECK_IN.PARTICIPANT_ID, survivor).where(CHECK_IN.PARTICIPANT_ID.eq(earlier)).execute();
        db.update(PARTICIPANT).set(PARTICIPANT.MERGED_INTO, survivor).where(PARTICIPANT.ID.eq(earlier)).execute();

        JsonNode result = issue(world, course.id());
        assertThat(result.get("created").asInt()).as(result.toString()).isZero();
        Map<String, JsonNode> refused = notEligible(result);
        assertThat(refused.get(kept.toString()).get("reason").asText()).isEqualTo("withheld");
        assertThat(refused.get(survivor.toString()).get("reason").asText()).isEqualTo("withheld");
    }

    @Test
    void aHolderWhoseAttendanceNoLongerMeetsTheRuleIsPointedOutWhenIssuingAgain() {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 2);
        UUID excused = trainee(course, "Hứa Thị Dung", 0);
        CertificateFixtures.excuse(world, course, 1, excused);
        JsonNode first = issue(world, course.id());
        assertThat(first.get("created").asInt()).isEqualTo(1);
        assertThat(first.get("belowRule")).isEmpty();

        // the excuse turns out to be unfounded and is removed: 1 of 2 sessions is below the rule
        assertThat(world.organizer.delete("/api/v1/sessions/" + course.sessions().get(1) + "/excused/" + excused)
                .status()).isEqualTo(204);
        JsonNode again = issue(world, course.id());
        assertThat(again.get("issued")).hasSize(1);
        assertThat(again.get("belowRule")).extracting(b -> b.get("participantId").asText() + "/"
                + b.get("reason").asText() + "/" + b.get("attended").asInt() + "/" + b.get("sessions").asInt())
                .containsExactly(excused + "/below_completion_rule/1/2");
    }

    @Test
    void numbersFollowTheProvinceAndYearAndAreNeverGivenTwice() {
        CertificateFixtures.Course first = CertificateFixtures.completedCourse(world, 1);
        CertificateFixtures.Course second = CertificateFixtures.completedCourse(world, 1);
        List<UUID> people = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID p = person("Người Thứ " + i);
            people.add(p);
            Fixtures.enroll(world, first.id(), p);
            Fixtures.enroll(world, second.id(), p);
            CertificateFixtures.attend(world, first, 0, p);
            CertificateFixtures.attend(world, second, 0, p);
        }
        List<String> numbers = new ArrayList<>(issue(world, first.id()).get("issued").findValuesAsText("number"));
        String revoked = numbers.get(0);
        assertThat(world.organizer.post("/api/v1/certificates/" + revoked + "/revoke",
                Map.of("reason", "Cấp nhầm")).json().get("status").asText()).isEqualTo("revoked");
        numbers.addAll(issue(world, second.id()).get("issued").findValuesAsText("number"));
        JsonNode reissue = world.organizer.post("/api/v1/courses/" + first.id() + "/certificates/" + people.get(0),
                Map.of("reason", "Cấp lại sau khi sửa sai sót")).json();
        numbers.add(reissue.get("number").asText());

        int year = LocalDate.now(Fixtures.VIETNAM).getYear();
        assertThat(numbers).hasSize(7).doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n).matches(world.province + "-" + year + "-\\d{6}"));
        assertThat(numbers).isSortedAccordingTo(String::compareTo);
        assertThat(reissue.get("number").asText()).isNotEqualTo(revoked);
    }

    @Test
    void issuingNeedsACompletedCourseInScopeAndAManager() {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        CertificateFixtures.setStatus(course.id(), "running");
        Api.Res running = world.organizer.post("/api/v1/courses/" + course.id() + "/certificates", Map.of());
        assertThat(running.status()).isEqualTo(409);
        assertThat(running.json().get("code").asText()).isEqualTo("course_not_completed");
        CertificateFixtures.setStatus(course.id(), "completed");
        assertThat(world.trainer.post("/api/v1/courses/" + course.id() + "/certificates", Map.of()).status())
                .isEqualTo(403);
        assertThat(World.create().organizer.post("/api/v1/courses/" + course.id() + "/certificates", Map.of())
                .status()).isEqualTo(404);
        UUID inB = Fixtures.course(world, world.districtB, "completed", LocalDate.now().minusDays(3),
                LocalDate.now().minusDays(3));
        assertThat(world.districtOrganizer.post("/api/v1/courses/" + inB + "/certificates", Map.of()).status())
                .isEqualTo(404);
        Api.Res tooLong = world.organizer.post("/api/v1/courses/" + course.id() + "/certificates",
                Map.of("place", "x".repeat(201), "signerTitle", "y".repeat(201)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").findValuesAsText("field")).containsExactly("place", "signerTitle");
        assertThat(world.organizer.post("/api/v1/courses/" + course.id() + "/certificates", Map.of("signer", "?"))
                .status()).isEqualTo(400);
    }

    @Test
    void anOrganiserIssuesByHandWithAReasonEvenBelowTheRuleOrWithheld() {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 4);
        UUID below = person("Lý Thị Nga");
        UUID withheld = person("Bế Văn Hải");
        UUID stranger = person("Vi Thị Hồng");
        Fixtures.enroll(world, course.id(), below);
        Fixtures.enroll(world, course.id(), withheld);
        attendSessions(world, course, below, 0);
        attendSessions(world, course, withheld, 0, 1, 2, 3);
        String path = "/api/v1/courses/" + course.id() + "/certificates/";
        world.organizer.post(path + withheld + "/withhold", Map.of("reason", "Chưa nộp bài thu hoạch"));
        assertThat(notEligible(issue(world, course.id())).get(withheld.toString()).get("reason").asText())
                .isEqualTo("withheld");

        assertThat(world.organizer.post(path + below, Map.of()).status()).isEqualTo(400);
        Api.Res byHand = world.organizer.post(path + below, Map.of("reason", "Vắng do công tác đột xuất, đã học bù",
                "signerName", "Nguyễn Văn An", "signerTitle", "Giám đốc Sở Nội vụ", "place", "Chợ Mới"));
        assertThat(byHand.status()).as(byHand.body()).isEqualTo(201);
        JsonNode certificate = byHand.json();
        assertThat(certificate.get("manualReason").asText()).isEqualTo("Vắng do công tác đột xuất, đã học bù");
        assertThat(certificate.get("signerName").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(certificate.get("place").asText()).isEqualTo("Chợ Mới");
        Api.Res twice = world.organizer.post(path + below, Map.of("reason", "lần nữa"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asText()).isEqualTo("already_issued");
        assertThat(world.organizer.post(path + below + "/withhold", Map.of("reason", "x")).status()).isEqualTo(409);

        Api.Res notEnrolled = world.organizer.post(path + stranger, Map.of("reason", "x"));
        assertThat(notEnrolled.status()).isEqualTo(422);
        assertThat(notEnrolled.json().get("errors").get(0).get("code").asText()).isEqualTo("not_enrolled");

        assertThat(world.organizer.post(path + withheld, Map.of("reason", "Đã nộp bài thu hoạch")).status())
                .isEqualTo(201);
        JsonNode after = issue(world, course.id());
        assertThat(byParticipant(after).keySet()).containsExactlyInAnyOrder(below.toString(), withheld.toString());
        assertThat(after.get("notEligible")).isEmpty();
        assertThat(world.admin.get("/api/v1/audit-log?entity=certificate&entityId=" + certificate.get("number").asText())
                .json().get("items")).extracting(a -> a.get("action").asText()).containsExactly("issue_certificate");
    }

    @Test
    void aRevokedCertificateIsNotIssuedAgainByTheRule() {
        CertificateFixtures.Issued issued = CertificateFixtures.issuedToHoa(world);
        CertificateFixtures.Course course = issued.course();
        UUID hoa = issued.hoa();
        String number = issued.certificate().get("number").asText();
        String revokePath = "/api/v1/certificates/" + number + "/revoke";
        assertThat(world.organizer.post(revokePath, Map.of()).status()).isEqualTo(400);
        assertThat(world.trainer.post(revokePath, Map.of("reason", "x")).status()).isEqualTo(403);
        JsonNode revoked = world.organizer.post(revokePath, Map.of("reason", "Cấp nhầm người")).json();
        assertThat(revoked.get("revocationReason").asText()).isEqualTo("Cấp nhầm người");
        assertThat(revoked.get("revokedAt").isNull()).isFalse();
        Api.Res again = world.organizer.post(revokePath, Map.of("reason", "x"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("already_revoked");

        JsonNode result = issue(world, course.id());
        assertThat(result.get("issued")).isEmpty();
        assertThat(notEligible(result).get(hoa.toString()).get("reason").asText()).isEqualTo("revoked");
        assertThat(world.admin.get("/api/v1/audit-log?entity=certificate&entityId=" + number).json().get("items"))
                .extracting(a -> a.get("action").asText()).contains("revoke_certificate");
    }

    @Test
    void aCertificateOfAMergedDuplicateCountsForTheKeptRecord() {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        UUID duplicate = person("Đinh Thị Thu");
        UUID kept = person("Đinh Thị Thu");
        Fixtures.enroll(world, course.id(), duplicate);
        CertificateFixtures.attend(world, course, 0, duplicate);
        String number = CertificateFixtures.issuedTo(world, course, duplicate).get("number").asText();
        CertificateFixtures.mergeWithEnrollments(duplicate, kept);
        JsonNode again = issue(world, course.id());
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("issued").findValuesAsText("number")).containsExactly(number);
    }

    @Test
    void twoRecordsEachCertifiedForTheSameCourseAreMergedOnlyOnceOneCertificateIsRevoked() {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        UUID duplicate = person("Đinh Thị Thu");
        UUID kept = person("Đinh Thị Thu");
        Fixtures.enroll(world, course.id(), duplicate);
        Fixtures.enroll(world, course.id(), kept);
        CertificateFixtures.attend(world, course, 0, duplicate);
        CertificateFixtures.attend(world, course, 0, kept);
        Map<String, JsonNode> issued = byParticipant(issue(world, course.id()));
        String duplicateNumber = issued.get(duplicate.toString()).get("number").asText();
        String keptNumber = issued.get(kept.toString()).get("number").asText();

        Api.Res merge = world.organizer.inLanguage("en").post("/api/v1/participants/" + kept + "/merge",
                Map.of("duplicateId", duplicate.toString()));
        assertThat(merge.status()).as(merge.body()).isEqualTo(409);
        assertThat(merge.json().get("code").asText()).isEqualTo("both_certified");
        assertThat(merge.json().get("detail").asText()).contains(duplicateNumber).contains(keptNumber);
        JsonNode stillApart = world.organizer.get("/api/v1/participants/" + duplicate).json();
        assertThat(stillApart.path("mergedInto").isMissingNode() || stillApart.get("mergedInto").isNull()).isTrue();

        // one person, one certificate of the course: the duplicate's revoked, the records merge
        assertThat(world.organizer.post("/api/v1/certificates/" + duplicateNumber + "/revoke",
                Map.of("reason", "Hồ sơ trùng")).status()).isEqualTo(200);
        Api.Res merged = world.organizer.post("/api/v1/participants/" + kept + "/merge",
                Map.of("duplicateId", duplicate.toString()));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        JsonNode again = issue(world, course.id());
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("issued").findValuesAsText("number")).containsExactly(keptNumber);
    }

    @Test
    void thePdfPrintsTheExactNameAndAQrWithTheVerificationLinkAndCredential(@TempDir Path dir) throws Exception {
        Tools.require("pdftotext", "apt-get install poppler-utils");
        Tools.require("zbarimg", "apt-get install zbar-tools");
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 2);
        CertificateFixtures.organisedBy(world, course.id(), "Sở Lao động – Thương binh và Xã hội tỉnh Bắc Kạn",
                new BigDecimal("16"));
        String nfc = "Nguyễn Thị Hoà Đặng Ngọc Ánh";
        UUID hoa = person(Normalizer.normalize(nfc, Normalizer.Form.NFD)); // typed on a keyboard that sends NFD
        CertificateFixtures.birthYear(hoa, 1985);
        Fixtures.enroll(world, course.id(), hoa);
        attendSessions(world, course, hoa, 0, 1);
        JsonNode certificate = CertificateFixtures.issuedTo(world, course, hoa);
        assertThat(certificate.get("holderName").asText()).isEqualTo(nfc);
        String number = certificate.get("number").asText();

        Path pdf = dir.resolve("certificate.pdf");
        Files.write(pdf, world.reporter.bytes("/api/v1/certificates/" + number + ".pdf"));
        String text = Tools.pdfText(pdf);
        LocalDate issued = LocalDate.parse(certificate.get("issueDate").asText());
        String month = issued.getMonthValue() <= 2 ? "0" + issued.getMonthValue() : "" + issued.getMonthValue();
        String place = "Thử Nghiệm " + (Integer.parseInt(world.province) - 9000); // the World's "Tỉnh Thử Nghiệm n"
        assertThat(text).contains("GIẤY CHỨNG NHẬN", nfc, "Năm sinh: 1985", "Xã Nam Mẫu", CertificateFixtures.TITLE,
                "(16 giờ)", "Sở Lao động – Thương binh và Xã hội tỉnh Bắc Kạn", number,
                place + ", ngày " + String.format("%02d", issued.getDayOfMonth()) + " tháng " + month + " năm "
                        + issued.getYear(),
                "THỦ TRƯỞNG ĐƠN VỊ TỔ CHỨC");
        assertThat(Tools.run(dir, "pdffonts", "certificate.pdf").output()).contains("DejaVuSans");
        assertThat(Tools.pdfQrCodes(pdf)).containsExactly(certificate.get("verificationUrl").asText() + "#"
                + certificate.get("credential").asText());
        // the check code is printed beside the number and carried in the QR code's link
        String code = certificate.get("checkCode").asText();
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}");
        assertThat(text).contains("Số: " + number, "Mã tra cứu: " + code);
        URI link = URI.create(certificate.get("verificationUrl").asText());
        assertThat(link.getRawPath() + "?" + link.getRawQuery()).isEqualTo("/verify/" + number + "?code=" + code);
        assertThat(Api.anonymous().get(link.getRawPath() + "?" + link.getRawQuery()).body())
                .as("the QR code's link names the holder").contains(nfc);
    }

    @Test
    void theLongestTitleOrganiserAndNameAcceptedStillLeaveTheQrReadable(@TempDir Path dir) throws Exception {
        Tools.require("pdftotext", "apt-get install poppler-utils");
        Tools.require("zbarimg", "apt-get install zbar-tools");
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        String title = "Tập huấn kỹ năng lồng ghép giới trong hoạch định chính sách ".repeat(9).substring(0, 500).strip();
        CertificateFixtures.setTitle(course.id(), title);
        CertificateFixtures.organisedBy(world, course.id(), "Ban vì sự tiến bộ của phụ nữ ".repeat(11).substring(0, 300)
                .strip(), new BigDecimal("16"));
        UUID person = person("Nguyễn Thị Hoà ".repeat(14).substring(0, 200).strip());
        Fixtures.enroll(world, course.id(), person);
        attendSessions(world, course, person, 0);
        JsonNode certificate = CertificateFixtures.issuedTo(world, course, person);

        Path pdf = dir.resolve("certificate.pdf");
        Files.write(pdf, world.reporter.bytes("/api/v1/certificates/" + certificate.get("number").asText() + ".pdf"));
        assertThat(Tools.pdfText(pdf)).contains(title.substring(0, 60), certificate.get("number").asText());
        assertThat(Tools.pdfQrCodes(pdf)).as("no text over the QR code").containsExactly(
                certificate.get("verificationUrl").asText() + "#" + certificate.get("credential").asText());
    }

    @Test
    void theCredentialVerifiesWithAStandardJoseLibraryAndWithOpenssl(@TempDir Path dir) throws Exception {
        CertificateFixtures.Issued issued = CertificateFixtures.issuedToHoa(world);
        JsonNode certificate = issued.certificate();
        String credential = certificate.get("credential").asText();

        JWSObject jws = JWSObject.parse(credential);
        JsonNode jwk = jwk(jws.getHeader().getKeyID());
        assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
        assertThat(jws.verify(new Ed25519Verifier(OctetKeyPair.parse(jwk.toString())))).isTrue();
        assertThat(jws.getPayload().toJSONObject()).containsEntry("typ", "certificate")
                .containsEntry("iss", world.province).containsEntry("num", certificate.get("number").asText())
                .containsEntry("name", "Nguyễn Thị Hoà").containsEntry("course", CertificateFixtures.TITLE)
                .containsEntry("from", issued.course().dates().get(0).toString()).containsEntry("hours", 3.5)
                .containsKey("iat");

        Tools.require("openssl", "apt-get install openssl");
        String[] parts = credential.split("\\.");
        byte[] x = Base64.getUrlDecoder().decode(jwk.get("x").asText());
        byte[] der = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(x));
        Files.writeString(dir.resolve("pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n");
        Files.writeString(dir.resolve("signing-input"), parts[0] + "." + parts[1]);
        Files.write(dir.resolve("signature"), Base64.getUrlDecoder().decode(parts[2]));
        Tools.Run ok = Tools.run(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                "-in", "signing-input", "-sigfile", "signature");
        assertThat(ok.exitCode()).as(ok.output()).isZero();
        Files.writeString(dir.resolve("signing-input"), parts[0] + "." + parts[1].substring(1));
        assertThat(Tools.run(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                "-in", "signing-input", "-sigfile", "signature").exitCode()).isNotZero();
    }

    private JsonNode jwk(String kid) {
        for (JsonNode key : Api.anonymous().get("/api/v1/keys?province=" + world.province).json().get("keys")) {
            if (key.get("kid").asText().equals(kid)) {
                return key;
            }
        }
        throw new AssertionError("no key " + kid);
    }

    @Test
    void certificatesOutsideTheCallersScopeAreNotFound() {
        CertificateFixtures.Issued issued = CertificateFixtures.issuedToHoa(world);
        CertificateFixtures.Course course = issued.course();
        UUID hoa = issued.hoa();
        String number = issued.certificate().get("number").asText();
        String pdf = "/api/v1/certificates/" + number + ".pdf";

        World other = World.create();
        assertThat(other.admin.get(pdf).status()).isEqualTo(404);
        assertThat(other.organizer.post("/api/v1/certificates/" + number + "/revoke", Map.of("reason", "x")).status())
                .isEqualTo(404);
        assertThat(other.organizer.get("/api/v1/courses/" + course.id() + "/certificates.zip").status()).isEqualTo(404);
        assertThat(world.trainer.get(pdf).status()).as("a trainer not assigned to the course").isEqualTo(404);
        Fixtures.assignTrainer(world, course.id(), world.trainer);
        assertThat(world.trainer.get(pdf).status()).isEqualTo(200);
        assertThat(world.districtReporter.get(pdf).status()).isEqualTo(200);
        assertThat(world.organizer.get("/api/v1/certificates/not-a-number.pdf").status()).isEqualTo(404);
        assertThat(Api.anonymous().get(pdf).status()).isEqualTo(401);

        CertificateFixtures.Course inB = CertificateFixtures.completedCourse(world, world.districtB, 1);
        Fixtures.enroll(world, inB.id(), hoa);
        CertificateFixtures.attend(world, inB, 0, hoa);
        String inBNumber = CertificateFixtures.issuedTo(world, inB, hoa).get("number").asText();
        assertThat(world.districtOrganizer.get("/api/v1/certificates/" + inBNumber + ".pdf").status()).isEqualTo(404);
        assertThat(world.districtOrganizer.post("/api/v1/certificates/" + inBNumber + "/revoke",
                Map.of("reason", "x")).status()).isEqualTo(404);
    }

    @Test
    void oneMergedPdfHoldsEveryLiveCertificateOfTheCourseAPageEach(@TempDir Path dir) throws Exception {
        Tools.require("pdftoppm", "apt-get install poppler-utils");
        Tools.require("zbarimg", "apt-get install zbar-tools");
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        String path = "/api/v1/courses/" + course.id() + "/certificates.pdf";
        assertThat(world.organizer.get(path).status()).isEqualTo(409); // nothing issued yet: nothing to print

        Printable printable = threeIssuedTheSecondRevoked(course);

        Path pdf = dir.resolve("all.pdf");
        Files.write(pdf, world.reporter.bytes(path));
        String text = Tools.pdfText(pdf);
        for (int i = 0; i < 3; i++) {
            assertThat(text.contains(printable.holders().get(i))).as(printable.holders().get(i)).isEqualTo(i != 1);
            assertThat(text.contains("Mã tra cứu: " + printable.codes().get(i))).isEqualTo(i != 1);
        }
        // a page each, in number order, each with its own code
        assertThat(Tools.pdfQrCodes(pdf)).satisfiesExactly(
                code -> assertThat(code).endsWith(printable.linkOf(0)),
                code -> assertThat(code).endsWith(printable.linkOf(2)));
        assertThat(World.create().organizer.get(path).status()).isEqualTo(404);
    }

    @Test
    void theZipHoldsThePdfOfEveryLiveCertificateOfTheCourse(@TempDir Path dir) throws Exception {
        Tools.require("pdftoppm", "apt-get install poppler-utils");
        Tools.require("zbarimg", "apt-get install zbar-tools");
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        Printable printable = threeIssuedTheSecondRevoked(course);
        List<String> numbers = printable.numbers();

        byte[] zip = world.reporter.bytes("/api/v1/courses/" + course.id() + "/certificates.zip");
        Set<String> names = new HashSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                Path pdf = Files.createDirectory(dir.resolve(e.getName() + ".d")).resolve(e.getName());
                Files.write(pdf, in.readAllBytes());
                // every code decodes, whatever its payload (the mask is fixed, see CertificatePdf)
                String number = e.getName().replace(".pdf", "");
                assertThat(Tools.pdfQrCodes(pdf)).singleElement().asString()
                        .endsWith(printable.linkOf(numbers.indexOf(number)));
            }
        }
        assertThat(names).containsExactlyInAnyOrder(numbers.get(0) + ".pdf", numbers.get(2) + ".pdf");
    }

    @Test
    void theZipsFilesAreDatedByTheClockInVietnam() throws Exception {
        // a ZIP's file times have no zone and unzip tools show them as local time: an organiser in
        // Vietnam saw the PDFs of a zip made at 13:20 dated 06:20, by the clock of a server on UTC
        CertificateFixtures.Issued issued = CertificateFixtures.issuedToHoa(world);
        LocalDateTime before = LocalDateTime.now(Fixtures.VIETNAM).truncatedTo(ChronoUnit.SECONDS).minusSeconds(2);
        byte[] zip = world.organizer.bytes("/api/v1/courses/" + issued.course().id() + "/certificates.zip");
        LocalDateTime after = LocalDateTime.now(Fixtures.VIETNAM).plusSeconds(2);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry = in.getNextEntry();
            assertThat(entry).isNotNull();
            assertThat(entry.getTimeLocal()).isBetween(before, after);
        }
    }

    /** Certificates of a course to print: numbers, check codes, credentials and holders' names, in number order. */
    private record Printable(List<String> numbers, List<String> codes, List<String> credentials, List<String> holders) {
        /** How the i-th one's QR code ends: its page with its check code, then its credential. */
        String linkOf(int i) {
            return "/verify/" + numbers.get(i) + "?code=" + codes.get(i) + "#" + credentials.get(i);
        }
    }

    /** Three trainees complete the course and get certificates; the second one's is then revoked. */
    private Printable threeIssuedTheSecondRevoked(CertificateFixtures.Course course) {
        for (String name : List.of("Lục Thị Huyền", "Dương Văn Sơn", "Hứa Thị Dung")) {
            UUID p = person(name);
            Fixtures.enroll(world, course.id(), p);
            CertificateFixtures.attend(world, course, 0, p);
        }
        JsonNode issued = issue(world, course.id()).get("issued");
        List<String> numbers = issued.findValuesAsText("number");
        world.organizer.post("/api/v1/certificates/" + numbers.get(1) + "/revoke", Map.of("reason", "Cấp nhầm"));
        return new Printable(numbers, issued.findValuesAsText("checkCode"), issued.findValuesAsText("credential"),
                issued.findValuesAsText("holderName"));
    }
}
