package vn.bdg.registry.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.OctetKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.HeldLock;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.Tools;
import vn.bdg.registry.support.World;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.PARTICIPANT_CARD;

/** Cards verify with standard tools, and print to QR codes that readers other than ZXing decode. */
class CardIT {
    private final World world = World.create();
    private final UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);

    private String card(UUID participant) {
        return world.organizer.get("/api/v1/participants/" + participant + "/card").json().get("token").asText();
    }

    private JsonNode jwk(String kid) {
        for (JsonNode key : Api.anonymous().get("/api/v1/keys?province=" + world.province).json().get("keys")) {
            if (key.get("kid").asText().equals(kid)) {
                return key;
            }
        }
        return null;
    }

    private static String kidOf(String token) throws Exception {
        return JWSObject.parse(token).getHeader().getKeyID();
    }

    @Test
    void keyIdsThatNameNoKeyDoNotPileUpInTheKeyCache() {
        // every scan or public card lookup may carry a made-up kid: each used to stay cached for good
        SigningKeys keys = new SigningKeys(TestServer.get().database.dsl());
        for (int i = 0; i < 5_000; i++) {
            assertThat(keys.find("made-up-" + i + "-" + "x".repeat(500))).isEmpty();
        }
        assertThat(keys.cachedKids()).isLessThanOrEqualTo(SigningKeys.MOST_CACHED_MISSES);

        String kid = new String(Base64.getUrlDecoder().decode(card(hoa).split("\\.")[0]), StandardCharsets.UTF_8)
                .replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
        assertThat(keys.find(kid)).as("a real key is found, and cached, however full the cache").isPresent();
        assertThat(keys.cachedKids()).isLessThanOrEqualTo(SigningKeys.MOST_CACHED_MISSES + 1);
    }

    @Test
    void aCardVerifiesWithAStandardJoseLibraryAndThePublishedKey() throws Exception {
        String token = card(hoa);
        JWSObject jws = JWSObject.parse(token);
        assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
        JsonNode key = jwk(jws.getHeader().getKeyID());
        assertThat(key.get("kty").asText()).isEqualTo("OKP");
        assertThat(key.get("crv").asText()).isEqualTo("Ed25519");
        assertThat(key.has("d")).as("never the private key").isFalse();
        assertThat(jws.verify(new Ed25519Verifier(OctetKeyPair.parse(key.toString())))).isTrue();
        assertThat(jws.getPayload().toJSONObject()).containsEntry("sub", hoa.toString()).containsEntry("iss", world.province);
    }

    @Test
    void aCardVerifiesWithOpensslAsTheReadmeShows(@TempDir Path dir) throws Exception {
        Tools.require("openssl", "apt-get install openssl");
        String token = card(hoa);
        String[] parts = token.split("\\.");
        byte[] x = Base64.getUrlDecoder().decode(jwk(kidOf(token)).get("x").asText());
        byte[] der = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(x));
        Files.writeString(dir.resolve("pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n");
        Files.writeString(dir.resolve("msg"), parts[0] + "." + parts[1]);
        Files.write(dir.resolve("sig"), Base64.getUrlDecoder().decode(parts[2]));
        Tools.Run ok = Tools.run(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                "-in", "msg", "-sigfile", "sig");
        assertThat(ok.exitCode()).as(ok.output()).isZero();
        Files.writeString(dir.resolve("msg"), parts[0] + "." + parts[1] + "x");
        assertThat(Tools.run(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                "-in", "msg", "-sigfile", "sig").exitCode()).isNotZero();
    }

    @Test
    void bytesThatAreNoTextCarryNoCharset() {
        Api.Res png = world.organizer.send("GET", "/api/v1/participants/" + hoa + "/badge.png", null, null);
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.header("Content-Type")).isEqualTo("image/png");
        Api.Res xlsx = world.reporter.send("GET", "/api/v1/reports/indicators?format=xlsx&period=2026", null, null);
        assertThat(xlsx.header("Content-Type"))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(world.reporter.send("GET", "/api/v1/reports/indicators?format=csv&period=2026", null, null)
                .header("Content-Type")).as("text keeps its charset").startsWith("text/csv").containsIgnoringCase("charset=utf-8");
    }

    @Test
    void theBadgePngDecodesWithZbarToExactlyTheToken(@TempDir Path dir) throws Exception {
        Tools.require("zbarimg", "apt-get install zbar-tools");
        Files.write(dir.resolve("badge.png"), world.organizer.bytes("/api/v1/participants/" + hoa + "/badge.png"));
        assertThat(Tools.zbar(dir.resolve("badge.png"))).containsExactly(card(hoa));
    }

    @Test
    void theCourseBadgeSheetPrintsEveryoneWithReadableNamesAndDecodableCodes(@TempDir Path dir) throws Exception {
        Tools.require("pdftoppm", "apt-get install poppler-utils");
        Tools.require("zbarimg", "apt-get install zbar-tools");
        UUID course = Fixtures.courseToday(world, world.districtA);
        List<String> names = List.of("Nguyễn Thị Hoà", "Hoàng Văn Đức", "Lương Thị Thuỷ");
        List<String> tokens = new java.util.ArrayList<>();
        for (String name : names) {
            UUID p = name.equals("Nguyễn Thị Hoà") ? hoa : Fixtures.participant(world, name, "female", world.communeA2);
            Fixtures.enroll(world, course, p);
            tokens.add(card(p));
        }
        Path pdf = dir.resolve("badges.pdf");
        Files.write(pdf, world.organizer.bytes("/api/v1/courses/" + course + "/badges.pdf"));
        assertThat(Tools.pdfText(pdf)).contains(names);
        assertThat(Tools.pdfQrCodes(pdf)).containsExactlyInAnyOrderElementsOf(tokens);
    }

    @Test
    void theSignInSheetListsTheRosterWithCodesAndASignedCopyCanBeAttached(@TempDir Path dir) throws Exception {
        Tools.require("pdftoppm", "apt-get install poppler-utils");
        Tools.require("zbarimg", "apt-get install zbar-tools");
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        Fixtures.enroll(world, course, hoa);
        Path pdf = dir.resolve("sheet.pdf");
        Files.write(pdf, world.organizer.bytes("/api/v1/sessions/" + session + "/sign-in-sheet.pdf"));
        assertThat(Tools.pdfText(pdf)).contains("DANH SÁCH KÝ NHẬN THAM DỰ", "Nguyễn Thị Hoà", "Chữ ký");
        assertThat(Tools.pdfQrCodes(pdf)).containsExactly(card(hoa));

        byte[] photo = Files.readAllBytes(pdf);
        Api.Res attached = world.organizer.send("POST", "/api/v1/sessions/" + session + "/sign-in-sheets",
                "application/pdf", photo);
        assertThat(attached.status()).isEqualTo(201);
        assertThat(attached.json().get("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo)));
        JsonNode listed = world.organizer.get("/api/v1/sessions/" + session + "/sign-in-sheets").json().get("items");
        assertThat(listed).hasSize(1);
        assertThat(java.time.OffsetDateTime.parse(listed.get(0).get("uploadedAt").asText()).toInstant())
                .as("the answer's time is the stored one")
                .isEqualTo(java.time.OffsetDateTime.parse(attached.json().get("uploadedAt").asText()).toInstant());
        String sheetId = attached.json().get("id").asText();
        Api.Res stored = world.trainer.send("GET", "/api/v1/sessions/" + session + "/sign-in-sheets/" + sheetId,
                null, null);
        assertThat(stored.status()).as("a trainer not assigned to the course").isEqualTo(404);
        assertThat(world.organizer.bytes("/api/v1/sessions/" + session + "/sign-in-sheets/" + sheetId))
                .isEqualTo(photo);
        assertThat(world.organizer.get("/api/v1/sessions/" + session + "/sign-in-sheets/" + UUID.randomUUID())
                .status()).isEqualTo(404);
        Api.Res notAPng = world.organizer.send("POST", "/api/v1/sessions/" + session + "/sign-in-sheets",
                "image/png", "abc".getBytes(StandardCharsets.UTF_8));
        assertThat(notAPng.status()).isEqualTo(400);
        assertThat(notAPng.json().get("errors").get(0).get("code").asText()).isEqualTo("not_of_content_type");
        assertThat(world.admin.get("/api/v1/audit-log?entity=session&entityId=" + session).json().get("items"))
                .extracting(a -> a.get("action").asText()).contains("attach_sheet");
        assertThat(world.organizer.send("POST", "/api/v1/sessions/" + session + "/sign-in-sheets", "text/plain",
                "hello".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(415);
    }

    @Test
    void aNameTheFontCannotDrawDoesNotCostTheSheetOrTheBadges(@TempDir Path dir) throws Exception {
        Tools.require("pdftotext", "apt-get install poppler-utils");
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        Fixtures.enroll(world, course, hoa);
        Fixtures.enroll(world, course, Fixtures.participant(world, "Lý Thị 王", "female", world.communeA1));
        Path sheet = dir.resolve("sheet.pdf");
        Api.Res res = world.organizer.send("GET", "/api/v1/sessions/" + session + "/sign-in-sheet.pdf", null, null);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        Files.write(sheet, world.organizer.bytes("/api/v1/sessions/" + session + "/sign-in-sheet.pdf"));
        assertThat(Tools.pdfText(sheet)).contains("Nguyễn Thị Hoà", "Lý Thị ?");
        assertThat(world.organizer.send("GET", "/api/v1/courses/" + course + "/badges.pdf", null, null).status())
                .isEqualTo(200);
    }

    @Test
    void rotationKeepsOldCardsValidUntilTheirKeyIsRetired() throws Exception {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        Fixtures.enroll(world, course, hoa);
        String oldCard = card(hoa);
        String oldKid = kidOf(oldCard);

        Api.Res rotated = world.admin.post("/api/v1/keys/rotate", Map.of());
        assertThat(rotated.status()).isEqualTo(201);
        String newKid = rotated.json().get("kid").asText();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(kidOf(card(hoa))).isEqualTo(newKid);
        assertThat(jwk(oldKid).get("signing").asBoolean()).isFalse();
        assertThat(scan(session, oldCard)).isEqualTo("accepted");

        assertThat(world.organizer.post("/api/v1/keys/" + oldKid + "/retire", Map.of()).status()).isEqualTo(403);
        assertThat(World.create().admin.post("/api/v1/keys/" + oldKid + "/retire", Map.of()).status())
                .as("another province cannot retire our key").isEqualTo(404);
        assertThat(world.admin.post("/api/v1/keys/" + oldKid + "/retire", Map.of()).status()).isEqualTo(204);
        assertThat(jwk(oldKid)).isNull();
        UUID nextSession = Fixtures.sessionNow(world, course);
        assertThat(scan(nextSession, oldCard)).isEqualTo("invalid_card");
        assertThat(scan(nextSession, card(hoa))).isEqualTo("accepted");
    }

    private String scan(UUID session, String token) {
        return world.organizer.post("/api/v1/sessions/" + session + "/check-ins", Map.of(
                "clientScanId", UUID.randomUUID().toString(), "qr", token, "method", "qr",
                "scannedAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString(), "deviceId", "d"))
                .json().get("outcome").asText();
    }

    @Test
    void revocationsSentAtTheSameTimeLeaveOneLiveCardAndListEveryOtherAsRevoked() throws Exception {
        // two organisers (or a double tap) revoke the same lost card at once
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        Fixtures.enroll(world, course, hoa);
        card(hoa);
        int revocations = 4;
        ExecutorService organizers = Executors.newFixedThreadPool(revocations);
        List<Integer> issued = new ArrayList<>();
        try {
            CyclicBarrier together = new CyclicBarrier(revocations);
            List<Future<Api.Res>> sent = new ArrayList<>();
            for (int i = 0; i < revocations; i++) {
                sent.add(organizers.submit(() -> {
                    together.await();
                    return world.organizer.post("/api/v1/participants/" + hoa + "/card/revoke",
                            Map.of("reason", "mất thẻ"));
                }));
            }
            for (Future<Api.Res> res : sent) {
                assertThat(res.get().status()).as(res.get().body()).isEqualTo(200);
                issued.add(res.get().json().get("version").asInt());
            }
        } finally {
            organizers.shutdown();
        }
        assertThat(issued).as("each revocation issued its own version").doesNotHaveDuplicates();

        var cards = TestServer.get().database.dsl().selectFrom(PARTICIPANT_CARD)
                .where(PARTICIPANT_CARD.PARTICIPANT_ID.eq(hoa)).fetch();
        assertThat(cards).hasSize(revocations + 1);
        assertThat(cards).filteredOn(c -> c.getRevokedAt() == null).extracting(c -> c.getVersion())
                .as("one live card").containsExactly(revocations + 1);
        JsonNode roster = world.organizer.get("/api/v1/sessions/" + session + "/roster").json();
        assertThat(roster.get("revokedCards")).extracting(r -> r.get("version").asInt())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, revocations).boxed().toList());
    }

    @Test
    void moreCardsAskedForAtOnceThanTheServiceHasConnectionsAreAllAnswered() throws Exception {
        card(hoa); // the province's signing key exists
        int requests = 24; // more than the pool's 16 connections
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        // the test's own transaction (not on the service's connections) holds the person while the
        // requests take every connection of the service, each in the transaction that reads the card
        try (HeldLock holder = HeldLock.take("select 1 from participant where id = '" + hoa + "' for update")) {
            List<Future<Api.Res>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                sent.add(pool.submit(() -> world.organizer.get("/api/v1/participants/" + hoa + "/card")));
            }
            HeldLock.awaitWaiting(16);
            holder.close();
            for (Future<Api.Res> res : sent) {
                assertThat(res.get().status()).as(res.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cardsAndBadgesOfAnotherScopeAreNotFound() {
        UUID inB = Fixtures.participant(world, "Bế Thị Nga", "female", world.communeB1);
        assertThat(world.districtOrganizer.get("/api/v1/participants/" + inB + "/card").status()).isEqualTo(404);
        assertThat(World.create().organizer.get("/api/v1/participants/" + hoa + "/badge.png").status()).isEqualTo(404);
        assertThat(world.trainer.get("/api/v1/participants/" + hoa + "/card").status()).isEqualTo(403);
    }
}
