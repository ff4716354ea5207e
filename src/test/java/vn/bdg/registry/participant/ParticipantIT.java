package vn.bdg.registry.participant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.IfMatch;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.participant.Participants.assertNoNationalId;
import static vn.bdg.registry.participant.Participants.body;
import static vn.bdg.registry.participant.Participants.consent;
import static vn.bdg.registry.participant.Participants.create;
import static vn.bdg.registry.participant.Participants.id;

class ParticipantIT {
    private static final String CCCD = "001185012345"; // a woman born in 1985
    private final World world = World.create();

    @Test
    void aParticipantIsStoredNormalisedAndReadBackWithTheNationalIdMasked() {
        String nfd = Normalizer.normalize("Nguyễn Thị Hoà", Normalizer.Form.NFD);
        JsonNode created = create(world.organizer, "fullName", "  " + nfd + "  ", "sex", "female",
                "birthDate", "1985-03-15", "phone", "0912 345 678", "nationalId", CCCD, "ethnicityCode", "02",
                "consent", consent(true), "unitCode", world.communeA1, "organization", "Hội LHPN xã", "position", "Chủ tịch",
                "targetGroups", List.of("commune_collaborators", "women_leaders"));

        Api.Res read = world.reporter.get("/api/v1/participants/" + id(created));
        assertThat(read.status()).isEqualTo(200);
        assertNoNationalId(read);
        JsonNode p = read.json();
        assertThat(p.get("fullName").asText()).isEqualTo(Normalizer.normalize("Nguyễn Thị Hoà", Normalizer.Form.NFC));
        assertThat(p.get("birthYear").asInt()).as("the year of the birth date").isEqualTo(1985);
        assertThat(p.get("phone").asText()).isEqualTo("+84912345678");
        assertThat(p.get("nationalIdMasked").asText()).isEqualTo("*********345");
        assertThat(p.has("nationalId")).isFalse();
        assertThat(p.get("targetGroups")).hasSize(2);
        assertThat(p.get("duplicateOf").isNull()).isTrue();
    }

    @Test
    void everyCommonPhoneFormatIsStoredAsTheSameE164Number() {
        for (String phone : List.of("0987654321", "+84987654321", "84 987 654 321", "098.765.4321")) {
            JsonNode p = create(world.organizer, "fullName", "Lò Văn Sáu", "sex", "male", "phone", phone);
            assertThat(p.get("phone").asText()).as(phone).isEqualTo("+84987654321");
        }
    }

    @Test
    void aCmndIsMaskedWithSixStars() {
        JsonNode p = create(world.organizer, "fullName", "Hà Văn Tư", "sex", "male", "nationalId", "095123456");
        assertThat(p.get("nationalIdMasked").asText()).isEqualTo("******456");
    }

    @Test
    void anUpdateChangesOnlyTheFieldsSentAndNullClearsAField() {
        JsonNode created = create(world.organizer, "fullName", "Hoàng Thị Mai", "sex", "female", "birthYear", 1990,
                "phone", "0912000111", "organization", "UBND xã");
        Api.Res patched = world.organizer.patch("/api/v1/participants/" + id(created),
                body("phone", null, "position", "Cán bộ LĐ-TBXH", "nationalId", "001190000321"));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertNoNationalId(patched);
        JsonNode p = patched.json();
        assertThat(p.get("fullName").asText()).isEqualTo("Hoàng Thị Mai");
        assertThat(p.get("organization").asText()).isEqualTo("UBND xã");
        assertThat(p.get("phone").isNull()).isTrue();
        assertThat(p.get("position").asText()).isEqualTo("Cán bộ LĐ-TBXH");
        assertThat(p.get("nationalIdMasked").asText()).isEqualTo("*********321");

        Api.Res renamed = world.organizer.patch("/api/v1/participants/" + id(created), body("fullName", "Hoàng Thị Mai Anh"));
        assertThat(renamed.json().get("nationalIdMasked").asText()).as("an absent field is unchanged")
                .isEqualTo("*********321");
        assertThat(renamed.json().get("birthYear").asInt()).isEqualTo(1990);
    }

    @Test
    void aNewBirthDateBringsItsYearAndANewYearMustAgreeWithTheDate() {
        String path = "/api/v1/participants/" + id(create(world.organizer, "fullName", "Vương Thị Nga", "sex", "female",
                "birthYear", 1990));
        assertThat(world.organizer.patch(path, body("birthDate", "1991-02-03")).json().get("birthYear").asInt())
                .isEqualTo(1991);
        assertThat(fieldCodes(world.organizer.patch(path, body("birthYear", 1992))))
                .containsExactly("birthYear:birth_year_mismatch");
        JsonNode cleared = world.organizer.patch(path, body("birthDate", null)).json();
        assertThat(cleared.get("birthDate").isNull()).isTrue();
        assertThat(cleared.get("birthYear").asInt()).isEqualTo(1991);
        assertThat(fieldCodes(world.organizer.patch(path, body("fullName", null)))).containsExactly("fullName:required");
        assertThat(fieldCodes(world.organizer.patch(path, body("fullName", "\u0301\u0301"))))
                .as("only combining marks: a blank name nobody could find").containsExactly("fullName:no_letter");
    }

    @Test
    void everyWriteIsInTheAuditLogWithoutTheNationalIdPhoneBirthDateOrEthnicity() {
        JsonNode created = create(world.organizer, "fullName", "Triệu Thị Lan", "sex", "female", "nationalId", CCCD,
                "phone", "0912345678", "birthDate", "1985-03-02", "ethnicityCode", "02", "consent", consent(true));
        world.organizer.patch("/api/v1/participants/" + id(created), body("position", "Trưởng thôn"));
        world.organizer.patch("/api/v1/participants/" + id(created), body("phone", "0987654321"));
        Api.Res log = world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + id(created));
        assertNoNationalId(log);
        assertThat(log.body()).doesNotContain("912345678", "987654321", "1985-03-02", "\"02\"");
        List<String> actions = new ArrayList<>();
        log.json().get("items").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsExactly("update", "update", "create");
        JsonNode position = log.json().get("items").get(1);
        assertThat(position.get("before").get("position").isNull()).isTrue();
        assertThat(position.get("after").get("position").asText()).isEqualTo("Trưởng thôn");
        assertThat(position.get("after").get("phone")).as("unchanged: the same fingerprint")
                .isEqualTo(position.get("before").get("phone"));
        JsonNode phone = log.json().get("items").get(0);
        assertThat(phone.get("after").get("phone").asText()).startsWith("hmac:")
                .isNotEqualTo(phone.get("before").get("phone").asText());
    }

    @Test
    void aNameSharedByManyIsSearchedPageByPageWithNoOneRepeatedOrLeftOut() {
        // more namesakes than a page and the most ties read past it: the first pages (more than 2,000
        // namesakes past them) are sorted by the database, the later ones from the nearest names read
        // through the cursor (see ParticipantRepository.searchByName)
        TestServer.get().database.dsl().execute("insert into participant (province_code, full_name, sex, unit_code)"
                + " select ?, 'Nông Thị Thu', 'female', ? from generate_series(1, 5300)", world.province, world.communeA1);
        for (String other : List.of("Nông Thị Thủy", "Nông Thị Thu Hà", "Nông Văn Thu", "Hoàng Thị Thu")) {
            Fixtures.participant(world, other, "female", world.communeA2);
        }
        List<String> paged = new ArrayList<>();
        Api.Res page = world.organizer.get("/api/v1/participants?q=nong%20thi%20thu&limit=200");
        while (true) {
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(p -> paged.add(p.get("id").asText()));
            if (page.json().get("nextCursor").isNull()) {
                break;
            }
            page = world.organizer.get("/api/v1/participants?q=nong%20thi%20thu&limit=200&cursor="
                    + page.json().get("nextCursor").asText());
        }
        List<String> expected = TestServer.get().database.dsl().fetch("select id::text from participant"
                        + " where province_code = ? and merged_into is null and name_key %> f_unaccent(lower('nong thi thu'))"
                        + " order by name_key <->> f_unaccent(lower('nong thi thu')), id", world.province)
                .getValues(0, String.class);
        assertThat(expected).hasSizeGreaterThan(5300);
        assertThat(paged).as("best first, namesakes by id, as the database orders them").isEqualTo(expected);
    }

    @Test
    void theListIsInVietnameseListOrderAndPagedWithAnOpaqueCursor() {
        for (String name : List.of("Đặng Văn Đức", "Bế Thị An", "Chu Văn Cường", "Lê Văn Dũng", "Nguyễn Thị An")) {
            create(world.organizer, "fullName", name, "sex", "male");
        }
        List<String> names = new ArrayList<>();
        Api.Res page = world.organizer.get("/api/v1/participants?limit=2");
        assertNoNationalId(page);
        while (true) {
            page.json().get("items").forEach(p -> names.add(p.get("fullName").asText()));
            if (page.json().get("nextCursor").isNull()) {
                break;
            }
            page = world.organizer.get("/api/v1/participants?limit=2&cursor=" + page.json().get("nextCursor").asText());
        }
        assertThat(names).as("by given name, Đ after D, then by the rest of the name, as printed lists are")
                .containsExactly("Bế Thị An", "Nguyễn Thị An", "Chu Văn Cường", "Lê Văn Dũng", "Đặng Văn Đức");
        assertThat(world.organizer.get("/api/v1/participants?cursor=bm90LWEtY3Vyc29y").status()).isEqualTo(400);
    }

    @Test
    void anotherProvinceCannotReadChangeListSearchOrMergeOurParticipants() {
        World other = World.create();
        JsonNode ours = create(world.organizer, "fullName", "Nông Thị Bích", "sex", "female", "phone", "0911222333",
                "nationalId", CCCD.replace("012345", "777777"));
        String path = "/api/v1/participants/" + id(ours);
        JsonNode theirs = create(other.organizer, "fullName", "Nông Thị Bích", "sex", "female");

        assertThat(other.admin.get(path).status()).isEqualTo(404);
        assertThat(other.admin.patch(path, body("position", "x")).status()).isEqualTo(404);
        assertThat(other.admin.get(path + "/duplicates").status()).isEqualTo(404);
        assertThat(other.admin.post(path + "/merge", body("duplicateId", id(theirs))).status()).isEqualTo(404);
        assertThat(other.admin.post("/api/v1/participants/" + id(theirs) + "/merge", body("duplicateId", id(ours)))
                .status()).isEqualTo(404);
        assertThat(other.admin.get("/api/v1/participants").ids()).doesNotContain(id(ours));
        assertThat(other.admin.get("/api/v1/participants?q=nong%20thi%20bich").ids()).containsExactly(id(theirs));
        assertThat(other.admin.get("/api/v1/participants?q=0911222333").ids()).isEmpty();
        assertThat(other.admin.get("/api/v1/participants?q=001185777777").ids()).isEmpty();
        assertThat(world.organizer.get(path).json().get("position").isNull()).as("unchanged").isTrue();
        assertThat(create(other.organizer, "fullName", "Nông Thị Bích", "sex", "female", "phone", "0911222333")
                .get("duplicateOf").isNull()).as("no duplicate flag across provinces").isTrue();
    }

    @Test
    void districtUsersSeeAndChangeOnlyParticipantsOfTheirDistrict() {
        JsonNode inB = create(world.organizer, "fullName", "Lục Văn Bình", "sex", "male", "phone", "0913444555",
                "unitCode", world.communeB1);
        JsonNode inA = create(world.organizer, "fullName", "Lục Văn An", "sex", "male", "unitCode", world.communeA2);
        String pathB = "/api/v1/participants/" + id(inB);

        for (Api user : List.of(world.districtReporter, world.districtOrganizer)) {
            assertThat(user.get(pathB).status()).isEqualTo(404);
            assertThat(user.get("/api/v1/participants/" + id(inA)).status()).isEqualTo(200);
            assertThat(user.get("/api/v1/participants").ids()).contains(id(inA)).doesNotContain(id(inB));
            assertThat(user.get("/api/v1/participants?q=luc%20van").ids()).contains(id(inA)).doesNotContain(id(inB));
            assertThat(user.get("/api/v1/participants?q=0913444555").ids()).isEmpty();
        }
        assertThat(world.districtOrganizer.patch(pathB, body("position", "x")).status()).isEqualTo(404);
        assertThat(world.districtOrganizer.patch("/api/v1/participants/" + id(inA), body("unitCode", world.communeB2))
                .status()).as("moving a person out of one's scope").isEqualTo(422);

        Api.Res outside = world.districtOrganizer.post("/api/v1/participants",
                body("fullName", "Ma Thị Hạnh", "sex", "female", "unitCode", world.communeB2));
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.json().get("errors").get(0).get("field").asText()).isEqualTo("unitCode");
        assertThat(outside.json().get("errors").get(0).get("code").asText()).isEqualTo("unknown_unit");

        JsonNode own = create(world.districtOrganizer, "fullName", "Ma Thị Hạnh", "sex", "female");
        assertThat(own.get("unitCode").asText()).as("a district user's people are in their district")
                .isEqualTo(world.districtA);
        assertThat(world.districtReporter.get("/api/v1/participants/" + id(own)).status()).isEqualTo(200);
    }

    @Test
    void onlyReadersMayReadAndOnlyManagersMayWrite() {
        assertThat(world.trainer.get("/api/v1/participants").status()).isEqualTo(403);
        assertThat(world.reporter.post("/api/v1/participants", body("fullName", "A", "sex", "male")).status())
                .isEqualTo(403);
    }

    @Test
    void malformedInputIsA400ThatNamesEveryBadField() {
        Api.Res missing = world.organizer.post("/api/v1/participants", body("phone", "12345", "nationalId", "123"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fieldCodes(missing)).containsExactlyInAnyOrder("fullName:required", "sex:required",
                "phone:invalid_phone", "nationalId:invalid_national_id");

        Api.Res unknown = world.organizer.post("/api/v1/participants", body("fullName", "A", "sex", "male", "age", 3));
        assertThat(fieldCodes(unknown)).containsExactly("age:unknown_field");

        Api.Res wrongType = world.organizer.post("/api/v1/participants",
                body("fullName", "A", "sex", "male", "birthYear", "1985"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(fieldCodes(wrongType)).containsExactly("birthYear:not_an_integer");

        Api.Res sex = world.organizer.post("/api/v1/participants", body("fullName", "A", "sex", "nam"));
        assertThat(fieldCodes(sex)).containsExactly("sex:invalid_sex");

        Api.Res malformed = world.organizer.post("/api/v1/participants", "{\"fullName\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("malformed_json");

        Api.Res notJson = world.organizer.send("POST", "/api/v1/participants", "text/plain", "x".getBytes());
        assertThat(notJson.status()).isEqualTo(415);
    }

    @Test
    void datesAndTheNationalIdMustAgreeWithEachOther() {
        Api.Res years = world.organizer.post("/api/v1/participants",
                body("fullName", "A", "sex", "female", "birthYear", 1984, "birthDate", "1985-01-01"));
        assertThat(fieldCodes(years)).containsExactly("birthYear:birth_year_mismatch");

        Api.Res sex = world.organizer.post("/api/v1/participants",
                body("fullName", "A", "sex", "male", "nationalId", CCCD));
        assertThat(fieldCodes(sex)).containsExactly("nationalId:national_id_sex_mismatch");

        Api.Res year = world.organizer.post("/api/v1/participants",
                body("fullName", "A", "sex", "female", "birthYear", 1986, "nationalId", CCCD));
        assertThat(fieldCodes(year)).containsExactly("nationalId:national_id_birth_year_mismatch");

        Api.Res future = world.organizer.post("/api/v1/participants",
                body("fullName", "A", "sex", "female", "birthYear", 2099));
        assertThat(fieldCodes(future)).containsExactly("birthYear:out_of_range");
    }

    @Test
    void unknownCodesAndUnitsAreA422() {
        Api.Res res = world.organizer.post("/api/v1/participants", body("fullName", "A", "sex", "female",
                "ethnicityCode", "99", "targetGroups", List.of("women_leaders", "astronauts"), "unitCode", "00001"));
        assertThat(res.status()).isEqualTo(422);
        assertThat(fieldCodes(res)).containsExactlyInAnyOrder("ethnicityCode:unknown_code",
                "targetGroups[1]:unknown_code", "unitCode:unknown_unit");
        assertThat(world.organizer.get("/api/v1/participants?targetGroup=astronauts").status()).isEqualTo(400);
    }

    @Test
    void messagesFollowAcceptLanguage() {
        Map<String, Object> bad = body("fullName", "A", "sex", "female", "phone", "12345");
        JsonNode en = world.organizer.inLanguage("en").post("/api/v1/participants", bad).json();
        JsonNode vi = world.organizer.inLanguage("vi").post("/api/v1/participants", bad).json();
        assertThat(en.get("errors").get(0).get("code").asText()).isEqualTo("invalid_phone");
        assertThat(en.get("errors").get(0).get("message").asText()).contains("phone number");
        assertThat(vi.get("errors").get(0).get("message").asText()).contains("số điện thoại");
        assertThat(en.get("title").asText()).isNotEqualTo(vi.get("title").asText());
    }

    @Test
    void anUnknownIdIsA404() {
        assertThat(world.reporter.get("/api/v1/participants/00000000-0000-0000-0000-000000000000").status())
                .isEqualTo(404);
        assertThat(world.reporter.get("/api/v1/participants/not-a-uuid").status()).isEqualTo(404);
    }

    static List<String> fieldCodes(Api.Res res) {
        List<String> codes = new ArrayList<>();
        res.json().get("errors").forEach(e -> codes.add(e.get("field").asText() + ":" + e.get("code").asText()));
        return codes;
    }

    @Test
    void anEditFromAStaleCopyIsA412InVietnameseAndEnglishAndChangesNothing() {
        String path = "/api/v1/participants/" + id(create(world.organizer, "fullName", "Vi Thị Thu", "sex", "female"));
        IfMatch.aStaleTagIsRefusedAndNothingWritten(world.organizer, path, Map.of("phone", "0912000222"),
                Map.of("position", "Phó Chủ tịch"));
    }

    @Test
    void theETagOfAReadAllowsAnEditThatAnswersTheNewETag() {
        String path = "/api/v1/participants/" + id(create(world.organizer, "fullName", "Vi Thị Thu", "sex", "female"));
        IfMatch.theTagOfAReadAllowsAnEditThatAnswersTheNewTag(world.organizer, path,
                Map.of("organization", "Hội LHPN xã"), Map.of("birthYear", 1988));
    }

    @Test
    void ifMatchStarAndListsMatchButAWeakTagDoesNot() {
        String path = "/api/v1/participants/" + id(create(world.organizer, "fullName", "Vi Thị Thu", "sex", "female"));
        IfMatch.starAndListsMatchButAWeakTagDoesNot(world.organizer, path, Map.of("position", "Cán bộ"),
                Map.of("position", "Chủ tịch"));
    }

    @Test
    void ofEditsSentAtOnceFromTheSameCopyOneIsMade() {
        String path = "/api/v1/participants/" + id(create(world.organizer, "fullName", "Vi Thị Thu", "sex", "female"));
        IfMatch.ofEditsSentAtOnceFromTheSameCopyOneIsMade(world.organizer, path, List.of(
                Map.of("position", "Cán bộ 1"), Map.of("position", "Cán bộ 2"), Map.of("position", "Cán bộ 3"),
                Map.of("birthYear", 1980), Map.of("birthYear", 1981), Map.of("organization", "UBND xã")));
    }

    @Test
    void roundAfterRoundOfTwoEditsAtOnceFromOneCopyOneIsMade() {
        String path = "/api/v1/participants/" + id(create(world.organizer, "fullName", "Vi Thị Thu", "sex", "female"));
        IfMatch.roundAfterRoundOfTwoEditsAtOnceFromOneCopyOneIsMade(world.organizer, path, 30,
                n -> Map.of("position", "Cán bộ " + n));
    }

    @Test
    void withoutIfMatchAnEditIsMadeAsBefore() {
        String path = "/api/v1/participants/" + id(create(world.organizer, "fullName", "Vi Thị Thu", "sex", "female"));
        IfMatch.withoutIfMatchAnEditIsMadeAsBefore(world.organizer, path, Map.of("position", "Cán bộ"),
                Map.of("position", "Chủ tịch"));
    }
}
