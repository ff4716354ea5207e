package vn.bdg.registry.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;
import vn.bdg.registry.web.Json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/** A certificate exported as an Open Badges 3.0 credential, signed as vc+jwt, with its revocation status list. */
class OpenBadgeIT {
    private static final String ORGANISER = "Sở Lao động – Thương binh và Xã hội tỉnh Bắc Kạn";
    private final World world = World.create();
    private final Api anyone = Api.anonymous();

    /** Hoà, with a birth date, phone and id on record, completed a course of 16 planned hours; her certificate. */
    private JsonNode certificateOfHoa() {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        CertificateFixtures.organisedBy(world, course.id(), ORGANISER, new BigDecimal("16.0"));
        UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);
        TestServer.get().database.dsl().update(PARTICIPANT)
                .set(PARTICIPANT.BIRTH_DATE, LocalDate.of(1985, 4, 12)).set(PARTICIPANT.PHONE, "+84987654321")
                .set(PARTICIPANT.NATIONAL_ID_LAST3, "417").set(PARTICIPANT.NATIONAL_ID_KIND, "cccd")
                .where(PARTICIPANT.ID.eq(hoa)).execute();
        Fixtures.enroll(world, course.id(), hoa);
        CertificateFixtures.attend(world, course, 0, hoa);
        return CertificateFixtures.issuedTo(world, course, hoa);
    }

    private static String badgePath(String number, String extension) {
        return "/api/v1/certificates/" + number + "/badge." + extension;
    }

    private JsonNode badge(String number) {
        Api.Res res = world.organizer.get(badgePath(number, "json"));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.contentType()).startsWith("application/vc");
        return res.json();
    }

    private String signedBadge(Api client, String path) {
        Api.Res res = client.get(path);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.contentType()).startsWith("application/vc+jwt");
        return res.body();
    }

    /** Verifies the JWS as any verifier would: the key by its kid from the published JWK set, with Nimbus. */
    private boolean verifies(String jws) throws Exception {
        JWSObject parsed = JWSObject.parse(jws);
        JWKSet keys = JWKSet.parse(anyone.get("/api/v1/keys").body());
        return parsed.verify(new Ed25519Verifier(keys.getKeyByKeyId(parsed.getHeader().getKeyID()).toOctetKeyPair()));
    }

    private static JsonNode payload(String jws) throws Exception {
        return Json.MAPPER.readTree(JWSObject.parse(jws).getPayload().toString());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theBadgeIsAnOpenBadgeCredentialOfTheHolderAndCourseAsIssued() {
        JsonNode certificate = certificateOfHoa();
        String number = certificate.get("number").asText();
        JsonNode vc = badge(number);

        assertThat(vc.get("@context")).extracting(JsonNode::asText).containsExactly(
                "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        assertThat(vc.get("type")).extracting(JsonNode::asText)
                .containsExactly("VerifiableCredential", "OpenBadgeCredential");
        assertThat(vc.get("id").asText()).isEqualTo(certificate.get("verificationUrl").asText());
        assertThat(Instant.parse(vc.get("validFrom").asText()))
                .isEqualTo(Instant.parse(certificate.get("issuedAt").asText()));
        assertThat(vc.get("name").asText()).isEqualTo("Giấy chứng nhận – " + CertificateFixtures.TITLE);
        JsonNode issuer = vc.get("issuer");
        assertThat(issuer.get("type")).extracting(JsonNode::asText).containsExactly("Profile");
        assertThat(issuer.get("id").asText()).endsWith("/api/v1/keys?province=" + world.province);
        assertThat(issuer.get("name").asText()).startsWith("Tỉnh Thử Nghiệm ");

        JsonNode subject = vc.get("credentialSubject");
        assertThat(subject.get("type")).extracting(JsonNode::asText).containsExactly("AchievementSubject");
        JsonNode holder = subject.get("identifier").get(0);
        assertThat(holder.get("type").asText()).isEqualTo("IdentityObject");
        assertThat(holder.get("identityType").asText()).isEqualTo("name");
        assertThat(holder.get("hashed").asBoolean()).isFalse();
        String name = holder.get("identityHash").asText();
        assertThat(name).isEqualTo("Nguyễn Thị Hoà").isEqualTo(certificate.get("holderName").asText());
        assertThat(Normalizer.isNormalized(name, Normalizer.Form.NFC)).isTrue();
        LocalDate day = LocalDate.parse(certificate.get("startDate").asText());
        assertThat(subject.get("activityStartDate").asText()).isEqualTo(day + "T00:00:00+07:00");
        assertThat(subject.get("activityEndDate").asText()).isEqualTo(day + "T23:59:59+07:00");

        JsonNode achievement = subject.get("achievement");
        assertThat(achievement.get("type")).extracting(JsonNode::asText).containsExactly("Achievement");
        assertThat(achievement.get("id").asText()).isEqualTo("urn:uuid:" + certificate.get("courseId").asText());
        assertThat(achievement.get("name").asText()).isEqualTo(CertificateFixtures.TITLE);
        assertThat(achievement.get("description").asText()).contains(CertificateFixtures.TITLE, "(16 giờ)",
                ORGANISER, String.format("%02d/%02d/%d", day.getDayOfMonth(), day.getMonthValue(), day.getYear()));
        assertThat(achievement.get("criteria").get("narrative").asText()).contains("ít nhất 80% số buổi học");
        assertThat(achievement.get("creator").get("name").asText()).isEqualTo(ORGANISER);

        JsonNode status = vc.get("credentialStatus");
        assertThat(status.get("type").asText()).isEqualTo("BitstringStatusListEntry");
        assertThat(status.get("statusPurpose").asText()).isEqualTo("revocation");
        assertThat(status.get("statusListIndex").asText()).isEqualTo(String.valueOf(counter(number)));
        assertThat(status.get("statusListCredential").asText()).endsWith(
                "/api/v1/public/certificates/status-list/" + world.province + "/" + number.split("-")[1]);
    }

    @Test
    void theBadgeSaysNothingElseAboutThePerson() {
        JsonNode certificate = certificateOfHoa();
        JsonNode vc = badge(certificate.get("number").asText());
        assertThat(fields(vc)).containsExactlyInAnyOrder("@context", "id", "type", "name", "issuer", "validFrom",
                "credentialSubject", "credentialStatus");
        assertThat(fields(vc.get("credentialSubject"))).containsExactlyInAnyOrder("type", "identifier",
                "activityStartDate", "activityEndDate", "achievement");
        assertThat(vc.get("credentialSubject").get("identifier")).hasSize(1);
        String text = vc.toString();
        assertThat(text).doesNotContain(certificate.get("participantId").asText(), "987654321", "1985-04-12",
                "12/04/1985", "Xã Nam Mẫu", "female", "cccd");
        // no birth year: in nothing but identifiers (whose hex digits could hold any four)
        List<String> words = new ArrayList<>();
        texts(vc, words);
        assertThat(words).noneMatch(w -> w.contains("1985")).noneMatch(w -> w.endsWith("417"));
    }

    /** Every text in the JSON, but the values of ids. */
    private static void texts(JsonNode node, List<String> into) {
        node.fields().forEachRemaining(f -> {
            if (f.getValue().isTextual() && !f.getKey().equals("id")) {
                into.add(f.getValue().asText());
            }
        });
        node.elements().forEachRemaining(child -> texts(child, into));
        if (node.isTextual()) {
            into.add(node.asText());
        }
    }

    @Test
    void theSignedBadgeVerifiesWithTheProvincesPublishedKeyAndCarriesTheSameCredential() throws Exception {
        String number = certificateOfHoa().get("number").asText();
        JsonNode vc = badge(number);
        String jws = signedBadge(world.organizer, badgePath(number, "jwt"));

        JWSObject parsed = JWSObject.parse(jws);
        assertThat(parsed.getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
        assertThat(parsed.getHeader().getType()).isEqualTo(new JOSEObjectType("vc+jwt"));
        assertThat(parsed.getHeader().getKeyID()).startsWith(world.province + "-");
        assertThat(verifies(jws)).isTrue();

        ObjectNode payload = (ObjectNode) payload(jws);
        assertThat(payload.remove("iss").asText()).isEqualTo(vc.get("issuer").get("id").asText());
        assertThat(payload.remove("jti").asText()).isEqualTo(vc.get("id").asText());
        assertThat(payload.remove("nbf").asLong())
                .isEqualTo(Instant.parse(vc.get("validFrom").asText()).getEpochSecond());
        assertThat(payload).isEqualTo(vc);
        assertThat(jws).as("signed again, the same").isEqualTo(signedBadge(world.organizer, badgePath(number, "jwt")));

        String[] parts = jws.split("\\.");
        int at = parts[1].length() / 2;
        String changed = parts[0] + "." + parts[1].substring(0, at) + (parts[1].charAt(at) == 'A' ? 'B' : 'A')
                + parts[1].substring(at + 1) + "." + parts[2];
        assertThat(verifies(changed)).isFalse();
    }

    @Test
    void onlyThoseWhoMayReadTheCertificateExportIt() {
        String number = certificateOfHoa().get("number").asText();
        World other = World.create();
        for (String extension : List.of("json", "jwt")) {
            String path = badgePath(number, extension);
            assertThat(other.organizer.get(path).status()).as("another province's organiser").isEqualTo(404);
            assertThat(world.trainer.get(path).status()).as("a trainer not assigned to the course").isEqualTo(404);
            assertThat(anyone.get(path).status()).isEqualTo(401);
            assertThat(world.reporter.get(path).status()).isEqualTo(200);
            assertThat(world.organizer.get(badgePath("06-2026-999999", extension)).status()).isEqualTo(404);
            assertThat(world.organizer.get(badgePath("not-a-number", extension)).status()).isEqualTo(404);
        }
        CertificateFixtures.Course inB = CertificateFixtures.completedCourse(world, world.districtB, 1);
        UUID lan = Fixtures.participant(world, "Hoàng Thị Lan", "female", world.communeB1);
        Fixtures.enroll(world, inB.id(), lan);
        CertificateFixtures.attend(world, inB, 0, lan);
        String inBNumber = CertificateFixtures.issuedTo(world, inB, lan).get("number").asText();
        assertThat(world.districtOrganizer.get(badgePath(inBNumber, "json")).status())
                .as("district A's organiser, a certificate of district B").isEqualTo(404);
    }

    @Test
    void aRevokedCertificateIsNotExportedAndItsBitIsSetInTheStatusList() throws Exception {
        String number = certificateOfHoa().get("number").asText();
        String list = badge(number).get("credentialStatus").get("statusListCredential").asText();
        String listPath = list.substring(list.indexOf("/api/v1/"));
        String before = statusList(listPath);
        assertThat(verifies(before)).isTrue();
        assertThat(JWSObject.parse(before).getHeader().getType()).isEqualTo(new JOSEObjectType("vc+jwt"));
        JsonNode listVc = payload(before);
        assertThat(listVc.get("type")).extracting(JsonNode::asText)
                .containsExactly("VerifiableCredential", "BitstringStatusListCredential");
        assertThat(listVc.get("id").asText()).isEqualTo(list);
        assertThat(listVc.get("issuer").asText()).isEqualTo(badge(number).get("issuer").get("id").asText());
        assertThat(listVc.get("credentialSubject").get("statusPurpose").asText()).isEqualTo("revocation");
        byte[] bits = bitstring(listVc);
        assertThat(bits.length * 8).isEqualTo(131_072);
        assertThat(bit(bits, counter(number))).isZero();

        assertThat(world.organizer.post("/api/v1/certificates/" + number + "/revoke",
                Map.of("reason", "Cấp nhầm người")).status()).isEqualTo(200);
        for (String extension : List.of("json", "jwt")) {
            Api.Res refused = world.organizer.get(badgePath(number, extension));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("code").asText()).isEqualTo("certificate_revoked");
        }
        byte[] after = bitstring(payload(statusList(listPath)));
        assertThat(bit(after, counter(number))).isOne();
        int set = 0;
        for (byte b : after) {
            set += Integer.bitCount(b & 0xff);
        }
        assertThat(set).as("bits set").isOne();
    }

    @Test
    void aStatusListExistsOnlyForAProvinceAndYearWithCertificates() {
        String number = certificateOfHoa().get("number").asText();
        String year = number.split("-")[1];
        String base = "/api/v1/public/certificates/status-list/";
        assertThat(anyone.get(base + world.province + "/" + year).status()).isEqualTo(200);
        assertThat(anyone.get(base + world.province + "/" + (Integer.parseInt(year) - 1)).status()).isEqualTo(404);
        assertThat(anyone.get(base + World.create().province + "/" + year).status()).isEqualTo(404);
        assertThat(anyone.get(base + "abc/" + year).status()).isEqualTo(404);
        assertThat(anyone.get(base + world.province + "/26").status()).isEqualTo(404);
    }

    @Test
    void aCardHolderGetsTheSignedBadgeOfTheirOwnCertificatesOnly() throws Exception {
        JsonNode certificate = certificateOfHoa();
        String number = certificate.get("number").asText();
        String token = world.organizer.get("/api/v1/participants/" + certificate.get("participantId").asText()
                + "/card").json().get("token").asText();
        JsonNode link = anyone.get("/api/v1/public/cards/" + token).json().get("certificates").get(0);
        String badgeUrl = link.get("badgeUrl").asText();
        assertThat(badgeUrl).isEqualTo("/api/v1/public/cards/" + token + "/certificates/" + number + "/badge.jwt");
        Api.Res mine = anyone.get(badgeUrl);
        assertThat(mine.header("Cache-Control")).isEqualTo("no-store");
        assertThat(mine.body()).isEqualTo(signedBadge(world.organizer, badgePath(number, "jwt")));
        assertThat(verifies(mine.body())).isTrue();
        Api.Res json = anyone.get(badgeUrl.replace(".jwt", ".json"));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json()).isEqualTo(badge(number));
        assertThat(anyone.get("/card/" + token).body()).contains(badgeUrl);

        CertificateFixtures.Course other = CertificateFixtures.completedCourse(world, 1);
        UUID lan = Fixtures.participant(world, "Hoàng Thị Lan", "female", world.communeA2);
        Fixtures.enroll(world, other.id(), lan);
        CertificateFixtures.attend(world, other, 0, lan);
        String lans = CertificateFixtures.issuedTo(world, other, lan).get("number").asText();
        assertThat(anyone.get("/api/v1/public/cards/" + token + "/certificates/" + lans + "/badge.jwt").status())
                .as("someone else's certificate with Hoà's card").isEqualTo(404);

        world.organizer.post("/api/v1/certificates/" + number + "/revoke", Map.of("reason", "Cấp nhầm người"));
        assertThat(anyone.get("/api/v1/public/cards/" + token).json().get("certificates").get(0)
                .get("badgeUrl").isNull()).isTrue();
        assertThat(anyone.get(badgePath(number, "jwt").replace("/api/v1/certificates/",
                "/api/v1/public/cards/" + token + "/certificates/")).status()).isEqualTo(409);
    }

    private String statusList(String path) {
        Api.Res res = anyone.get(path);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.header("Cache-Control")).isEqualTo("public, max-age=300");
        return res.body();
    }

    private static int counter(String number) {
        return Integer.parseInt(number.split("-")[2]);
    }

    /** The status list's bits: multibase base64url ("u"), then GZIP. */
    private static byte[] bitstring(JsonNode statusListCredential) throws IOException {
        String encoded = statusListCredential.get("credentialSubject").get("encodedList").asText();
        assertThat(encoded).startsWith("u");
        byte[] compressed = Base64.getUrlDecoder().decode(encoded.substring(1));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    /** Bit i, counted from the high bit of the first byte. */
    private static int bit(byte[] bits, int i) {
        return (bits[i >>> 3] >>> (7 - (i & 7))) & 1;
    }
}
