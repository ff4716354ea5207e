package vn.bdg.registry.participant;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.card.CardService;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.EXCUSED_ABSENCE;
import static vn.bdg.registry.db.Tables.PARTICIPANT;
import static vn.bdg.registry.participant.Participants.body;
import static vn.bdg.registry.participant.Participants.consent;
import static vn.bdg.registry.participant.Participants.create;
import static vn.bdg.registry.participant.Participants.id;
import static vn.bdg.registry.participant.Participants.q;

/**
 * Erasure of a person's personal data at their request: nothing of theirs left anywhere in the
 * database, the reports unchanged, and the route's rules (role, scope, reason, twice, after).
 */
class ParticipantErasureIT {
    private static final String NAME = "Hoàng Thị Thuỳ Dương";
    private static final String DUPLICATE_NAME = "Hoàng Thị Thùy Dương"; // the other tone placement, same key
    private static final String NAME_KEY = "hoang thi thuy duong";
    private static final String BIRTH_DATE = "1987-05-23";
    private static final String ORGANIZATION = "HTX Dệt thổ cẩm Nà Lẹng";
    private static final String POSITION = "Kế toán HTX Nà Lẹng";
    private static final String DUPLICATE_ORGANIZATION = "Chi hội phụ nữ thôn Nà Lẹng Trên";
    private static final String REASON = "Đơn đề nghị ngày 12/01/2026, nhận trực tiếp tại Sở Nội vụ";
    private static final ZoneOffset VN = ZoneOffset.ofHours(7);

    private final World world = World.create();
    private final Random random = new Random();
    /** This run's numbers, so that no other test's data holds them. */
    private final String phone = "097" + digits(7);
    private final String cccd = "0191" + "87" + digits(6); // a woman born in 1987

    private String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    private static DSLContext dsl() {
        return TestServer.get().database.dsl();
    }

    /** A running course of district A with one session a day, days ago; enrol through the API, then complete it. */
    private record Course(UUID id, List<UUID> sessions, List<LocalDate> days) {
    }

    private Course course(int sessions) {
        LocalDate start = LocalDate.now(Fixtures.VIETNAM).minusDays(sessions + 10L);
        UUID id = Fixtures.course(world, world.districtA, "running", start, start.plusDays(sessions - 1L));
        List<UUID> ids = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            days.add(start.plusDays(i));
            ids.add(Fixtures.session(world, id, start.plusDays(i), LocalTime.of(8, 0), LocalTime.of(11, 30)));
        }
        return new Course(id, ids, days);
    }

    private String enroll(Course course, String participantId) {
        Api.Res res = world.organizer.post("/api/v1/courses/" + course.id() + "/enrollments",
                Map.of("participantId", participantId));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        return res.json().get("id").asText();
    }

    private void attend(Course course, int session, String participantId) {
        Api.Res res = world.organizer.post("/api/v1/sessions/" + course.sessions().get(session) + "/check-ins", Map.of(
                "clientScanId", UUID.randomUUID().toString(), "participantId", participantId, "method", "manual",
                "scannedAt", course.days().get(session).atTime(8, 5).atOffset(VN).toString(), "deviceId", "test"));
        assertThat(res.json().get("outcome").asText()).as(res.body()).isEqualTo("accepted");
    }

    private static void complete(Course course) {
        dsl().update(COURSE).set(COURSE.STATUS, "completed").where(COURSE.ID.eq(course.id())).execute();
    }

    private String card(String participantId) {
        Api.Res res = world.organizer.get("/api/v1/participants/" + participantId + "/card");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json().get("token").asText();
    }

    private Api.Res erase(Api api, String participantId, Object reason) {
        return api.post("/api/v1/participants/" + participantId + "/erasure", body("reason", reason));
    }

    /** A person with everything the registry can hold about someone, and the records and entries it made. */
    private record Person(String id, String duplicateId, Course course, String certificateNumber, String checkCode,
                          List<String> cards, byte[] nationalIdHmac, List<String> fingerprints) {
    }

    private Person fullyRecordedPerson() {
        JsonNode kept = create(world.organizer, "fullName", NAME, "sex", "female", "birthDate", BIRTH_DATE,
                "phone", phone, "nationalId", cccd, "ethnicityCode", "02", "consent", consent(true),
                "unitCode", world.communeA1,
                "organization", ORGANIZATION, "position", "Thành viên", "targetGroups", List.of("commune_collaborators"));
        String id = id(kept);
        // an edit, so the log holds an update of the personal fields too
        assertThat(world.organizer.patch("/api/v1/participants/" + id, body("position", POSITION)).status())
                .isEqualTo(200);
        // the same person registered again from a list, with her phone: flagged, then merged into her record
        JsonNode duplicate = create(world.organizer, "fullName", DUPLICATE_NAME, "sex", "female",
                "birthYear", 1987, "phone", "+84" + phone.substring(1), "unitCode", world.communeA1,
                "organization", DUPLICATE_ORGANIZATION);
        assertThat(duplicate.get("duplicateOf").asText()).isEqualTo(id);
        String duplicateCard = card(id(duplicate));

        Course course = course(3);
        enroll(course, id);
        Course withdrawn = course(1);
        String enrollment = enroll(withdrawn, id);
        assertThat(world.organizer.post("/api/v1/courses/" + withdrawn.id() + "/enrollments/" + enrollment + "/withdraw",
                Map.of("reason", "Chị " + NAME + " chuyển công tác")).status()).isEqualTo(200);
        String lostCard = card(id);
        Api.Res reissued = world.organizer.post("/api/v1/participants/" + id + "/card/revoke",
                Map.of("reason", NAME + " báo mất thẻ, số " + phone));
        assertThat(reissued.status()).as(reissued.body()).isEqualTo(200);
        String liveCard = reissued.json().get("token").asText();
        Api.Res merged = world.organizer.post("/api/v1/participants/" + id + "/merge",
                Map.of("duplicateId", id(duplicate)));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);

        attend(course, 0, id);
        attend(course, 1, id);
        assertThat(world.organizer.put("/api/v1/sessions/" + course.sessions().get(2) + "/excused/" + id,
                Map.of("reason", "Chị " + NAME + " nghỉ ốm, có giấy của trạm y tế")).status()).isEqualTo(204);
        complete(course);
        Api.Res issued = world.organizer.post("/api/v1/courses/" + course.id() + "/certificates", Map.of());
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        JsonNode certificate = issued.json().get("issued").get(0);
        assertThat(certificate.get("holderName").asText()).isEqualTo(NAME);

        byte[] hmac = dsl().select(PARTICIPANT.NATIONAL_ID_HMAC).from(PARTICIPANT)
                .where(PARTICIPANT.ID.eq(UUID.fromString(id))).fetchOne(PARTICIPANT.NATIONAL_ID_HMAC);
        // the audit log keeps phone and birth date as keyed fingerprints: equal values, equal fingerprints
        List<String> fingerprints = new ArrayList<>();
        for (JsonNode entry : world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + id).json().get("items")) {
            JsonNode after = entry.get("after");
            if (entry.get("action").asText().equals("create")) {
                fingerprints.add(after.get("phone").asText());
                fingerprints.add(after.get("birthDate").asText());
            }
        }
        assertThat(fingerprints).hasSize(2).allMatch(f -> f.startsWith("hmac:"));
        return new Person(id, id(duplicate), course, certificate.get("number").asText(),
                certificate.get("checkCode").asText(), List.of(duplicateCard, lostCard, liveCard), hmac, fingerprints);
    }

    @Test
    void afterAnErasureNothingOfThePersonIsLeftInAnyColumnOfAnyTable() throws Exception {
        Person p = fullyRecordedPerson();
        List<String> personal = new ArrayList<>(List.of(NAME, DUPLICATE_NAME, NAME_KEY, phone,
                "+84" + phone.substring(1), cccd, BIRTH_DATE, ORGANIZATION, POSITION, DUPLICATE_ORGANIZATION));
        personal.addAll(p.fingerprints());
        assertThat(columnsHolding(personal)).as("the test finds the person before").isNotEmpty();

        Api.Res res = erase(world.admin, p.id(), REASON);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode answer = res.json();
        assertThat(answer.get("participant").get("fullName").asText()).isEqualTo(Erased.NAME);
        assertThat(answer.get("erasedRecords")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(p.id(), p.duplicateId());
        assertThat(answer.get("revokedCards").asInt()).as("hers and the merged record's").isEqualTo(2);
        assertThat(answer.get("revokedCertificates")).extracting(JsonNode::asText).containsExactly(p.certificateNumber());
        assertThat(answer.get("auditEntriesScrubbed").asInt()).isPositive();

        assertThat(columnsHolding(personal)).as("text, json and array columns of every table").isEmpty();
        assertThat(bytesColumnsHolding(p.nationalIdHmac())).as("the national ID's HMAC in any bytea column").isEmpty();
        for (String id : List.of(p.id(), p.duplicateId())) {
            var row = dsl().selectFrom(PARTICIPANT).where(PARTICIPANT.ID.eq(UUID.fromString(id))).fetchSingle();
            assertThat(row.getBirthDate()).isNull();
            assertThat(row.getEthnicityCode()).as("sensitive").isNull();
            assertThat(row.getNationalIdLast3()).isNull();
            assertThat(row.getErasedAt()).isNotNull();
            assertThat(row.getBirthYear()).as("kept for the age bands").isEqualTo(1987);
            assertThat(row.getSex()).isEqualTo("female");
            assertThat(row.getUnitCode()).isEqualTo(world.communeA1);
        }
        // the ethnicity and masked ID in the entries about her (their fingerprints are shared by everyone alike)
        for (String id : List.of(p.id(), p.duplicateId())) {
            for (JsonNode entry : world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + id).json()
                    .get("items")) {
                for (String side : List.of("before", "after")) {
                    JsonNode v = entry.get(side);
                    for (String field : List.of("ethnicityCode", "nationalIdMasked", "fullName", "phone")) {
                        if (v != null && v.hasNonNull(field)) {
                            assertThat(v.get(field).asText()).as(entry.toString()).isEqualTo(Erased.MARKER);
                        }
                    }
                }
            }
        }

        // what the API shows
        JsonNode read = world.admin.get("/api/v1/participants/" + p.id()).json();
        assertThat(read.get("fullName").asText()).isEqualTo(Erased.NAME);
        assertThat(read.get("erasedAt").isNull()).isFalse();
        for (String field : List.of("phone", "birthDate", "nationalIdMasked", "ethnicityCode", "organization",
                "position")) {
            assertThat(read.get(field).isNull()).as(field).isTrue();
        }
        assertThat(read.get("targetGroups")).extracting(JsonNode::asText).containsExactly("commune_collaborators");
        for (String query : List.of(NAME, NAME_KEY, "Thuỳ Dương", phone, cccd)) {
            assertThat(world.admin.get("/api/v1/participants?q=" + q(query)).json().get("items")).as(query).isEmpty();
        }

        // the certificate: revoked, and no name anywhere verifiers look
        JsonNode check = Api.anonymous().get("/api/v1/public/certificates/" + p.certificateNumber() + "?code="
                + p.checkCode()).json();
        assertThat(check.get("status").asText()).isEqualTo("revoked");
        assertThat(check.get("revocationReason").asText()).isEqualTo(Erased.REVOCATION_REASON);
        assertThat(check.get("holderErased").asBoolean()).isTrue();
        assertThat(check.get("holderConfirmed").asBoolean()).isFalse();
        assertThat(check.get("holderName").asText()).isEqualTo(Erased.NAME);
        for (String lang : List.of("vi", "en")) {
            String page = Api.anonymous().inLanguage(lang).get("/verify/" + p.certificateNumber() + "?code="
                    + p.checkCode()).body();
            assertThat(page).doesNotContain("Dương", "H. T. T. D.", "<form").contains(
                    lang.equals("vi") ? "Dữ liệu cá nhân đã được xoá" : "Personal data erased");
        }
        assertThat(world.organizer.get("/api/v1/certificates/" + p.certificateNumber() + "/badge.json").status())
                .as("a revoked certificate is not exported").isEqualTo(409);
        JsonNode again = world.organizer.post("/api/v1/courses/" + p.course().id() + "/certificates", Map.of()).json();
        assertThat(again.get("notEligible")).anyMatch(n -> n.get("participantId").asText().equals(p.id())
                && n.get("reason").asText().equals("erased"));

        // the cards: every one revoked, none issued again
        List<String> revoked = new ArrayList<>();
        world.trainer.get("/api/v1/cards/revoked").json().get("revokedCardDigests").forEach(d -> revoked.add(d.asText()));
        for (String token : p.cards()) {
            assertThat(revoked).contains(digestOf(token));
            assertThat(Api.anonymous().get("/api/v1/public/cards/" + token).status()).isEqualTo(404);
        }
        assertThat(world.organizer.get("/api/v1/participants/" + p.id() + "/card").json().get("code").asText())
                .isEqualTo("erased");

        // the erasure itself in the log: who, when, why, and no one's data
        JsonNode entry = world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + p.id()).json()
                .get("items").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("erase");
        assertThat(entry.get("userId").asText()).isEqualTo(world.admin.get("/api/v1/me").json().get("id").asText());
        assertThat(entry.get("after").get("reason").asText()).isEqualTo(REASON);
    }

    @Test
    void theIndicatorReportsAndASubmittedReportGiveTheSameNumbersAfterTheErasure() {
        Person p = fullyRecordedPerson();
        JsonNode other = create(world.organizer, "fullName", "Nông Văn Khánh", "sex", "male", "birthYear", 1992,
                "ethnicityCode", "07", "consent", consent(true), "unitCode", world.communeB1,
                "targetGroups", List.of("community_members"));
        // someone else in the same course, enrolled while it ran, present at one session of three
        dsl().update(COURSE).set(COURSE.STATUS, "running").where(COURSE.ID.eq(p.course().id())).execute();
        enroll(p.course(), id(other));
        attend(p.course(), 0, id(other));
        complete(p.course());
        String period = String.valueOf(p.course().days().get(0).getYear());
        List<String> queries = List.of("period=" + period, "period=" + period + "&by=sex,targetGroup,level,ageBand",
                "period=" + period + "&by=unit,sex");
        List<JsonNode> before = queries.stream()
                .map(query -> world.reporter.get("/api/v1/reports/indicators?" + query).json()).toList();
        Api.Res submitted = world.reporter.post("/api/v1/reports/submissions",
                Map.of("period", period, "by", List.of("sex", "ageBand")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);

        assertThat(erase(world.admin, p.id(), REASON).status()).isEqualTo(200);

        for (int i = 0; i < queries.size(); i++) {
            assertThat(world.reporter.get("/api/v1/reports/indicators?" + queries.get(i)).json()).as(queries.get(i))
                    .isEqualTo(before.get(i));
        }
        assertThat(before.get(0).get("rows")).anyMatch(r -> r.get("indicator").asText().equals("persons_trained")
                && r.get("value").asInt() == 1);
        JsonNode diff = world.reporter.get("/api/v1/reports/submissions/" + submitted.json().get("id").asText()
                + "/diff").json();
        assertThat(diff.get("changes")).as("nothing changed since it was submitted").isEmpty();
    }

    @Test
    void onlyAnAdminOfTheRecordsScopeMayEraseIt() {
        String inB = id(create(world.organizer, "fullName", "Lục Văn Sơn", "sex", "male", "unitCode", world.communeB1));
        for (Api notAdmin : List.of(world.organizer, world.trainer, world.reporter, world.districtOrganizer)) {
            Api.Res res = erase(notAdmin, inB, REASON);
            assertThat(res.status()).isEqualTo(403);
            assertThat(res.json().get("code").asText()).isEqualTo("forbidden");
        }
        Api districtAdmin = world.newUser("dadmin", Role.admin, world.districtA);
        assertThat(erase(districtAdmin, inB, REASON).status()).as("another district's person").isEqualTo(404);
        assertThat(erase(World.create().admin, inB, REASON).status()).as("another province's").isEqualTo(404);
        assertThat(erase(world.admin, UUID.randomUUID().toString(), REASON).status()).isEqualTo(404);
        assertThat(world.admin.get("/api/v1/participants/" + inB).json().get("erasedAt").isNull()).isTrue();

        String inA = id(create(world.organizer, "fullName", "Lục Văn Sơn", "sex", "male", "unitCode", world.communeA2));
        assertThat(erase(districtAdmin, inA, REASON).status()).isEqualTo(200);
    }

    @Test
    void theReasonIsRequiredAndMustNotRepeatThePersonsData() {
        JsonNode person = create(world.organizer, "fullName", "Triệu Thị Hằng", "sex", "female", "phone", "0912 777 031",
                "unitCode", world.communeA1);
        String id = id(person);
        for (Object missing : new Object[]{null, "  \u200B ", ""}) {
            Api.Res res = erase(world.admin, id, missing);
            assertThat(res.status()).as(String.valueOf(missing)).isEqualTo(400);
            assertThat(res.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");
            assertThat(res.json().get("errors").get(0).get("code").asText()).isEqualTo("required");
        }
        assertThat(world.admin.post("/api/v1/participants/" + id + "/erasure", Map.of()).status()).isEqualTo(400);
        assertThat(erase(world.admin, id, "x".repeat(501)).json().get("errors").get(0).get("code").asText())
                .isEqualTo("too_long");
        for (String leaky : List.of("Bà trieu thi hang gọi điện ngày 3/2/2026", "Yêu cầu qua số 0912.777.031")) {
            Api.Res res = erase(world.admin, id, leaky);
            assertThat(res.status()).as(leaky).isEqualTo(422);
            assertThat(res.json().get("errors").get(0).get("code").asText()).isEqualTo("personal_data");
        }
        Api.Res english = erase(world.admin.inLanguage("en"), id, null);
        assertThat(english.header("Content-Type")).startsWith("application/problem+json");
        assertThat(english.json().get("errors").get(0).get("message").asText()).isEqualTo("is required");
        assertThat(erase(world.admin, id, null).json().get("errors").get(0).get("message").asText())
                .isEqualTo("là bắt buộc");
        assertThat(world.admin.get("/api/v1/participants/" + id).json().get("phone").asText())
                .as("nothing erased by a refused request").isEqualTo("+84912777031");
    }

    @Test
    void anErasedRecordCannotBeErasedAgainChangedMergedEnrolledExcusedOrGivenACard() {
        String id = id(create(world.organizer, "fullName", "Hà Thị Nga", "sex", "female", "birthYear", 1979,
                "unitCode", world.communeA1));
        String other = id(create(world.organizer, "fullName", "Hà Thị Ngân", "sex", "female",
                "unitCode", world.communeA1));
        JsonNode first = erase(world.admin, id, REASON).json();

        Api.Res twice = erase(world.admin, id, "Đơn nhắc lại ngày 20/01/2026");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asText()).isEqualTo("already_erased");
        assertThat(twice.json().get("title").asText()).isEqualTo("Đã xoá từ trước");
        assertThat(erase(world.admin.inLanguage("en"), id, REASON).json().get("title").asText())
                .isEqualTo("Already erased");
        assertThat(world.admin.get("/api/v1/participants/" + id).json().get("erasedAt").asText())
                .as("the first erasure stands").isEqualTo(first.get("participant").get("erasedAt").asText());

        Api.Res patch = world.organizer.patch("/api/v1/participants/" + id, body("fullName", "Hà Thị Nga"));
        assertThat(patch.status()).isEqualTo(409);
        assertThat(patch.json().get("code").asText()).isEqualTo("erased");
        assertThat(world.organizer.inLanguage("en").patch("/api/v1/participants/" + id, body("position", "x"))
                .json().get("title").asText()).isEqualTo("Personal data erased");
        for (String[] pair : List.of(new String[]{id, other}, new String[]{other, id})) {
            Api.Res merge = world.organizer.post("/api/v1/participants/" + pair[0] + "/merge",
                    Map.of("duplicateId", pair[1]));
            assertThat(merge.status()).isEqualTo(409);
            assertThat(merge.json().get("code").asText()).isEqualTo("erased");
        }
        Course course = course(1);
        Api.Res enroll = world.organizer.post("/api/v1/courses/" + course.id() + "/enrollments",
                Map.of("participantId", id));
        assertThat(enroll.status()).isEqualTo(422);
        assertThat(enroll.json().get("errors").get(0).get("code").asText()).isEqualTo("erased_participant");
        // an excuse of a session of a course they attended before the erasure: its reason is not kept
        Course attended = course(1);
        enroll(attended, other);
        erase(world.admin, other, REASON);
        Api.Res excuse = world.organizer.put("/api/v1/sessions/" + attended.sessions().get(0) + "/excused/" + other,
                Map.of("reason", "Ốm, nằm viện"));
        assertThat(excuse.status()).as(excuse.body()).isEqualTo(409);
        assertThat(excuse.json().get("code").asText()).isEqualTo("erased");
        assertThat(dsl().fetchCount(EXCUSED_ABSENCE, EXCUSED_ABSENCE.PARTICIPANT_ID.eq(UUID.fromString(other))))
                .isZero();
        for (Api.Res res : List.of(world.organizer.get("/api/v1/participants/" + id + "/card"),
                world.organizer.get("/api/v1/participants/" + id + "/badge.png"),
                world.organizer.post("/api/v1/participants/" + id + "/card/revoke", Map.of("reason", "mất thẻ")))) {
            assertThat(res.status()).isEqualTo(409);
            assertThat(res.json().get("code").asText()).isEqualTo("erased");
        }
        // a new registration of the same name and year is a new person, not matched to the erased record
        JsonNode again = create(world.organizer, "fullName", Erased.NAME, "sex", "female", "birthYear", 1979,
                "unitCode", world.communeA1);
        assertThat(again.get("duplicateOf").isNull()).isTrue();
    }

    @Test
    void aMergedRecordIsErasedThroughTheRecordItWasMergedInto() {
        String kept = id(create(world.organizer, "fullName", "Ma Thị Loan", "sex", "female", "phone", "0988123457",
                "unitCode", world.communeA1));
        String duplicate = id(create(world.organizer, "fullName", "Ma Thị Loan", "sex", "female",
                "phone", "0988123457", "unitCode", world.communeA1));
        assertThat(world.organizer.post("/api/v1/participants/" + kept + "/merge", Map.of("duplicateId", duplicate))
                .status()).isEqualTo(200);
        Api.Res res = erase(world.admin, duplicate, REASON);
        assertThat(res.status()).isEqualTo(409);
        assertThat(res.json().get("code").asText()).isEqualTo("merged");
        assertThat(res.json().get("detail").asText()).contains(kept);
    }

    @Test
    void anAdminOfADistrictIsNotToldOfAnotherDistrictsRecordFlaggedAsTheSamePerson() {
        Api districtAdmin = world.newUser("dadmin", Role.admin, world.districtA);
        String erased = id(create(world.organizer, "fullName", "Bế Thị Yến", "sex", "female", "phone", "0977000433",
                "unitCode", world.communeA1));
        JsonNode inB = create(world.organizer, "fullName", "Bế Thị Yến", "sex", "female", "phone", "0977000433",
                "unitCode", world.communeB1);
        JsonNode inA = create(world.organizer, "fullName", "Bế Thị Yến", "sex", "female", "phone", "0977000433",
                "unitCode", world.communeA2);
        assertThat(inB.get("duplicateOf").asText()).isEqualTo(erased);
        assertThat(inA.get("duplicateOf").asText()).isEqualTo(erased);

        Api.Res res = erase(districtAdmin, erased, REASON);

        assertThat(res.status()).as(res.body()).isEqualTo(200);
        // both flags are cleared (they named the erased record), but the answer names only the record
        // the district admin may see and check: the other one is district B's
        assertThat(res.json().get("clearedDuplicateFlags")).extracting(JsonNode::asText).containsExactly(id(inA));
        assertThat(world.admin.get("/api/v1/participants/" + id(inB)).json().get("duplicateOf").isNull()).isTrue();
        assertThat(world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + erased).json().get("items")
                .get(0).get("after").get("clearedDuplicateFlags")).hasSize(2);
    }

    @Test
    void aRecordFlaggedAsLikelyTheSamePersonLosesItsFlagAndIsNamedForTheAdminToCheck() {
        String erased = id(create(world.organizer, "fullName", "Bế Thị Yến", "sex", "female", "phone", "0977000432",
                "unitCode", world.communeA1));
        JsonNode flagged = create(world.organizer, "fullName", "Bế Thị Yến", "sex", "female", "phone", "0977000432",
                "unitCode", world.communeA2);
        assertThat(flagged.get("duplicateOf").asText()).isEqualTo(erased);

        JsonNode answer = erase(world.admin, erased, REASON).json();

        assertThat(answer.get("clearedDuplicateFlags")).extracting(JsonNode::asText).containsExactly(id(flagged));
        JsonNode after = world.admin.get("/api/v1/participants/" + id(flagged)).json();
        assertThat(after.get("duplicateOf").isNull()).isTrue();
        assertThat(after.get("fullName").asText()).as("that record is not erased").isEqualTo("Bế Thị Yến");
        assertThat(world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + id(flagged)).json()
                .get("items").get(0).get("action").asText()).isEqualTo("clear_duplicate_flag");
    }

    // ------------------------------------------------------------------------------------ helpers

    /** "table.column" of every text, json and array column of the public schema holding one of the strings. */
    private static List<String> columnsHolding(List<String> needles) {
        List<String> found = new ArrayList<>();
        var columns = dsl().fetch("""
                select table_name, column_name from information_schema.columns
                where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'json',
                                                                'jsonb', 'ARRAY', 'USER-DEFINED')
                order by table_name, column_name""");
        for (var c : columns) {
            String table = c.get(0, String.class);
            String column = c.get(1, String.class);
            List<String> hits = dsl().fetch("select distinct n from \"" + table + "\", unnest(?::text[]) n "
                    + "where strpos(\"" + column + "\"::text, n) > 0", (Object) needles.toArray(String[]::new))
                    .getValues(0, String.class);
            hits.forEach(h -> found.add(table + "." + column + ": " + h));
        }
        return found;
    }

    /** "table.column" of every bytea column of the public schema holding exactly these bytes. */
    private static List<String> bytesColumnsHolding(byte[] value) {
        List<String> found = new ArrayList<>();
        for (var c : dsl().fetch("select table_name, column_name from information_schema.columns "
                + "where table_schema = 'public' and data_type = 'bytea'")) {
            String table = c.get(0, String.class);
            String column = c.get(1, String.class);
            if (dsl().fetchOne("select count(*) from \"" + table + "\" where \"" + column + "\" = ?", value)
                    .get(0, Integer.class) > 0) {
                found.add(table + "." + column);
            }
        }
        return found;
    }

    /** The digest a revoked card is listed under, computed from the card's own claims. */
    private static String digestOf(String token) throws Exception {
        JsonNode claims = vn.bdg.registry.web.Json.MAPPER.readTree(
                java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return CardService.revocationDigest(claims.get("iss").asText(), UUID.fromString(claims.get("sub").asText()),
                claims.get("ver").asInt());
    }
}
