package vn.bdg.registry.attendance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.card.Ed25519;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.bdg.registry.db.Tables.CHECK_IN;

/** One test per outcome of a scan, and the rules around them. */
class CheckInIT {
    private final World world = World.create();
    private final UUID course = Fixtures.courseToday(world, world.districtA);
    private final UUID session = Fixtures.sessionNow(world, course);
    private final UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);
    private final UUID trainer;

    CheckInIT() {
        Fixtures.enroll(world, course, hoa);
        Fixtures.assignTrainer(world, course, world.trainer);
        trainer = UUID.fromString(world.trainer.get("/api/v1/me").json().get("id").asText());
    }

    private String cardOf(UUID participant) {
        Api.Res card = world.organizer.get("/api/v1/participants/" + participant + "/card");
        assertThat(card.status()).as(card.body()).isEqualTo(200);
        return card.json().get("token").asText();
    }

    /** A manual check-in, after a name search: the person's id instead of a card. */
    private static Map<String, Object> manual(UUID person) {
        Map<String, Object> body = scan(null);
        body.remove("qr");
        body.put("participantId", person.toString());
        body.put("method", "manual");
        return body;
    }

    static Map<String, Object> scan(String qr) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientScanId", UUID.randomUUID().toString());
        body.put("qr", qr);
        body.put("method", "qr");
        body.put("scannedAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString());
        body.put("deviceId", "phone-1");
        return body;
    }

    private JsonNode checkIn(Api api, UUID sessionId, Map<String, Object> body) {
        Api.Res res = api.post("/api/v1/sessions/" + sessionId + "/check-ins", body);
        assertThat(res.status()).as(res.body()).isIn(200, 201);
        return res.json();
    }

    @Test
    void anEnrolledPersonsCardIsAcceptedWithTheirNameAndUnitForTheTrainerToMatchTheFace() {
        JsonNode result = checkIn(world.trainer, session, scan(cardOf(hoa)));
        assertThat(result.get("outcome").asText()).isEqualTo("accepted");
        assertThat(result.get("participant").get("fullName").asText()).isEqualTo("Nguyễn Thị Hoà");
        assertThat(result.get("participant").get("unitCode").asText()).isEqualTo(world.communeA1);
        assertThat(result.get("checkIn").get("sessionId").asText()).isEqualTo(session.toString());
        assertThat(result.get("checkIn").get("receivedAt").isNull()).isFalse();
        assertThat(result.get("replayed").asBoolean()).isFalse();
    }

    @Test
    void theSameClientScanIdSentAgainReturnsTheStoredAnswerAndChangesNothing() {
        Map<String, Object> body = scan(cardOf(hoa));
        JsonNode first = checkIn(world.trainer, session, body);
        Api.Res again = world.trainer.post("/api/v1/sessions/" + session + "/check-ins", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("outcome").asText()).isEqualTo("accepted");
        // the whole answer, times to the microsecond included, is the one given the first time
        assertThat(again.json().get("checkIn")).isEqualTo(first.get("checkIn"));
        assertThat(again.json().get("participant")).isEqualTo(first.get("participant"));
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(attendanceCount()).isEqualTo(1);
    }

    @Test
    void aSecondScanOfThePersonSaysWhenAndByWhomTheFirstWasMade() {
        JsonNode first = checkIn(world.trainer, session, scan(cardOf(hoa)));
        Map<String, Object> secondScan = scan(cardOf(hoa));
        JsonNode second = checkIn(world.organizer, session, secondScan);
        assertThat(second.get("outcome").asText()).isEqualTo("already_checked_in");
        assertThat(second.get("firstCheckIn").get("id")).isEqualTo(first.get("checkIn").get("id"));
        assertThat(second.get("firstCheckIn").get("scannedBy").asText()).isEqualTo(trainer.toString());
        assertThat(second.get("firstCheckIn").get("deviceId").asText()).isEqualTo("phone-1");
        assertThat(second.get("firstCheckIn").get("scannedAt").asText())
                .isEqualTo(first.get("checkIn").get("scannedAt").asText());
        assertThat(attendanceCount()).isEqualTo(1);
        // resent, the refusal comes back exactly as it was first given
        JsonNode again = checkIn(world.organizer, session, secondScan);
        assertThat(again.get("firstCheckIn")).isEqualTo(second.get("firstCheckIn"));
        assertThat(again.get("checkIn")).isEqualTo(second.get("checkIn"));
    }

    @Test
    void theDatabaseKeepsAStoredScanInItsSessionsProvince() {
        JsonNode stored = checkIn(world.trainer, session, scan(cardOf(hoa)));
        UUID checkInId = UUID.fromString(stored.get("checkIn").get("id").asText());
        String otherProvince = World.create().province;
        var dsl = TestServer.get().database.dsl();
        assertThatThrownBy(() -> dsl.update(CHECK_IN).set(CHECK_IN.PROVINCE_CODE, otherProvince)
                .where(CHECK_IN.ID.eq(checkInId)).execute())
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.sqlState()).isEqualTo("23503"));
        assertThat(dsl.fetchValue(CHECK_IN.PROVINCE_CODE, CHECK_IN.ID.eq(checkInId))).isEqualTo(world.province);
    }

    @Test
    void someoneNotEnrolledIsRefusedAndTheRefusalIsStored() {
        UUID walkIn = Fixtures.participant(world, "Hoàng Văn Minh", "male", world.communeA2);
        Map<String, Object> body = scan(cardOf(walkIn));
        JsonNode result = checkIn(world.trainer, session, body);
        assertThat(result.get("outcome").asText()).isEqualTo("not_enrolled");
        assertThat(result.get("participant").get("fullName").asText()).isEqualTo("Hoàng Văn Minh");
        assertThat(result.get("checkIn").get("outcome").asText()).isEqualTo("not_enrolled");
        JsonNode again = world.trainer.post("/api/v1/sessions/" + session + "/check-ins", body).json();
        assertThat(again.get("outcome").asText()).isEqualTo("not_enrolled");
        assertThat(again.get("replayed").asBoolean()).isTrue();
    }

    @Test
    void scansOutsideTheSessionWindowOrOfACourseNotOpenAreRefused() {
        Map<String, Object> yesterday = scan(cardOf(hoa));
        yesterday.put("scannedAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).minusDays(1).toString());
        assertThat(checkIn(world.trainer, session, yesterday).get("outcome").asText()).isEqualTo("session_not_open");

        UUID draft = Fixtures.course(world, world.districtA, "draft", java.time.LocalDate.now(Fixtures.VIETNAM),
                java.time.LocalDate.now(Fixtures.VIETNAM));
        UUID draftSession = Fixtures.sessionNow(world, draft);
        Fixtures.enroll(world, draft, hoa);
        assertThat(checkIn(world.organizer, draftSession, scan(cardOf(hoa))).get("outcome").asText())
                .isEqualTo("session_not_open");
        assertThat(attendanceCount()).isZero();
    }

    @Test
    void forgedTruncatedTamperedAndForeignCardsAreInvalid() {
        String genuine = cardOf(hoa);
        String[] parts = genuine.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"typ\":\"card\",\"iss\":\"" + world.province + "\",\"sub\":\"" + UUID.randomUUID()
                        + "\",\"ver\":1}").getBytes(StandardCharsets.UTF_8));
        String kid = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                .replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
        byte[][] attackerKey = Ed25519.newKeyPair();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("typ", "card");
        claims.put("iss", world.province);
        claims.put("sub", hoa.toString());
        claims.put("ver", 1);
        String resigned = Ed25519.sign(kid, attackerKey[0], claims);

        World otherProvince = World.create();
        UUID stranger = Fixtures.participant(otherProvince, "Lý Thị Mai", "female", otherProvince.communeA1);
        String foreign = otherProvince.organizer.get("/api/v1/participants/" + stranger + "/card").json()
                .get("token").asText();

        for (String bad : List.of("not a card", genuine.substring(0, genuine.length() - 5),
                parts[0] + "." + otherPayload + "." + parts[2], resigned, foreign, parts[0] + "." + parts[1] + ".")) {
            assertThat(checkIn(world.trainer, session, scan(bad)).get("outcome").asText()).as(bad)
                    .isEqualTo("invalid_card");
        }
        assertThat(attendanceCount()).isZero();
    }

    private static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCardReadWithSpacesAroundItIsTheCardAsThePhoneJudgesIt() {
        // a scanner app or keyboard wedge may add a no-break space, a byte-order mark or a line
        // break; the phone's offline check trims them (JavaScript's trim), so the server does too
        String card = "\uFEFF" + cardOf(hoa) + "\u00A0\r\n";
        assertThat(checkIn(world.trainer, session, scan(card)).get("outcome").asText()).isEqualTo("accepted");
    }

    @Test
    void aCardWhoseHeaderIsJsonNullIsInvalidLiveAndInABatchNotAServerError() {
        // "null" is JSON, but no JWS header: the parser used to fail on it with a NullPointerException
        String[] parts = cardOf(hoa).split("\\.");
        String nullHeader = base64url("null") + "." + parts[1] + "." + parts[2];
        for (String bad : List.of(nullHeader, base64url("null") + "." + parts[1] + ".")) {
            assertThat(checkIn(world.trainer, session, scan(bad)).get("outcome").asText()).as(bad)
                    .isEqualTo("invalid_card");
        }
        Map<String, Object> offline = scan(nullHeader);
        offline.put("sessionId", session.toString());
        Api.Res batch = world.trainer.post("/api/v1/check-ins/batch", Map.of("items", List.of(offline)));
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json().get("items").get(0).get("outcome").asText()).isEqualTo("invalid_card");
        assertThat(attendanceCount()).isZero();
    }

    @Test
    void aCardWhoseKeyIdHoldsTheNulCharacterIsInvalidNotAServerError() {
        // JSON allows "\u0000" in the kid; PostgreSQL's text cannot hold it, so looking the key up failed the scan
        String[] parts = cardOf(hoa).split("\\.");
        String nulKid = base64url("{\"kid\":\"\\u0000\",\"alg\":\"EdDSA\"}") + "." + parts[1] + "." + parts[2];
        assertThat(checkIn(world.trainer, session, scan(nulKid)).get("outcome").asText()).isEqualTo("invalid_card");
        Map<String, Object> offline = scan(nulKid);
        offline.put("sessionId", session.toString());
        Api.Res batch = world.trainer.post("/api/v1/check-ins/batch", Map.of("items", List.of(offline)));
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json().get("items").get(0).get("outcome").asText()).isEqualTo("invalid_card");
        assertThat(Api.anonymous().get("/api/v1/public/cards/" + nulKid).status()).isEqualTo(404);
        Api.Res verify = Api.anonymous().post("/api/v1/public/credentials/verify", Map.of("credential", nulKid));
        assertThat(verify.status()).as(verify.body()).isEqualTo(200);
        assertThat(verify.json().get("valid").asBoolean()).isFalse();
        assertThat(attendanceCount()).isZero();
    }

    @Test
    void aRevokedCardIsRefusedAndItsReplacementAccepted() {
        String lost = cardOf(hoa);
        Api.Res reissued = world.organizer.post("/api/v1/participants/" + hoa + "/card/revoke",
                Map.of("reason", "Mất thẻ"));
        assertThat(reissued.status()).isEqualTo(200);
        assertThat(reissued.json().get("version").asInt()).isEqualTo(2);
        assertThat(checkIn(world.trainer, session, scan(lost)).get("outcome").asText()).isEqualTo("revoked_card");
        assertThat(checkIn(world.trainer, session, scan(reissued.json().get("token").asText())).get("outcome").asText())
                .isEqualTo("accepted");
    }

    @Test
    void aManualCheckInAfterANameSearchWorksWithoutACard() {
        JsonNode result = checkIn(world.trainer, session, manual(hoa));
        assertThat(result.get("outcome").asText()).isEqualTo("accepted");
        assertThat(result.get("checkIn").get("method").asText()).isEqualTo("manual");
        assertThat(result.get("participant").get("fullName").asText()).isEqualTo("Nguyễn Thị Hoà");
    }

    @Test
    void aCheckInByIdOfSomeoneOffTheRosterDoesNotTellTheirNameOrUnit() {
        // an id typed on the phone is not a person holding out their card: no reading people outside the rosters
        UUID stranger = Fixtures.participant(world, "Hoàng Văn Minh", "male", world.communeA2);
        for (String method : List.of("manual", "walk_in")) {
            Map<String, Object> body = manual(stranger);
            body.put("method", method);
            JsonNode result = checkIn(world.trainer, session, body);
            assertThat(result.get("outcome").asText()).isEqualTo("not_enrolled");
            assertThat(result.get("participant").isNull()).as(method + ": " + result).isTrue();
            JsonNode again = world.trainer.post("/api/v1/sessions/" + session + "/check-ins", body).json();
            assertThat(again.get("replayed").asBoolean()).isTrue();
            assertThat(again.get("participant").isNull()).as(method + ": " + again).isTrue();
        }
    }

    @Test
    void aSessionWithScansIsNotDeletedTheScansAreEvidence() {
        UUID tomorrow = Fixtures.session(world, course, LocalDate.now(ZoneOffset.ofHours(7)).plusDays(1),
                LocalTime.of(8, 0), LocalTime.of(11, 0));
        JsonNode early = checkIn(world.trainer, tomorrow, scan(cardOf(hoa)));
        assertThat(early.get("outcome").asText()).as("a refused scan is stored too").isEqualTo("session_not_open");

        Api.Res delete = world.organizer.delete("/api/v1/sessions/" + tomorrow);
        assertThat(delete.status()).as(delete.body()).isEqualTo(409);
        assertThat(delete.json().get("code").asText()).isEqualTo("session_has_records");
        assertThat(world.organizer.get("/api/v1/sessions/" + tomorrow).status()).isEqualTo(200);
        assertThat(TestServer.get().database.dsl().fetchCount(CHECK_IN, CHECK_IN.SESSION_ID.eq(tomorrow)))
                .isEqualTo(1);

        UUID empty = Fixtures.session(world, course, LocalDate.now(ZoneOffset.ofHours(7)).plusDays(1),
                LocalTime.of(13, 0), LocalTime.of(16, 0));
        assertThat(world.organizer.delete("/api/v1/sessions/" + empty).status()).isEqualTo(204);
    }

    @Test
    void theCardOfAMergedDuplicateCountsForTheRecordItWasMergedInto() {
        UUID duplicate = Fixtures.participant(world, "Nguyễn Thị Hòa", "female", world.communeA1);
        String oldCard = cardOf(duplicate);
        Fixtures.mergeInto(duplicate, hoa);
        JsonNode result = checkIn(world.trainer, session, scan(oldCard));
        assertThat(result.get("outcome").asText()).isEqualTo("accepted");
        assertThat(result.get("participant").get("id").asText()).isEqualTo(hoa.toString());
    }

    @Test
    void aCardOfARecordMergedThroughALongChainCountsAsTheRosterSaysItDoes() {
        // six duplicates merged one into the next over the years, the last into hoa: the roster
        // tells phones that the oldest badge is hoa's, and the server must judge it the same way
        List<UUID> chain = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            chain.add(Fixtures.participant(world, "Nguyễn Thị Hoà " + i, "female", world.communeA1));
        }
        String oldestCard = cardOf(chain.get(0));
        for (int i = 0; i < chain.size(); i++) {
            Fixtures.mergeInto(chain.get(i), i + 1 < chain.size() ? chain.get(i + 1) : hoa);
        }
        JsonNode roster = world.trainer.get("/api/v1/sessions/" + session + "/roster").json();
        assertThat(roster.get("aliases")).extracting(a -> a.get("cardParticipantId").asText() + ">"
                + a.get("participantId").asText()).contains(chain.get(0) + ">" + hoa);

        JsonNode result = checkIn(world.trainer, session, scan(oldestCard));
        assertThat(result.get("outcome").asText()).isEqualTo("accepted");
        assertThat(result.get("participant").get("id").asText()).isEqualTo(hoa.toString());
    }

    @Test
    void revokingAPersonsCardRevokesTheCardsOfRecordsMergedIntoTheirsAndPhonesAreToldSo() {
        // an older duplicate merged into another that was merged into hoa later: its badge is hoa's
        UUID older = Fixtures.participant(world, "Nguyễn T. Hoà", "female", world.communeA1);
        UUID duplicate = Fixtures.participant(world, "Nguyễn Thị Hòa", "female", world.communeA1);
        String olderCard = cardOf(older);
        Fixtures.mergeInto(older, duplicate);
        Fixtures.mergeInto(duplicate, hoa);
        JsonNode roster = world.trainer.get("/api/v1/sessions/" + session + "/roster").json();
        assertThat(roster.get("aliases")).extracting(a -> a.get("cardParticipantId").asText() + ">"
                + a.get("participantId").asText()).contains(older + ">" + hoa);

        // the old badge is lost: the organiser revokes the person's card (the merged records have no page of their own)
        assertThat(world.organizer.post("/api/v1/participants/" + hoa + "/card/revoke", Map.of("reason", "Mất thẻ"))
                .status()).isEqualTo(200);
        assertThat(checkIn(world.trainer, session, scan(olderCard)).get("outcome").asText()).isEqualTo("revoked_card");
        roster = world.trainer.get("/api/v1/sessions/" + session + "/roster").json();
        assertThat(roster.get("revokedCards")).extracting(r -> r.get("participantId").asText() + "/"
                + r.get("version").asInt()).contains(older + "/1", hoa + "/1");
        assertThat(checkIn(world.trainer, session, scan(cardOf(hoa))).get("outcome").asText()).isEqualTo("accepted");
    }

    @Test
    void onlyAssignedTrainersAndManagersInScopeMayScan() {
        UUID otherCourse = Fixtures.courseToday(world, world.districtB);
        UUID otherSession = Fixtures.sessionNow(world, otherCourse);
        Fixtures.enroll(world, otherCourse, hoa);
        Api.Res notAssigned = world.trainer.post("/api/v1/sessions/" + otherSession + "/check-ins", scan(cardOf(hoa)));
        assertThat(notAssigned.status()).isEqualTo(404);
        Api.Res otherDistrict = world.districtOrganizer.post("/api/v1/sessions/" + otherSession + "/check-ins",
                scan(cardOf(hoa)));
        assertThat(otherDistrict.status()).isEqualTo(404);
        assertThat(world.reporter.post("/api/v1/sessions/" + session + "/check-ins", scan(cardOf(hoa))).status())
                .isEqualTo(403);
        assertThat(World.create().organizer.post("/api/v1/sessions/" + session + "/check-ins", scan(cardOf(hoa)))
                .status()).isEqualTo(404);
        assertThat(world.trainer.get("/api/v1/sessions/" + otherSession + "/roster").status()).isEqualTo(404);
    }

    @Test
    void badScanRequestsAreNamedField400s() {
        Map<String, Object> both = scan(cardOf(hoa));
        both.put("participantId", hoa.toString());
        Api.Res res = world.trainer.post("/api/v1/sessions/" + session + "/check-ins", both);
        assertThat(res.status()).isEqualTo(400);
        Map<String, Object> noTime = scan(cardOf(hoa));
        noTime.remove("scannedAt");
        noTime.put("method", "telepathy");
        JsonNode errors = world.trainer.post("/api/v1/sessions/" + session + "/check-ins", noTime).json().get("errors");
        assertThat(errors).extracting(e -> e.get("field").asText()).contains("scannedAt", "method");
        assertThat(attendanceCount()).isZero();
    }

    @Test
    void twoPhonesScanningThePersonAtTheSameInstantGiveOneAcceptedAndOneAlreadyCheckedIn() throws Exception {
        String card = cardOf(hoa);
        for (int round = 0; round < 5; round++) {
            UUID s = Fixtures.sessionNow(world, course);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<String>> phones = List.of(world.trainer, world.organizer).stream()
                    .map(api -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return checkIn(api, s, scan(card)).get("outcome").asText();
                    })).toList();
            start.countDown();
            assertThat(phones.stream().map(CompletableFuture::join).toList())
                    .containsExactlyInAnyOrder("accepted", "already_checked_in");
        }
    }

    @Test
    void undoingAMistakenScanEndsTheAttendanceAndIsAudited() {
        Map<String, Object> mistaken = scan(cardOf(hoa));
        JsonNode result = checkIn(world.trainer, session, mistaken);
        assertThat(result.get("checkIn").get("undoneAt").isNull()).isTrue();
        String id = result.get("checkIn").get("id").asText();
        assertThat(world.trainer.delete("/api/v1/check-ins/" + id).status()).isEqualTo(204);
        assertThat(attendanceCount()).isZero();
        assertThat(world.trainer.delete("/api/v1/check-ins/" + id).status()).isEqualTo(409);
        // the phone sending the scan again learns it was undone: accepted as stored, but no longer standing
        JsonNode resent = world.trainer.post("/api/v1/sessions/" + session + "/check-ins", mistaken).json();
        assertThat(resent.get("replayed").asBoolean()).isTrue();
        assertThat(resent.get("checkIn").get("undoneAt").isNull()).as(resent.toString()).isFalse();
        assertThat(attendanceCount()).isZero();
        assertThat(checkIn(world.trainer, session, scan(cardOf(hoa))).get("outcome").asText()).isEqualTo("accepted");
        JsonNode audit = world.admin.get("/api/v1/audit-log?entity=check_in&entityId=" + id).json().get("items");
        assertThat(audit).extracting(a -> a.get("action").asText()).containsExactly("undo");
    }

    @Test
    void theRosterHasEverythingForOfflineScanningAndCostsA304WhenUnchanged() {
        String lost = cardOf(hoa);
        world.organizer.post("/api/v1/participants/" + hoa + "/card/revoke", Map.of("reason", "Mất thẻ"));
        Api.Res roster = world.trainer.get("/api/v1/sessions/" + session + "/roster");
        assertThat(roster.status()).isEqualTo(200);
        JsonNode body = roster.json();
        assertThat(body.get("participants")).extracting(p -> p.get("fullName").asText()).containsExactly("Nguyễn Thị Hoà");
        assertThat(body.get("revokedCards").get(0).get("version").asInt()).isEqualTo(1);
        assertThat(body.get("provinceCode").asText()).isEqualTo(world.province);
        assertThat(body.get("clockToleranceSeconds").asLong()).isEqualTo(900);

        String etag = roster.header("ETag");
        Api.Res unchanged = world.trainer.withHeader("If-None-Match", etag).get("/api/v1/sessions/" + session + "/roster");
        assertThat(unchanged.status()).isEqualTo(304);
        // compared weakly over the list (RFC 9110): a proxy that weakens the tag, a client naming several copies
        for (String ifNoneMatch : List.of("W/" + etag, "\"other\", " + etag, "*")) {
            assertThat(world.trainer.withHeader("If-None-Match", ifNoneMatch)
                    .get("/api/v1/sessions/" + session + "/roster").status()).as(ifNoneMatch).isEqualTo(304);
        }
        checkIn(world.trainer, session, scan(cardOf(hoa)));
        Api.Res changed = world.trainer.withHeader("If-None-Match", etag).get("/api/v1/sessions/" + session + "/roster");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("checkedIn").get(0).get("participantId").asText()).isEqualTo(hoa.toString());
        assertThat(lost).isNotEqualTo(cardOf(hoa));
    }

    /**
     * The digest by which the province's list names a revoked card, computed as openapi.yaml tells
     * any client to (RevokedCardDigests), from the card's own payload: base64url of the first 16
     * bytes of SHA-256 over "card:<iss>:<sub>:<ver>".
     */
    private static String revocationDigest(String cardToken) throws Exception {
        JsonNode claims = new ObjectMapper()
                .readTree(Base64.getUrlDecoder().decode(cardToken.split("\\.")[1]));
        String text = "card:" + claims.get("iss").asText() + ":" + claims.get("sub").asText() + ":" + claims.get("ver").asInt();
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256, 16));
    }

    @Test
    void aRevokedCardOfSomeoneNotOnTheRosterIsRevokedAndThePhonesListHasItsDigestNotWhoseItIs() throws Exception {
        UUID stranger = Fixtures.participant(world, "Lý Văn Khánh", "male", world.communeB1);
        String lost = cardOf(stranger);
        world.organizer.post("/api/v1/participants/" + stranger + "/card/revoke", Map.of("reason", "Mất thẻ"));
        // the server refuses the card before it asks whether its holder is enrolled
        assertThat(checkIn(world.trainer, session, scan(lost)).get("outcome").asText()).isEqualTo("revoked_card");
        assertThat(checkIn(world.trainer, session, scan(cardOf(stranger))).get("outcome").asText())
                .isEqualTo("not_enrolled");

        // the roster names only the enrolled people's revocations; the province's list has everyone's,
        // as digests a scanned card is tested against: it names no one outside the trainer's rosters
        JsonNode roster = world.trainer.get("/api/v1/sessions/" + session + "/roster").json();
        assertThat(roster.get("revokedCards")).isEmpty();
        Api.Res list = world.trainer.get("/api/v1/cards/revoked");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("provinceCode").asText()).isEqualTo(world.province);
        assertThat(list.json().get("revokedCardDigests")).extracting(JsonNode::asText)
                .containsExactly(revocationDigest(lost));
        assertThat(list.json().get("revokedCards")).isNull();
        assertThat(list.body()).doesNotContainIgnoringCase(stranger.toString())
                .doesNotContainIgnoringCase(stranger.toString().replace("-", ""))
                .doesNotContainPattern("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        // another province's revocations are not in it, nor this one's in theirs
        World other = World.create();
        UUID elsewhere = Fixtures.participant(other, "Hà Thị Mai", "female", other.communeA1);
        Api.Res elsewhereCard = other.organizer.get("/api/v1/participants/" + elsewhere + "/card");
        other.organizer.post("/api/v1/participants/" + elsewhere + "/card/revoke", Map.of("reason", "Mất thẻ"));
        String elsewhereLost = revocationDigest(elsewhereCard.json().get("token").asText());
        assertThat(other.trainer.get("/api/v1/cards/revoked").json().get("revokedCardDigests"))
                .extracting(JsonNode::asText).containsExactly(elsewhereLost);
        assertThat(world.trainer.get("/api/v1/cards/revoked").json().get("revokedCardDigests"))
                .extracting(JsonNode::asText).containsExactly(revocationDigest(lost));

        // an unchanged list costs a 304
        String etag = list.header("ETag");
        assertThat(world.trainer.withHeader("If-None-Match", etag).get("/api/v1/cards/revoked").status()).isEqualTo(304);
        String hoasLost = cardOf(hoa);
        world.organizer.post("/api/v1/participants/" + hoa + "/card/revoke", Map.of("reason", "Mất thẻ"));
        Api.Res changed = world.trainer.withHeader("If-None-Match", etag).get("/api/v1/cards/revoked");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("revokedCardDigests")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(revocationDigest(lost), revocationDigest(hoasLost));
        assertThat(world.reporter.get("/api/v1/cards/revoked").status()).isEqualTo(403);
    }

    @Test
    void todaysSessionsListWhatTheTrainerMayScan() {
        JsonNode mine = world.trainer.get("/api/v1/me/sessions").json().get("items");
        assertThat(mine).extracting(s -> s.get("id").asText()).containsExactly(session.toString());
        World other = World.create();
        assertThat(other.trainer.get("/api/v1/me/sessions").json().get("items")).isEmpty();
    }

    private int attendanceCount() {
        return world.organizer.get("/api/v1/courses/" + course + "/attendance").json().get("participants").get(0)
                .get("attended").asInt();
    }
}
