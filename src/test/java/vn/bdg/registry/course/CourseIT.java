package vn.bdg.registry.course;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.IfMatch;
import vn.bdg.registry.support.World;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.course.Fixtures.course;
import static vn.bdg.registry.course.Fixtures.createCourse;
import static vn.bdg.registry.course.Fixtures.createSession;
import static vn.bdg.registry.course.Fixtures.errorCodes;
import static vn.bdg.registry.course.Fixtures.errorFields;

class CourseIT {
    private final World world = World.create();
    private final Api organizer = world.organizer;

    private String organization(String name) {
        Api.Res res = organizer.post("/api/v1/organizations", Map.of("name", name));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        return res.json().get("id").asText();
    }

    @Test
    void aNewCourseIsADraftWithAGeneratedCodeAndTheDefaultCompletionRule() {
        Api.Res created = organizer.post("/api/v1/courses", Map.of("title", "  Hội thảo   lồng ghép giới ",
                "kind", "workshop", "level", "province", "unitCode", world.province,
                "startDate", "2025-06-02", "endDate", "2025-06-02"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode c = created.json();
        assertThat(c.get("status").asText()).isEqualTo("draft");
        assertThat(c.get("code").asText()).matches("2025-\\d{4,}");
        assertThat(c.get("title").asText()).isEqualTo("Hội thảo lồng ghép giới");
        assertThat(c.get("completionRule").get("minAttendanceShare").asDouble()).isEqualTo(0.8);
        assertThat(c.get("topics")).isEmpty();
        assertThat(c.get("enrolledCount").asInt()).isZero();
        assertThat(c.get("planReference").isNull()).isTrue();

        JsonNode read = organizer.get("/api/v1/courses/" + c.get("id").asText()).json();
        assertThat(read).isEqualTo(c);
    }

    @Test
    void everyFieldOfACourseIsKeptAsSent() {
        String organizer1 = organization("Sở Nội vụ");
        String coOrganizer = organization("Hội Liên hiệp Phụ nữ tỉnh");
        Api.Res created = organizer.post("/api/v1/courses", course(world.communeA1,
                "code", "BK-2025-07", "level", "commune", "venue", "Hội trường UBND xã",
                "organizerId", organizer1, "coOrganizerIds", List.of(coOrganizer),
                "plannedHours", 12.5, "capacity", 40, "fundingSource", "Ngân sách tỉnh", "fundingAmount", 25000000,
                "completionRule", Map.of("minAttendanceShare", 0.75),
                "planReference", Map.of("number", "58/KH-UBND", "date", "2017-04-17")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode c = created.json();
        assertThat(c.get("code").asText()).isEqualTo("BK-2025-07");
        assertThat(c.get("unitCode").asText()).isEqualTo(world.communeA1);
        assertThat(c.get("organizerId").asText()).isEqualTo(organizer1);
        assertThat(c.get("coOrganizerIds").get(0).asText()).isEqualTo(coOrganizer);
        assertThat(c.get("plannedHours").asDouble()).isEqualTo(12.5);
        assertThat(c.get("capacity").asInt()).isEqualTo(40);
        assertThat(c.get("fundingAmount").asLong()).isEqualTo(25000000L);
        assertThat(c.get("completionRule").get("minAttendanceShare").asDouble()).isEqualTo(0.75);
        assertThat(c.get("planReference").get("number").asText()).isEqualTo("58/KH-UBND");
        assertThat(c.get("planReference").get("date").asText()).isEqualTo("2017-04-17");
        assertThat(c.get("targetGroups")).hasSize(2);
    }

    @Test
    void aCourseCodeIsUniqueInTheProvinceButNotAcrossProvinces() {
        createCourse(organizer, world.districtA, "code", "TH-01");
        Api.Res again = organizer.post("/api/v1/courses", course(world.districtB, "code", "TH-01"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("conflict");

        String other = createCourse(organizer, world.districtB, "code", "TH-02");
        Api.Res renamed = organizer.patch("/api/v1/courses/" + other, Map.of("code", "TH-01"));
        assertThat(renamed.status()).isEqualTo(409);

        World elsewhere = World.create();
        assertThat(elsewhere.organizer.post("/api/v1/courses", course(elsewhere.districtA, "code", "TH-01")).status())
                .isEqualTo(201);
    }

    @Test
    void invalidInputIsA400NamingEveryField() {
        Map<String, Object> body = new HashMap<>(course(world.districtA, "endDate", "2025-11-01", "capacity", 0,
                "plannedHours", -1, "completionRule", Map.of("minAttendanceShare", 0), "level", "village",
                "topics", new ArrayList<>(Arrays.asList("gender_knowledge", null))));
        body.remove("title");
        body.remove("kind");
        Api.Res res = organizer.post("/api/v1/courses", body);
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get("code").asText()).isEqualTo("validation_failed");
        assertThat(errorFields(res)).containsExactlyInAnyOrder("title", "kind", "level", "endDate", "plannedHours",
                "capacity", "completionRule.minAttendanceShare", "topics[1]");
    }

    @Test
    void aCompletionShareTheTableWouldRoundIsA400() {
        String id = organizer.post("/api/v1/courses", course(world.districtA)).json().get("id").asText();
        for (double share : new double[]{0.0004, 0.9999, 0.8125}) {
            Api.Res res = organizer.patch("/api/v1/courses/" + id,
                    Map.of("completionRule", Map.of("minAttendanceShare", share)));
            assertThat(res.status()).as(share + ": " + res.body()).isEqualTo(400);
            assertThat(errorFields(res)).containsExactly("completionRule.minAttendanceShare");
        }
        assertThat(organizer.patch("/api/v1/courses/" + id, Map.of("completionRule", Map.of("minAttendanceShare", 0.001)))
                .status()).isEqualTo(200);
    }

    @Test
    void malformedBodiesAreA400NeverA500() {
        Api.Res unknown = organizer.post("/api/v1/courses", course(world.districtA, "colour", "red"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(errorFields(unknown)).containsExactly("colour");
        assertThat(errorCodes(unknown)).containsExactly("unknown_field");

        Api.Res wrongType = organizer.post("/api/v1/courses", course(world.districtA, "capacity", "forty"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(errorFields(wrongType)).containsExactly("capacity");
        assertThat(errorCodes(wrongType)).containsExactly("not_an_integer");

        Api.Res badDate = organizer.post("/api/v1/courses", course(world.districtA, "startDate", "2025-02-30"));
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(errorFields(badDate)).containsExactly("startDate");

        Api.Res malformed = organizer.post("/api/v1/courses", "{\"title\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("malformed_json");

        Api.Res status = organizer.post("/api/v1/courses", course(world.districtA, "status", "open"));
        assertThat(status.status()).as("status is not a field of CourseCreate").isEqualTo(400);
        assertThat(errorFields(status)).containsExactly("status");

        Api.Res notUtf8 = organizer.send("POST", "/api/v1/courses", "application/json",
                new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, '(', '"', '}'});
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.json().get("code").asText()).isEqualTo("invalid_encoding");

        Api.Res notJson = organizer.send("POST", "/api/v1/courses", "text/plain", "title".getBytes());
        assertThat(notJson.status()).isEqualTo(415);
    }

    @Test
    void unknownReferencesAreA422NamingEachOne() {
        World elsewhere = World.create();
        Api.Res res = organizer.post("/api/v1/courses", course(elsewhere.districtA, "kind", "picnic",
                "topics", List.of("gender_knowledge", "astrology"), "targetGroups", List.of("aliens"),
                "organizerId", "00000000-0000-0000-0000-000000000001"));
        assertThat(res.status()).isEqualTo(422);
        assertThat(errorFields(res)).containsExactlyInAnyOrder("kind", "topics[1]", "targetGroups[0]", "unitCode",
                "organizerId");
        assertThat(errorCodes(res)).contains("unknown_code", "unknown_unit", "unknown_organization");

        String theirOrganization = elsewhere.organizer.post("/api/v1/organizations", Map.of("name", "Sở Tư pháp"))
                .json().get("id").asText();
        Api.Res coOrganizer = organizer.post("/api/v1/courses", course(world.districtA,
                "coOrganizerIds", List.of(theirOrganization)));
        assertThat(coOrganizer.status()).isEqualTo(422);
        assertThat(errorFields(coOrganizer)).containsExactly("coOrganizerIds");
    }

    @Test
    void patchChangesOnlyTheFieldsSentAndNullClearsThem() {
        String id = createCourse(organizer, world.districtA, "venue", "Nhà văn hoá", "capacity", 30,
                "planReference", Map.of("number", "45/KH-UBND"));
        Map<String, Object> patch = new HashMap<>();
        patch.put("title", "Tập huấn nâng cao");
        patch.put("venue", null);
        patch.put("planReference", null);
        Api.Res res = organizer.patch("/api/v1/courses/" + id, patch);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode c = res.json();
        assertThat(c.get("title").asText()).isEqualTo("Tập huấn nâng cao");
        assertThat(c.get("venue").isNull()).isTrue();
        assertThat(c.get("planReference").isNull()).isTrue();
        assertThat(c.get("capacity").asInt()).as("absent: unchanged").isEqualTo(30);

        Map<String, Object> clearTitle = new HashMap<>();
        clearTitle.put("title", null);
        Api.Res required = organizer.patch("/api/v1/courses/" + id, clearTitle);
        assertThat(required.status()).isEqualTo(400);
        assertThat(errorFields(required)).containsExactly("title");

        Api.Res reversed = organizer.patch("/api/v1/courses/" + id, Map.of("startDate", "2025-12-01"));
        assertThat(reversed.status()).as("start after the stored end").isEqualTo(400);
        assertThat(errorFields(reversed)).containsExactly("endDate");
    }

    @Test
    void everyWriteIsInTheAuditLogWithBeforeAndAfter() {
        String id = createCourse(organizer, world.districtA);
        organizer.patch("/api/v1/courses/" + id, Map.of("title", "Tên mới"));
        Fixtures.moveTo(organizer, id, "open");

        JsonNode entries = Fixtures.audit(world, "course", id);
        assertThat(entries.findValuesAsText("action")).containsExactly("status_change", "update", "create");
        JsonNode update = entries.get(1);
        assertThat(update.get("before").get("title").asText()).isEqualTo("Tập huấn kiến thức về bình đẳng giới");
        assertThat(update.get("after").get("title").asText()).isEqualTo("Tên mới");
        assertThat(entries.get(0).get("after").get("status").asText()).isEqualTo("open");
        assertThat(entries.get(2).get("before").isNull()).isTrue();
    }

    @Test
    void newDatesMustKeepEverySessionInsideTheCourse() {
        String id = createCourse(organizer, world.districtA);
        createSession(organizer, id, "2025-11-15");
        createSession(organizer, id, "2025-11-18");

        Api.Res later = organizer.patch("/api/v1/courses/" + id, Map.of("startDate", "2025-11-16"));
        assertThat(later.status()).isEqualTo(422);
        assertThat(errorFields(later)).containsExactly("startDate");
        assertThat(errorCodes(later)).containsExactly("has_sessions_outside");

        Api.Res shorter = organizer.patch("/api/v1/courses/" + id, Map.of("endDate", "2025-11-17"));
        assertThat(shorter.status()).isEqualTo(422);
        assertThat(errorFields(shorter)).containsExactly("endDate");

        Api.Res wider = organizer.patch("/api/v1/courses/" + id,
                Map.of("startDate", "2025-11-14", "endDate", "2025-11-18"));
        assertThat(wider.status()).as(wider.body()).isEqualTo(200);
    }

    @Test
    void theListFiltersByPeriodStatusKindTopicOrganizerUnitAndTitle() {
        String org = organization("Sở Lao động - Thương binh và Xã hội");
        String november = createCourse(organizer, world.communeA1, "title", "Tập huấn phòng chống bạo lực giới",
                "topics", List.of("gbv_prevention"), "organizerId", org);
        String march = createCourse(organizer, world.districtB, "title", "Hội nghị tổng kết", "kind", "conference",
                "startDate", "2025-03-01", "endDate", "2025-03-02", "coOrganizerIds", List.of(org));
        String spanning = createCourse(organizer, world.districtA, "title", "Lớp bồi dưỡng cán bộ nữ",
                "kind", "refresher", "startDate", "2025-02-20", "endDate", "2025-12-31");
        Fixtures.moveTo(organizer, spanning, "open");

        assertThat(ids("?from=2025-11-01&to=2025-11-30")).containsExactlyInAnyOrder(november, spanning);
        assertThat(ids("?to=2025-02-28")).containsExactly(spanning);
        assertThat(ids("?status=open")).containsExactly(spanning);
        assertThat(ids("?kind=conference")).containsExactly(march);
        assertThat(ids("?topic=gbv_prevention")).containsExactly(november);
        assertThat(ids("?organizer=" + org)).containsExactlyInAnyOrder(november, march);
        assertThat(ids("?unit=" + world.districtA)).as("a district and its communes")
                .containsExactlyInAnyOrder(november, spanning);
        assertThat(ids("?unit=" + world.communeA1)).containsExactly(november);
        assertThat(ids("?q=bao%20luc%20GIOI")).as("without diacritics, any case").containsExactly(november);
        assertThat(ids("?q=H%E1%BB%99i%20ngh%E1%BB%8B")).containsExactly(march);

        Api.Res badStatus = organizer.get("/api/v1/courses?status=finished");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(organizer.get("/api/v1/courses?from=yesterday").status()).isEqualTo(400);
        assertThat(organizer.get("/api/v1/courses?organizer=nobody").status()).isEqualTo(400);
        // a kind or topic no course can have is said, not answered with an empty list
        Api.Res badKind = organizer.get("/api/v1/courses?kind=webinar&topic=astronomy");
        assertThat(badKind.status()).as(badKind.body()).isEqualTo(400);
        assertThat(errorFields(badKind)).containsExactly("kind", "topic");
    }

    @Test
    void theListPagesNewestFirstWithoutGapsOrRepeats() {
        List<String> created = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            created.add(createCourse(organizer, world.districtA, "startDate", "2025-05-0" + day,
                    "endDate", "2025-05-0" + day));
        }
        created.add(createCourse(organizer, world.districtA, "startDate", "2025-05-03", "endDate", "2025-05-04"));

        List<String> seen = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        String cursor = null;
        do {
            Api.Res page = organizer.get("/api/v1/courses?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(c -> starts.add(c.get("startDate").asText()));
            seen.addAll(page.ids());
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        assertThat(starts).isSortedAccordingTo(Comparator.reverseOrder());

        Api.Res bad = organizer.get("/api/v1/courses?cursor=bm90LWEtY3Vyc29y");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(errorFields(bad)).containsExactly("cursor");
    }

    @Test
    void anEditFromAStaleCopyIsA412InVietnameseAndEnglishAndChangesNothing() {
        String path = "/api/v1/courses/" + createCourse(organizer, world.districtA);
        IfMatch.aStaleTagIsRefusedAndNothingWritten(organizer, path, Map.of("title", "Tên do người khác sửa"),
                Map.of("venue", "Hội trường tỉnh", "status", "open"));
        assertThat(organizer.get(path).json().get("status").asText()).isEqualTo("draft");
    }

    @Test
    void theETagOfAReadAllowsAnEditThatAnswersTheNewETag() {
        String path = "/api/v1/courses/" + createCourse(organizer, world.districtA);
        IfMatch.theTagOfAReadAllowsAnEditThatAnswersTheNewTag(organizer, path, Map.of("title", "Tên mới"),
                Map.of("capacity", 25));
    }

    @Test
    void ifMatchStarAndListsMatchButAWeakTagDoesNot() {
        String path = "/api/v1/courses/" + createCourse(organizer, world.districtA);
        IfMatch.starAndListsMatchButAWeakTagDoesNot(organizer, path, Map.of("venue", "Nhà văn hoá"),
                Map.of("venue", "Hội trường xã"));
    }

    @Test
    void ofEditsSentAtOnceFromTheSameCopyOneIsMade() {
        String path = "/api/v1/courses/" + createCourse(organizer, world.districtA);
        IfMatch.ofEditsSentAtOnceFromTheSameCopyOneIsMade(organizer, path,
                List.of(Map.of("capacity", 20), Map.of("capacity", 21), Map.of("capacity", 22), Map.of("capacity", 23),
                        Map.of("title", "Tên A"), Map.of("title", "Tên B")));
    }

    @Test
    void roundAfterRoundOfTwoEditsAtOnceFromOneCopyOneIsMade() {
        String path = "/api/v1/courses/" + createCourse(organizer, world.districtA);
        IfMatch.roundAfterRoundOfTwoEditsAtOnceFromOneCopyOneIsMade(organizer, path, 30,
                n -> Map.of("title", "Tên " + n));
    }

    @Test
    void withoutIfMatchAnEditIsMadeAsBefore() {
        String path = "/api/v1/courses/" + createCourse(organizer, world.districtA);
        IfMatch.withoutIfMatchAnEditIsMadeAsBefore(organizer, path, Map.of("title", "Tên thứ nhất"),
                Map.of("title", "Tên thứ hai"));
    }

    @Test
    void anEnrollmentChangesTheCountButNotTheCoursesETag() {
        String id = createCourse(organizer, world.districtA);
        String path = "/api/v1/courses/" + id;
        String seen = IfMatch.etag(IfMatch.read(organizer, path));
        Api.Res enrolled = organizer.post(path + "/enrollments",
                Map.of("participantId", Fixtures.participant(world, "Nông Thị Hằng", "female", world.communeA1)));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);

        Api.Res read = IfMatch.read(organizer, path);
        assertThat(read.json().get("enrolledCount").asInt()).isEqualTo(1);
        assertThat(IfMatch.etag(read)).as("the course's own fields did not change").isEqualTo(seen);
        assertThat(IfMatch.patch(organizer, path, seen, Map.of("capacity", 30)).status()).isEqualTo(200);
    }

    private List<String> ids(String query) {
        Api.Res res = organizer.get("/api/v1/courses" + query);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.ids();
    }
}
