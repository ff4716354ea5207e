package vn.bdg.registry.attendance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.CHECK_IN;

/** Scans made with no signal and uploaded later: in any order, repeated, from several phones at once. */
class OfflineUploadIT {
    private final World world = World.create();

    private static Map<String, Object> item(UUID session, String qr, OffsetDateTime at, String device) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sessionId", session.toString());
        item.put("clientScanId", UUID.randomUUID().toString());
        item.put("qr", qr);
        item.put("method", "qr");
        item.put("scannedAt", at.toString());
        item.put("deviceId", device);
        return item;
    }

    private String card(UUID participant) {
        return world.organizer.get("/api/v1/participants/" + participant + "/card").json().get("token").asText();
    }

    @Test
    void twentyPhonesUploadingTenThousandShuffledScansThreeTimesEachLeaveExactlyOneAttendancePerPersonAndSession()
            throws Exception {
        Random random = new Random(42);
        UUID course = Fixtures.courseToday(world, world.districtA);
        List<UUID> sessions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sessions.add(Fixtures.sessionNow(world, course));
        }
        List<UUID> people = new ArrayList<>();
        Map<UUID, String> cards = new HashMap<>();
        for (int i = 0; i < 120; i++) {
            UUID p = Fixtures.participant(world, "Học viên " + i, i % 3 == 0 ? "male" : "female", world.communeA1);
            if (i < 100) {
                Fixtures.enroll(world, course, p); // 20 walk-ins are not enrolled
            }
            people.add(p);
            cards.put(p, card(p));
        }
        Fixtures.assignTrainer(world, course, world.trainer);

        // 10,000 scans: many people scanned several times at the same session, by different phones
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
        List<Map<String, Object>> scans = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID session = sessions.get(random.nextInt(sessions.size()));
            UUID person = people.get(random.nextInt(people.size()));
            scans.add(item(session, cards.get(person), now.minusSeconds(random.nextInt(600)), "phone-" + (i % 20)));
            if (people.indexOf(person) < 100) {
                expected.add(session + "/" + person);
            }
        }
        Collections.shuffle(scans, random);
        List<List<Map<String, Object>>> phones = new ArrayList<>();
        for (int phone = 0; phone < 20; phone++) {
            phones.add(scans.subList(phone * 500, (phone + 1) * 500));
        }
        Api[] uploaders = {world.trainer, world.organizer, world.admin};
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<List<JsonNode>>> uploads = new ArrayList<>();
            for (int phone = 0; phone < 20; phone++) {
                List<Map<String, Object>> mine = new ArrayList<>(phones.get(phone));
                Api api = uploaders[phone % uploaders.length];
                long seed = phone;
                uploads.add(pool.submit(() -> {
                    List<JsonNode> answers = new ArrayList<>();
                    Random order = new Random(seed);
                    for (int attempt = 0; attempt < 3; attempt++) {
                        Collections.shuffle(mine, order);
                        Api.Res res = api.post("/api/v1/check-ins/batch", Map.of("items", mine));
                        assertThat(res.status()).as(res.body()).isEqualTo(200);
                        answers.add(res.json());
                    }
                    return answers;
                }));
            }
            for (Future<List<JsonNode>> upload : uploads) {
                List<JsonNode> answers = upload.get();
                // every resend gives each scan the same outcome as its first upload
                Map<String, String> firstOutcomes = new HashMap<>();
                answers.get(0).get("items").forEach(i -> firstOutcomes.put(i.get("clientScanId").asText(),
                        i.get("outcome").asText()));
                for (JsonNode answer : answers.subList(1, 3)) {
                    answer.get("items").forEach(i -> assertThat(i.get("outcome").asText())
                            .isEqualTo(firstOutcomes.get(i.get("clientScanId").asText())));
                }
            }
        } finally {
            pool.shutdown();
        }

        var dsl = TestServer.get().database.dsl();
        Set<String> attendances = new HashSet<>();
        dsl.select(CHECK_IN.SESSION_ID, CHECK_IN.PARTICIPANT_ID).from(CHECK_IN)
                .where(CHECK_IN.SESSION_ID.in(sessions).and(CHECK_IN.OUTCOME.eq("accepted")).and(CHECK_IN.UNDONE_AT.isNull()))
                .forEach(r -> assertThat(attendances.add(r.value1() + "/" + r.value2())).isTrue());
        assertThat(attendances).isEqualTo(expected);
        assertThat(dsl.fetchCount(CHECK_IN, CHECK_IN.SESSION_ID.in(sessions)))
                .as("every scan is stored once, refused ones too").isEqualTo(10_000);
    }

    @Test
    void answersComeInRequestOrderAndSessionsTheCallerMayNotScanAreUnknown() {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        UUID other = Fixtures.sessionNow(world, Fixtures.courseToday(world, world.districtA));
        UUID person = Fixtures.participant(world, "Triệu Thị Lan", "female", world.communeA1);
        Fixtures.enroll(world, course, person);
        Fixtures.assignTrainer(world, course, world.trainer);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
        List<Map<String, Object>> items = List.of(
                item(other, card(person), now, "p"),
                item(session, card(person), now.minusMinutes(2), "p"),
                item(session, "garbage", now, "p"),
                item(session, card(person), now, "p"));
        JsonNode answers = world.trainer.post("/api/v1/check-ins/batch", Map.of("items", items)).json().get("items");
        assertThat(answers).extracting(a -> a.get("outcome").asText())
                .containsExactly("unknown_session", "accepted", "invalid_card", "already_checked_in");
        assertThat(answers.get(0).get("checkIn").isNull()).isTrue();
        assertThat(answers.get(3).get("firstCheckIn").get("id")).isEqualTo(answers.get(1).get("checkIn").get("id"));
    }

    @Test
    void aQrTooLongForACardIsThatScansInvalidCardAndTheOtherScansOfTheBatchAreStored() {
        // the camera read some other QR code (a long link): that scan is refused, not the phone's whole upload
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        UUID lan = Fixtures.participant(world, "Triệu Thị Lan", "female", world.communeA1);
        UUID mai = Fixtures.participant(world, "Hà Thị Mai", "female", world.communeA1);
        Fixtures.enroll(world, course, lan);
        Fixtures.enroll(world, course, mai);
        Fixtures.assignTrainer(world, course, world.trainer);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
        String longLink = "https://example.org/" + "a".repeat(2100);
        List<Map<String, Object>> items = List.of(item(session, card(lan), now, "p"),
                item(session, longLink, now, "p"), item(session, card(mai), now, "p"));

        Api.Res res = world.trainer.post("/api/v1/check-ins/batch", Map.of("items", items));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().get("items")).extracting(a -> a.get("outcome").asText())
                .containsExactly("accepted", "invalid_card", "accepted");
        var dsl = TestServer.get().database.dsl();
        assertThat(dsl.select(CHECK_IN.OUTCOME).from(CHECK_IN).where(CHECK_IN.CLIENT_SCAN_ID.eq(
                UUID.fromString((String) items.get(1).get("clientScanId")))).fetchOne(CHECK_IN.OUTCOME))
                .as("stored as evidence, like other refused scans").isEqualTo("invalid_card");

        // a live scan of the same code gets the same answer
        Map<String, Object> live = item(session, longLink, now, "p");
        live.remove("sessionId");
        Api.Res single = world.trainer.post("/api/v1/sessions/" + session + "/check-ins", live);
        assertThat(single.status()).as(single.body()).isEqualTo(201);
        assertThat(single.json().get("outcome").asText()).isEqualTo("invalid_card");
    }

    @Test
    void aScanStoredBeforeAndSentAgainDoesNotTakeTheAttendanceFromANewScanOfTheSamePerson() {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        Fixtures.assignTrainer(world, course, world.trainer);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));

        // a scan stored as accepted, undone as a mistake; then the phone uploads it again with a
        // new, later scan of the same person at the same session
        UUID undone = Fixtures.participant(world, "Hoàng Thị Mai", "female", world.communeA1);
        Fixtures.enroll(world, course, undone);
        Map<String, Object> first = item(session, card(undone), now.minusMinutes(5), "p");
        JsonNode stored = world.trainer.post("/api/v1/check-ins/batch", Map.of("items", List.of(first))).json()
                .get("items").get(0);
        assertThat(world.trainer.delete("/api/v1/check-ins/" + stored.get("checkIn").get("id").asText()).status())
                .isEqualTo(204);
        JsonNode answers = world.trainer.post("/api/v1/check-ins/batch",
                Map.of("items", List.of(first, item(session, card(undone), now, "p")))).json().get("items");
        assertThat(answers.get(0).get("replayed").asBoolean()).isTrue();
        assertThat(answers.get(1).get("outcome").asText()).isEqualTo("accepted");

        // a scan stored as not enrolled; the person is enrolled, scanned again, and both are uploaded
        UUID late = Fixtures.participant(world, "Nông Văn Tú", "male", world.communeA1);
        Map<String, Object> refused = item(session, card(late), now.minusMinutes(5), "p");
        assertThat(world.trainer.post("/api/v1/check-ins/batch", Map.of("items", List.of(refused))).json()
                .get("items").get(0).get("outcome").asText()).isEqualTo("not_enrolled");
        Fixtures.enroll(world, course, late);
        answers = world.trainer.post("/api/v1/check-ins/batch",
                Map.of("items", List.of(refused, item(session, card(late), now, "p")))).json().get("items");
        assertThat(answers.get(0).get("outcome").asText()).isEqualTo("not_enrolled");
        assertThat(answers.get(1).get("outcome").asText()).isEqualTo("accepted");

        var dsl = TestServer.get().database.dsl();
        for (UUID person : List.of(undone, late)) {
            assertThat(dsl.fetchCount(CHECK_IN, CHECK_IN.SESSION_ID.eq(session).and(CHECK_IN.PARTICIPANT_ID.eq(person))
                    .and(Outcome.liveAttendance(CHECK_IN)))).as("attendances of %s", person).isEqualTo(1);
        }
    }

    @Test
    void aPhoneWhoseClockIsOffIsFlaggedAndJudgedByCorrectedTime() {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        UUID person = Fixtures.participant(world, "Ma Văn Hùng", "male", world.communeA1);
        Fixtures.enroll(world, course, person);
        // the phone's clock runs two days ahead: its scan "two days from now" happened just now
        OffsetDateTime phoneNow = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(2);
        Map<String, Object> body = Map.of("sentAt", phoneNow.toString(),
                "items", List.of(item(session, card(person), phoneNow.minusMinutes(1), "fast-phone")));
        JsonNode answer = world.organizer.post("/api/v1/check-ins/batch", body).json().get("items").get(0);
        assertThat(answer.get("outcome").asText()).isEqualTo("accepted");
        assertThat(answer.get("checkIn").get("clockSuspect").asBoolean()).isTrue();
        // compared as instants: the answer is in UTC, whose date differs from Vietnam's from 17:00 UTC
        assertThat(OffsetDateTime.parse(answer.get("checkIn").get("scannedAt").asText()).toInstant())
                .as("the phone's own time is kept")
                .isEqualTo(phoneNow.minusMinutes(1).toInstant().truncatedTo(ChronoUnit.MICROS));
        // and the attendance is timed by the corrected clock: a minute ago, on time, not two days late
        JsonNode mark = world.organizer.get("/api/v1/courses/" + course + "/attendance").json().get("participants")
                .get(0).get("sessions").get(0);
        assertThat(mark.get("status").asText()).isEqualTo("present");
        assertThat(Duration.between(OffsetDateTime.parse(mark.get("scannedAt").asText()), OffsetDateTime.now()).abs())
                .isLessThan(Duration.ofMinutes(5));

        UUID late = Fixtures.participant(world, "Đàm Thị Yến", "female", world.communeA1);
        Fixtures.enroll(world, course, late);
        JsonNode withoutSentAt = world.organizer.post("/api/v1/check-ins/batch", Map.of("items",
                List.of(item(session, card(late), phoneNow, "fast-phone")))).json().get("items").get(0);
        assertThat(withoutSentAt.get("outcome").asText())
                .as("without sentAt, a time after its receipt is judged as at its receipt").isEqualTo("accepted");
        assertThat(withoutSentAt.get("checkIn").get("clockSuspect").asBoolean()).isTrue();

        // a clock so far off that the correction leaves the calendar: refused and stored, not a 500
        UUID lost = Fixtures.participant(world, "Hà Văn Lộc", "male", world.communeA1);
        Fixtures.enroll(world, course, lost);
        Api.Res absurd = world.organizer.post("/api/v1/check-ins/batch", Map.of("sentAt", "9999-12-31T00:00:00Z",
                "items", List.of(item(session, card(lost), OffsetDateTime.parse("0001-01-02T00:00:00Z"), "old-phone"))));
        assertThat(absurd.status()).as(absurd.body()).isEqualTo(200);
        assertThat(absurd.json().get("items").get(0).get("outcome").asText()).isEqualTo("session_not_open");
        assertThat(absurd.json().get("items").get(0).get("checkIn").get("clockSuspect").asBoolean()).isTrue();
    }

    @Test
    void noScanCountsForASessionThatHadNotOpenedWhenTheServerReceivedIt() {
        LocalDate today = LocalDate.now(Fixtures.VIETNAM);
        UUID course = Fixtures.course(world, world.districtA, "running", today, today.plusDays(1));
        UUID tomorrow = Fixtures.session(world, course, today.plusDays(1), LocalTime.of(8, 0), LocalTime.of(11, 30));
        UUID person = Fixtures.participant(world, "Hoàng Thị Hòa", "female", world.communeA1);
        Fixtures.enroll(world, course, person);
        OffsetDateTime inTomorrowsWindow = today.plusDays(1).atTime(8, 30).atOffset(ZoneOffset.ofHours(7));

        // a phone whose date is a day ahead, live
        Map<String, Object> scan = item(tomorrow, card(person), inTomorrowsWindow, "fast-phone");
        scan.remove("sessionId");
        JsonNode live = world.organizer.post("/api/v1/sessions/" + tomorrow + "/check-ins", scan).json();
        assertThat(live.get("outcome").asText()).isEqualTo("session_not_open");
        assertThat(live.get("checkIn").get("clockSuspect").asBoolean()).isTrue();
        // and in a batch, even one whose sentAt agrees with the scan's date
        JsonNode batch = world.organizer.post("/api/v1/check-ins/batch", Map.of(
                "sentAt", inTomorrowsWindow.plusMinutes(1).toString(),
                "items", List.of(item(tomorrow, card(person), inTomorrowsWindow, "fast-phone")))).json()
                .get("items").get(0);
        assertThat(batch.get("outcome").asText()).isEqualTo("session_not_open");

        JsonNode mark = world.organizer.get("/api/v1/courses/" + course + "/attendance").json().get("participants")
                .get(0).get("sessions").get(0);
        assertThat(mark.get("status").asText()).as("no attendance a day before the session").isEqualTo("absent");
    }

    @Test
    void batchesAreBoundedAndMalformedItemsAreNamed() {
        Api.Res empty = world.organizer.post("/api/v1/check-ins/batch", Map.of("items", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        Map<String, Object> bad = item(UUID.randomUUID(), "x", OffsetDateTime.now(), "p");
        bad.remove("clientScanId");
        JsonNode errors = world.organizer.post("/api/v1/check-ins/batch", Map.of("items", List.of(bad))).json()
                .get("errors");
        assertThat(errors.get(0).get("field").asText()).isEqualTo("items[0].clientScanId");

        // values of the wrong type in several items: every one named in the same answer
        Map<String, Object> badId = item(UUID.randomUUID(), "x", OffsetDateTime.now(), "p");
        badId.put("clientScanId", "not-a-uuid");
        Map<String, Object> badTime = item(UUID.randomUUID(), "x", OffsetDateTime.now(), "p");
        badTime.put("scannedAt", "hôm qua");
        Map<String, Object> good = item(UUID.randomUUID(), "x", OffsetDateTime.now(), "p");
        JsonNode several = world.organizer.post("/api/v1/check-ins/batch",
                Map.of("items", List.of(badId, good, badTime))).json().get("errors");
        assertThat(several).extracting(e -> e.get("field").asText())
                .containsExactly("items[0].clientScanId", "items[2].scannedAt");
    }

    @Test
    void aCardScannedOfflineBeforeItWasRevokedCountsAndAfterItDoesNot() {
        LocalDate yesterday = LocalDate.now(Fixtures.VIETNAM).minusDays(1);
        UUID course = Fixtures.course(world, world.districtA, "running", yesterday, yesterday.plusDays(2));
        UUID session = Fixtures.session(world, course, yesterday, LocalTime.of(7, 30), LocalTime.of(11, 30));
        UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);
        Fixtures.enroll(world, course, hoa);
        Fixtures.assignTrainer(world, course, world.trainer);
        String lostCard = card(hoa);
        // she attended yesterday, the phone offline; today she lost the card and was given a new one
        assertThat(world.organizer.post("/api/v1/participants/" + hoa + "/card/revoke",
                Map.of("reason", "Mất thẻ sau buổi học")).status()).isEqualTo(200);

        JsonNode answers = world.trainer.post("/api/v1/check-ins/batch", Map.of("items", List.of(
                item(session, lostCard, yesterday.atTime(8, 0).atOffset(ZoneOffset.ofHours(7)), "phone-offline"))))
                .json().get("items");
        assertThat(answers.get(0).get("outcome").asText()).as("the card was valid when scanned").isEqualTo("accepted");

        UUID today = Fixtures.sessionNow(world, course);
        JsonNode afterwards = world.trainer.post("/api/v1/check-ins/batch", Map.of("items", List.of(
                item(today, lostCard, OffsetDateTime.now(ZoneOffset.ofHours(7)), "phone-offline")))).json().get("items");
        assertThat(afterwards.get(0).get("outcome").asText()).as("whoever holds the lost card now")
                .isEqualTo("revoked_card");
    }
}
