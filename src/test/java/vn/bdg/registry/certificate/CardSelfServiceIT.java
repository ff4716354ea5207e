package vn.bdg.registry.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.Tools;
import vn.bdg.registry.support.World;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A participant reads their own courses, attendance and certificates with the token of their card, and nothing else. */
class CardSelfServiceIT {
    private final World world = World.create();
    private final Api anyone = Api.anonymous();

    private String card(UUID participant) {
        return world.organizer.get("/api/v1/participants/" + participant + "/card").json().get("token").asText();
    }

    private JsonNode holderView(String token) {
        Api.Res res = anyone.get("/api/v1/public/cards/" + token);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.header("Cache-Control")).isEqualTo("no-store");
        return res.json();
    }

    @Test
    void aCardShowsItsHoldersCoursesAttendanceAndCertificatesWithTheirPdf(@TempDir Path dir) throws Exception {
        CertificateFixtures.Course done = CertificateFixtures.completedCourse(world, 3);
        CertificateFixtures.Course left = CertificateFixtures.completedCourse(world, 2);
        UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);
        Fixtures.enroll(world, done.id(), hoa);
        Fixtures.enroll(world, left.id(), hoa);
        CertificateFixtures.attendSessions(world, done, hoa, 0, 1, 2);
        CertificateFixtures.attend(world, left, 0, hoa);
        CertificateFixtures.withdraw(left.id(), hoa);
        String number = CertificateFixtures.issuedTo(world, done, hoa).get("number").asText();

        String token = card(hoa);
        JsonNode view = holderView(token);
        assertThat(view.get("fullName").asText()).isEqualTo("Nguyễn Thị Hoà");
        assertThat(view.get("courses")).hasSize(2);
        JsonNode completed = find(view.get("courses"), "courseId", done.id().toString());
        assertThat(completed.get("enrollmentStatus").asText()).isEqualTo("enrolled");
        assertThat(completed.get("attendance").get("attended").asInt()).isEqualTo(3);
        assertThat(completed.get("attendance").get("sessions").asInt()).isEqualTo(3);
        assertThat(completed.get("attendance").get("completed").asBoolean()).isTrue();
        JsonNode withdrawn = find(view.get("courses"), "courseId", left.id().toString());
        assertThat(withdrawn.get("enrollmentStatus").asText()).isEqualTo("withdrawn");
        assertThat(withdrawn.get("attendance").isNull()).isTrue();
        assertThat(view.get("certificates")).hasSize(1);
        JsonNode link = view.get("certificates").get(0);
        assertThat(link.get("number").asText()).isEqualTo(number);
        assertThat(link.get("pdfUrl").asText())
                .isEqualTo("/api/v1/public/cards/" + token + "/certificates/" + number + ".pdf");

        Tools.require("pdftotext", "apt-get install poppler-utils");
        Path pdf = dir.resolve("mine.pdf");
        Files.write(pdf, anyone.bytes(link.get("pdfUrl").asText()));
        assertThat(Tools.pdfText(pdf)).contains("Nguyễn Thị Hoà", number);
    }

    @Test
    void theCardLinkOpensAPageWithTheHoldersCoursesAndCertificates() {
        CertificateFixtures.Course done = CertificateFixtures.completedCourse(world, 2);
        CertificateFixtures.Course left = CertificateFixtures.completedCourse(world, 1);
        UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);
        Fixtures.enroll(world, done.id(), hoa);
        Fixtures.enroll(world, left.id(), hoa);
        CertificateFixtures.attendSessions(world, done, hoa, 0, 1);
        CertificateFixtures.withdraw(left.id(), hoa);
        String number = CertificateFixtures.issuedTo(world, done, hoa).get("number").asText();
        String token = card(hoa);

        Api.Res vi = anyone.get("/card/" + token);
        assertThat(vi.status()).isEqualTo(200);
        assertThat(vi.body()).contains("<html lang=\"vi\"", "Hồ sơ tập huấn của tôi", "Nguyễn Thị Hoà", number,
                "2 / 2 ✓ đã hoàn thành khoá học", "đã rút khỏi khoá học", "/api/v1/public/cards/" + token + "/certificates/" + number + ".pdf");
        assertThat(vi.body()).doesNotContain("<script");
        assertThat(vi.header("Referrer-Policy")).isEqualTo("no-referrer");
        Api.Res en = anyone.inLanguage("en").get("/card/" + token);
        assertThat(en.body()).contains("<html lang=\"en\"", "My training record", "2 / 2 ✓ course completed");

        Api.Res forged = anyone.get("/card/" + token.substring(0, token.length() - 3) + "abc");
        assertThat(forged.status()).isEqualTo(404);
        assertThat(forged.contentType()).startsWith("text/html");
        assertThat(forged.body()).doesNotContain("Nguyễn Thị Hoà");
    }

    @Test
    void aCardReadsOnlyItsOwnersData() {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);
        UUID son = Fixtures.participant(world, "Dương Văn Sơn", "male", world.communeA2);
        Fixtures.enroll(world, course.id(), hoa);
        Fixtures.enroll(world, course.id(), son);
        CertificateFixtures.attend(world, course, 0, hoa);
        CertificateFixtures.attend(world, course, 0, son);
        Map<String, JsonNode> issued = CertificateFixtures.byParticipant(CertificateFixtures.issue(world, course.id()));
        String sonsNumber = issued.get(son.toString()).get("number").asText();

        String hoasCard = card(hoa);
        JsonNode view = holderView(hoasCard);
        assertThat(view.get("fullName").asText()).isEqualTo("Nguyễn Thị Hoà");
        assertThat(view.get("certificates").findValuesAsText("number"))
                .containsExactly(issued.get(hoa.toString()).get("number").asText());
        assertThat(view.toString()).doesNotContain("Dương Văn Sơn", son.toString());
        assertThat(anyone.get("/api/v1/public/cards/" + hoasCard + "/certificates/" + sonsNumber + ".pdf").status())
                .as("someone else's certificate through my card").isEqualTo(404);

        String[] parts = hoasCard.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThat(anyone.get("/api/v1/public/cards/" + forged).status()).isEqualTo(404);
        assertThat(anyone.get("/api/v1/public/cards/not-a-card").status()).isEqualTo(404);
        // a header that is JSON null is no JWS header: 404 like any text that is not a card, not a 500
        String nullHeader = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("null".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
        for (String path : List.of("/api/v1/public/cards/" + nullHeader, "/card/" + nullHeader,
                "/api/v1/public/cards/" + nullHeader + "/certificates/" + sonsNumber + ".pdf")) {
            assertThat(anyone.get(path).status()).as(path).isEqualTo(404);
        }

        assertThat(world.organizer.post("/api/v1/participants/" + hoa + "/card/revoke", Map.of("reason", "Mất thẻ"))
                .status()).isEqualTo(200);
        assertThat(anyone.get("/api/v1/public/cards/" + hoasCard).status()).as("a revoked card").isEqualTo(404);
        assertThat(holderView(card(hoa)).get("fullName").asText()).as("the reissued card").isEqualTo("Nguyễn Thị Hoà");
    }

    @Test
    void aCardOfAMergedRecordShowsTheKeptPersonsData() {
        CertificateFixtures.Course before = CertificateFixtures.completedCourse(world, 1);
        CertificateFixtures.Course after = CertificateFixtures.completedCourse(world, 1);
        UUID duplicate = Fixtures.participant(world, "Nguyen Thi Hoa", "female", world.communeA1);
        UUID kept = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);
        String duplicatesCard = card(duplicate);
        Fixtures.enroll(world, before.id(), duplicate);
        CertificateFixtures.attend(world, before, 0, duplicate);
        String first = CertificateFixtures.issuedTo(world, before, duplicate).get("number").asText();
        CertificateFixtures.mergeWithEnrollments(duplicate, kept);
        Fixtures.enroll(world, after.id(), kept);
        CertificateFixtures.attend(world, after, 0, kept);
        String second = CertificateFixtures.issuedTo(world, after, kept).get("number").asText();

        JsonNode view = holderView(duplicatesCard);
        assertThat(view.get("fullName").asText()).isEqualTo("Nguyễn Thị Hoà");
        assertThat(view.get("courses").findValuesAsText("courseId"))
                .containsExactlyInAnyOrder(before.id().toString(), after.id().toString());
        assertThat(view.get("certificates").findValuesAsText("number")).containsExactlyInAnyOrder(first, second);
        assertThat(anyone.get("/api/v1/public/cards/" + duplicatesCard + "/certificates/" + first + ".pdf").status())
                .isEqualTo(200);
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (item.get(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + items);
    }
}
