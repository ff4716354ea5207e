package vn.bdg.registry.attendance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.IfMatch;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.AUDIT_LOG;
import static vn.bdg.registry.db.Tables.CHECK_IN;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.ENROLLMENT;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/** Someone the commune sent instead of the invited person: registered, enrolled and checked in on the spot. */
class WalkInIT {
    private final World world = World.create();
    private final UUID course = Fixtures.courseToday(world, world.districtA);
    private final UUID session = Fixtures.sessionNow(world, course);

    WalkInIT() {
        Fixtures.assignTrainer(world, course, world.trainer);
    }

    private Map<String, Object> walkIn(Map<String, Object> person, OffsetDateTime at) {
        Map<String, Object> body = new HashMap<>();
        body.put("sessionId", session.toString());
        body.put("clientScanId", UUID.randomUUID().toString());
        body.put("scannedAt", at.toString());
        body.put("deviceId", "phone-1");
        body.put("participant", person);
        return body;
    }

    private UUID registeredWithPhone(String name, String sex, String phone) {
        UUID id = Fixtures.participant(world, name, sex, world.communeA1);
        TestServer.get().database.dsl().update(PARTICIPANT).set(PARTICIPANT.PHONE, phone)
                .where(PARTICIPANT.ID.eq(id)).execute();
        return id;
    }

    private Api.Res walkInNow(Map<String, Object> person) {
        return world.trainer.post("/api/v1/courses/" + course + "/walk-ins",
                walkIn(person, OffsetDateTime.now(ZoneOffset.ofHours(7))));
    }

    private int peopleNamed(String name) {
        return TestServer.get().database.dsl().fetchCount(PARTICIPANT,
                PARTICIPANT.PROVINCE_CODE.eq(world.province).and(PARTICIPANT.FULL_NAME.eq(name)));
    }

    @Test
    void aNewPersonIsRegisteredEnrolledAndCheckedIn() {
        Map<String, Object> body = walkIn(Map.of("fullName", "Lý Thị Phượng", "sex", "female", "birthYear", 1988,
                "phone", "0987 654 321", "unitCode", world.communeA2), OffsetDateTime.now(ZoneOffset.ofHours(7)));
        var res = world.trainer.post("/api/v1/courses/" + course + "/walk-ins", body);
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        JsonNode walkIn = res.json();
        assertThat(walkIn.get("matchedBy").isNull()).isTrue();
        assertThat(walkIn.get("newlyEnrolled").asBoolean()).isTrue();
        assertThat(walkIn.get("checkIn").get("outcome").asText()).isEqualTo("accepted");
        assertThat(walkIn.get("checkIn").get("checkIn").get("method").asText()).isEqualTo("walk_in");
        assertThat(walkIn.get("participant").get("fullName").asText()).isEqualTo("Lý Thị Phượng");

        var again = world.trainer.post("/api/v1/courses/" + course + "/walk-ins", body);
        assertThat(again.status()).as("a resent walk-in answers as the first").isEqualTo(200);
        assertThat(again.json().get("checkIn").get("replayed").asBoolean()).isTrue();
        assertThat(peopleNamed("Lý Thị Phượng")).isEqualTo(1);
        assertThat(world.organizer.get("/api/v1/courses/" + course + "/enrollments").json().get("items"))
                .extracting(e -> e.get("participant").get("fullName").asText()).containsExactly("Lý Thị Phượng");
    }

    @Test
    void theSameWalkInSentSeveralTimesAtOnceRegistersOnePerson() throws Exception {
        // a phone that got no answer in time sends the walk-in again while the first is being stored
        Map<String, Object> body = walkIn(Map.of("fullName", "Hà Thị Duyên", "sex", "female", "birthYear", 1991,
                "unitCode", world.communeA2), OffsetDateTime.now(ZoneOffset.ofHours(7)));
        ExecutorService phones = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Res>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(phones.submit(() -> {
                    go.await();
                    return world.trainer.post("/api/v1/courses/" + course + "/walk-ins", body);
                }));
            }
            go.countDown();
            Set<String> people = new HashSet<>();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Res> res : sent) {
                statuses.add(res.get().status());
                people.add(res.get().json().get("participant").get("id").asText());
            }
            assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 200);
            assertThat(people).hasSize(1);
        } finally {
            phones.shutdown();
        }
        assertThat(peopleNamed("Hà Thị Duyên")).isEqualTo(1);
        assertThat(world.organizer.get("/api/v1/courses/" + course + "/enrollments").json().get("items"))
                .extracting(e -> e.get("participant").get("fullName").asText()).containsExactly("Hà Thị Duyên");
    }

    @Test
    void aWalkInResendingTheScanIdOfAManualCheckInOffTheRosterDoesNotTellTheirNameOrUnit() {
        // the check-in by id answered without the person; the same scan id sent as a walk-in must not tell more
        UUID stranger = Fixtures.participant(world, "Hoàng Văn Minh", "male", world.communeB1);
        String now = OffsetDateTime.now(ZoneOffset.ofHours(7)).toString();
        String scanId = UUID.randomUUID().toString();
        Api.Res manual = world.trainer.post("/api/v1/sessions/" + session + "/check-ins", Map.of("clientScanId", scanId,
                "participantId", stranger.toString(), "method", "manual", "scannedAt", now));
        assertThat(manual.status()).as(manual.body()).isEqualTo(201);
        assertThat(manual.json().get("outcome").asText()).isEqualTo("not_enrolled");
        assertThat(manual.json().get("participant").isNull()).isTrue();

        Map<String, Object> body = walkIn(Map.of("fullName", "Ai Đó", "sex", "female", "birthYear", 1990),
                OffsetDateTime.now(ZoneOffset.ofHours(7)));
        body.put("clientScanId", scanId);
        Api.Res resent = world.trainer.post("/api/v1/courses/" + course + "/walk-ins", body);
        assertThat(resent.status()).as(resent.body()).isEqualTo(200);
        assertThat(resent.json().get("checkIn").get("outcome").asText()).isEqualTo("not_enrolled");
        assertThat(resent.json().get("participant").isNull()).as(resent.body()).isTrue();
        assertThat(resent.json().get("checkIn").get("participant").isNull()).as(resent.body()).isTrue();
        assertThat(resent.body()).doesNotContain("Hoàng Văn Minh").doesNotContain(world.communeB1);
        assertThat(peopleNamed("Ai Đó")).as("a resend registers nobody").isZero();
    }

    @Test
    void theSamePersonWalkingInOnTwoPhonesAtOnceIsRegisteredOnce() throws Exception {
        // two trainers register the same newcomer at the same moment, each with their own scan
        Map<String, Object> person = Map.of("fullName", "Lý Thị Song Sinh", "sex", "female", "birthYear", 1985,
                "nationalId", "001185000777", "unitCode", world.communeA2);
        int phones = 4;
        ExecutorService pool = Executors.newFixedThreadPool(phones);
        List<Api.Res> answers = new ArrayList<>();
        try {
            CyclicBarrier together = new CyclicBarrier(phones);
            List<Future<Api.Res>> sent = new ArrayList<>();
            for (int i = 0; i < phones; i++) {
                sent.add(pool.submit(() -> {
                    Map<String, Object> body = walkIn(person, OffsetDateTime.now(ZoneOffset.ofHours(7)));
                    together.await();
                    return world.trainer.post("/api/v1/courses/" + course + "/walk-ins", body);
                }));
            }
            for (Future<Api.Res> res : sent) {
                answers.add(res.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(answers).allSatisfy(res -> assertThat(res.status()).as(res.body()).isEqualTo(201));
        assertThat(answers).extracting(res -> res.json().get("participant").get("id").asText())
                .as("one person").containsOnly(answers.get(0).json().get("participant").get("id").asText());
        assertThat(answers).extracting(res -> res.json().get("matchedBy").asText(null))
                .containsOnlyOnce((String) null).containsOnly(null, "national_id");
        assertThat(answers).extracting(res -> res.json().get("checkIn").get("outcome").asText())
                .containsOnlyOnce("accepted").containsOnly("accepted", "already_checked_in");
        assertThat(peopleNamed("Lý Thị Song Sinh")).isEqualTo(1);
    }

    @Test
    void someoneAlreadyInTheRegistryIsFoundByPhoneInsteadOfDuplicated() {
        UUID existing = registeredWithPhone("Hà Thị Mai", "female", "+84912000111");
        var res = walkInNow(Map.of("fullName", "Hà Thị Mai", "sex", "female", "phone", "+84 912 000 111"));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        assertThat(res.json().get("matchedBy").asText()).isEqualTo("phone");
        assertThat(res.json().get("participant").get("id").asText()).isEqualTo(existing.toString());
        assertThat(peopleNamed("Hà Thị Mai")).isEqualTo(1);
    }

    @Test
    void someoneWhoSharesAPhoneWithAnotherNameIsRegisteredNotTakenForThePhonesOwner() {
        // a household shares one phone: the owner is not the person standing in the hall
        UUID owner = registeredWithPhone("Nguyễn Văn Bình", "male", "+84939909978");
        var res = walkInNow(Map.of("fullName", "Trần Văn Khách", "sex", "male", "phone", "0939909978"));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        assertThat(res.json().get("matchedBy").isNull()).as(res.body()).isTrue();
        JsonNode checkedIn = res.json().get("participant");
        assertThat(checkedIn.get("fullName").asText()).isEqualTo("Trần Văn Khách");
        assertThat(checkedIn.get("id").asText()).isNotEqualTo(owner.toString());
        assertThat(TestServer.get().database.dsl().select(PARTICIPANT.DUPLICATE_OF).from(PARTICIPANT)
                .where(PARTICIPANT.ID.eq(UUID.fromString(checkedIn.get("id").asText()))).fetchOne(0, UUID.class))
                .as("flagged for an organiser to review").isEqualTo(owner);
        assertThat(world.organizer.get("/api/v1/courses/" + course + "/enrollments").json().get("items"))
                .extracting(e -> e.get("participant").get("fullName").asText()).containsExactly("Trần Văn Khách");
    }

    @Test
    void aWalkInSentLaterFromAPhoneWhoseClockIsOffIsJudgedByTheCorrectedTime() {
        // registered offline on a phone two hours slow, sent when the signal came back
        OffsetDateTime phoneNow = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(2);
        Map<String, Object> body = walkIn(Map.of("fullName", "Vi Văn Sáng", "sex", "male"), phoneNow.minusMinutes(1));
        Map<String, Object> withoutSentAt = new HashMap<>(body);
        withoutSentAt.put("clientScanId", UUID.randomUUID().toString());
        assertThat(world.trainer.post("/api/v1/courses/" + course + "/walk-ins", withoutSentAt).status())
                .as("by the phone's clock alone, before the session").isEqualTo(409);

        body.put("sentAt", phoneNow.toString());
        var res = world.trainer.post("/api/v1/courses/" + course + "/walk-ins", body);
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        assertThat(res.json().get("checkIn").get("outcome").asText()).isEqualTo("accepted");
        assertThat(res.json().get("checkIn").get("checkIn").get("clockSuspect").asBoolean()).isTrue();
    }

    @Test
    void outsideTheSessionNobodyIsRegistered() {
        var res = world.trainer.post("/api/v1/courses/" + course + "/walk-ins", walkIn(Map.of(
                "fullName", "Đinh Văn Quân", "sex", "male"), OffsetDateTime.now(ZoneOffset.ofHours(7)).minusDays(2)));
        assertThat(res.status()).isEqualTo(409);
        assertThat(res.json().get("code").asText()).isEqualTo("session_not_open");
        assertThat(peopleNamed("Đinh Văn Quân")).isZero();
    }

    @Test
    void aWalkInRefusedByAFullCourseLeavesNothingBehind() {
        var dsl = TestServer.get().database.dsl();
        Fixtures.enroll(world, course, Fixtures.participant(world, "Lò Thị Xuân", "female", world.districtA));
        dsl.update(COURSE).set(COURSE.CAPACITY, 1).where(COURSE.ID.eq(course)).execute();
        var provinceAudit = AUDIT_LOG.PROVINCE_CODE.eq(world.province);
        long auditRows = dsl.fetchCount(AUDIT_LOG, provinceAudit);

        var res = world.trainer.post("/api/v1/courses/" + course + "/walk-ins", walkIn(Map.of(
                "fullName", "Lục Văn Thành", "sex", "male"), OffsetDateTime.now(ZoneOffset.ofHours(7))));

        assertThat(res.status()).isEqualTo(409);
        assertThat(res.json().get("code").asText()).isEqualTo("capacity_reached");
        assertThat(peopleNamed("Lục Văn Thành")).as("registration rolled back with the enrolment").isZero();
        assertThat(dsl.fetchCount(AUDIT_LOG, provinceAudit)).as("no audit of what did not happen").isEqualTo(auditRows);
        assertThat(dsl.fetchCount(CHECK_IN, CHECK_IN.SESSION_ID.eq(session))).isZero();
    }

    @Test
    void anEthnicityWithoutConsentIsRefusedAndWithItStored() {
        var refused = walkInNow(Map.of("fullName", "Lù Thị Vàng", "sex", "female", "ethnicityCode", "02"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("errors")).extracting(e -> e.get("field").asText() + ":" + e.get("code").asText())
                .containsExactly("participant.ethnicityCode:consent_required");
        assertThat(peopleNamed("Lù Thị Vàng")).as("nobody registered").isZero();

        var res = walkInNow(Map.of("fullName", "Lù Thị Vàng", "sex", "female", "ethnicityCode", "02",
                "consent", Map.of("givenAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString(),
                        "method", "verbal", "coversSensitiveData", true)));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        JsonNode stored = world.organizer.get("/api/v1/participants/" + res.json().get("participant").get("id")
                .asText()).json();
        assertThat(stored.get("ethnicityCode").asText()).isEqualTo("02");
        assertThat(stored.get("consent").get("method").asText()).isEqualTo("verbal");
    }

    private Api.Res walkInWithConsent(String name, String phone, String method, boolean sensitive) {
        Map<String, Object> body = walkIn(Map.of("fullName", name, "sex", "female", "phone", phone,
                "consent", Map.of("givenAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString(),
                        "method", method, "coversSensitiveData", sensitive)), OffsetDateTime.now(ZoneOffset.ofHours(7)));
        body.put("sessionId", Fixtures.sessionNow(world, course).toString()); // each visit its own session
        return world.trainer.post("/api/v1/courses/" + course + "/walk-ins", body);
    }

    @Test
    void aConsentGivenAtTheWalkInIsRecordedOnTheKnownPersonWhoHadNoneButNeverTakesAnythingAway() {
        // registered from an old list, before consents were recorded, with an ethnicity
        UUID known = registeredWithPhone("Sầm Thị Nguyệt", "female", "+84913555777");
        var dsl = TestServer.get().database.dsl();
        dsl.update(PARTICIPANT).set(PARTICIPANT.ETHNICITY_CODE, "03").where(PARTICIPANT.ID.eq(known)).execute();
        long auditRows = dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ENTITY_ID.eq(known.toString()));

        // matched by a phone someone else may share: a consent leaving out her ethnicity would clear it
        Api.Res notCovering = walkInWithConsent("Sầm Thị Nguyệt", "0913 555 777", "verbal", false);
        assertThat(notCovering.status()).as(notCovering.body()).isEqualTo(201);
        assertThat(notCovering.json().get("participant").get("id").asText()).isEqualTo(known.toString());
        JsonNode untouched = world.organizer.get("/api/v1/participants/" + known).json();
        assertThat(untouched.path("consent").isMissingNode()).as("left to an edit").isTrue();
        assertThat(untouched.get("ethnicityCode").asText()).isEqualTo("03");

        Api.Res covering = walkInWithConsent("Sầm Thị Nguyệt", "0913 555 777", "verbal", true);
        assertThat(covering.status()).as(covering.body()).isEqualTo(201);
        JsonNode stored = world.organizer.get("/api/v1/participants/" + known).json();
        assertThat(stored.get("consent").get("method").asText()).isEqualTo("verbal");
        assertThat(stored.get("consent").get("coversSensitiveData").asBoolean()).isTrue();
        assertThat(stored.get("consent").get("recordedBy").asText())
                .isEqualTo(world.trainer.get("/api/v1/me").json().get("id").asText());
        assertThat(stored.get("ethnicityCode").asText()).isEqualTo("03");
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ENTITY_ID.eq(known.toString()))).as("the change is audited")
                .isEqualTo(auditRows + 1);

        Api.Res paper = walkInWithConsent("Sầm Thị Nguyệt", "0913 555 777", "paper_form", true);
        assertThat(paper.status()).as(paper.body()).isEqualTo(201);
        assertThat(world.organizer.get("/api/v1/participants/" + known).json().get("consent").get("method").asText())
                .as("replacing a consent is an edit's to do").isEqualTo("verbal");
    }

    @Test
    void aUnitGivenAtTheWalkInIsRecordedOnTheKnownPersonWhoHadNoneSoHerTrainingCountsThere() {
        // registered from an old list that gave no commune; trained once already, in no unit
        UUID known = registeredWithPhone("Mạc Thị Huyền", "female", "+84913555999");
        var dsl = TestServer.get().database.dsl();
        dsl.update(PARTICIPANT).setNull(PARTICIPANT.UNIT_CODE).where(PARTICIPANT.ID.eq(known)).execute();
        UUID lastYear = Fixtures.course(world, world.districtA, "completed", LocalDate.now().minusYears(1),
                LocalDate.now().minusYears(1).plusDays(1));
        UUID pastEnrollment = Fixtures.enroll(world, lastYear, known);
        assertThat(dsl.select(ENROLLMENT.UNIT_CODE).from(ENROLLMENT).where(ENROLLMENT.ID.eq(pastEnrollment))
                .fetchOne(0, String.class)).isNull();
        long auditRows = dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ENTITY_ID.eq(known.toString()));

        var res = walkInNow(Map.of("fullName", "Mạc Thị Huyền", "sex", "female", "phone", "0913 555 999",
                "unitCode", world.communeA2));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        assertThat(res.json().get("participant").get("id").asText()).isEqualTo(known.toString());
        assertThat(res.json().get("participant").get("unitCode").asText()).isEqualTo(world.communeA2);
        assertThat(world.organizer.get("/api/v1/participants/" + known).json().get("unitCode").asText())
                .isEqualTo(world.communeA2);
        assertThat(world.organizer.get("/api/v1/courses/" + course + "/enrollments").json().get("items"))
                .extracting(e -> e.get("unitCode").asText()).as("this course counts her in her commune")
                .containsExactly(world.communeA2);
        assertThat(dsl.select(ENROLLMENT.UNIT_CODE).from(ENROLLMENT).where(ENROLLMENT.ID.eq(pastEnrollment))
                .fetchOne(0, String.class)).as("as does the training that had no unit").isEqualTo(world.communeA2);
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ENTITY_ID.eq(known.toString()))).as("the change is audited")
                .isEqualTo(auditRows + 1);

        // seen again, saying another commune: a loose match never moves anyone, that is an edit's to do
        Map<String, Object> again = walkIn(Map.of("fullName", "Mạc Thị Huyền", "sex", "female",
                "phone", "0913 555 999", "unitCode", world.communeA1), OffsetDateTime.now(ZoneOffset.ofHours(7)));
        again.put("sessionId", Fixtures.sessionNow(world, course).toString());
        assertThat(world.trainer.post("/api/v1/courses/" + course + "/walk-ins", again).status()).isEqualTo(201);
        assertThat(world.organizer.get("/api/v1/participants/" + known).json().get("unitCode").asText())
                .isEqualTo(world.communeA2);
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ENTITY_ID.eq(known.toString()))).isEqualTo(auditRows + 1);
    }

    @Test
    void aUnitRecordedByAWalkInRefusesAnEditFromTheCopyReadBeforeIt() {
        UUID known = registeredWithPhone("Mạc Thị Huyền", "female", "+84913555998");
        TestServer.get().database.dsl().update(PARTICIPANT).setNull(PARTICIPANT.UNIT_CODE)
                .where(PARTICIPANT.ID.eq(known)).execute();
        String path = "/api/v1/participants/" + known;
        String seen = IfMatch.etag(IfMatch.read(world.organizer, path));

        var res = walkInNow(Map.of("fullName", "Mạc Thị Huyền", "sex", "female", "phone", "0913 555 998",
                "unitCode", world.communeA2));
        assertThat(res.status()).as(res.body()).isEqualTo(201);

        Api.Res stale = IfMatch.patch(world.organizer, path, seen, Map.of("position", "Cán bộ"));
        assertThat(stale.status()).as("the copy read before the walk-in has no unit: " + stale.body()).isEqualTo(412);
        assertThat(world.organizer.get(path).json().get("unitCode").asText()).isEqualTo(world.communeA2);
    }

    @Test
    void aNumberTypedWithAnotherNameDoesNotTellTheTrainerWhoseNumberItIs() {
        // a trainer may read no participant: a walk-in must not look up whose ID number it is
        Api.Res created = world.organizer.post("/api/v1/participants", Map.of("fullName", "Hoàng Văn Minh",
                "sex", "male", "birthYear", 1985, "nationalId", "001085004321", "unitCode", world.communeB1));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String owner = created.json().get("id").asText();

        var res = walkInNow(Map.of("fullName", "Ai Đó", "sex", "male", "nationalId", "001085004321"));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        assertThat(res.body()).doesNotContain("Hoàng Văn Minh", world.communeB1, owner);
        assertThat(res.json().get("matchedBy").isNull()).as(res.body()).isTrue();
        JsonNode checkedIn = res.json().get("participant");
        assertThat(checkedIn.get("fullName").asText()).isEqualTo("Ai Đó");
        assertThat(TestServer.get().database.dsl().select(PARTICIPANT.DUPLICATE_OF).from(PARTICIPANT)
                .where(PARTICIPANT.ID.eq(UUID.fromString(checkedIn.get("id").asText()))).fetchOne(0, UUID.class))
                .as("flagged for an organiser to review").hasToString(owner);

        // nor does a phone typed with a word anybody's name has
        registeredWithPhone("Đinh Thị Hồng Nhung", "female", "+84912777333");
        var byPhone = walkInNow(Map.of("fullName", "Thị", "sex", "female", "phone", "0912777333"));
        assertThat(byPhone.status()).as(byPhone.body()).isEqualTo(201);
        assertThat(byPhone.body()).doesNotContain("Nhung", world.communeA1);
        assertThat(byPhone.json().get("matchedBy").isNull()).as(byPhone.body()).isTrue();

        // the same number with the person's own name (accents aside) is the person
        var same = walkInNow(Map.of("fullName", "Hoang Van Minh", "sex", "male", "nationalId", "001 085 004 321"));
        assertThat(same.status()).as(same.body()).isEqualTo(201);
        assertThat(same.json().get("matchedBy").asText()).isEqualTo("national_id");
        assertThat(same.json().get("participant").get("id").asText()).isEqualTo(owner);
    }

    @Test
    void badDetailsAndOtherScopesAreRefused() {
        var bad = world.trainer.post("/api/v1/courses/" + course + "/walk-ins", walkIn(Map.of(
                "fullName", "Vi Thị Nhung", "sex", "other", "phone", "123"), OffsetDateTime.now(ZoneOffset.ofHours(7))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText())
                .contains("participant.sex", "participant.phone");
        UUID otherCourse = Fixtures.courseToday(world, world.districtB);
        assertThat(world.trainer.post("/api/v1/courses/" + otherCourse + "/walk-ins", walkIn(Map.of(
                "fullName", "Vi Thị Nhung", "sex", "female"), OffsetDateTime.now(ZoneOffset.ofHours(7)))).status())
                .as("the session is not of that course").isEqualTo(404);
        assertThat(World.create().organizer.post("/api/v1/courses/" + course + "/walk-ins", walkIn(Map.of(
                "fullName", "Vi Thị Nhung", "sex", "female"), OffsetDateTime.now(ZoneOffset.ofHours(7)))).status())
                .isEqualTo(404);
        assertThat(peopleNamed("Vi Thị Nhung")).isZero();
    }
}
