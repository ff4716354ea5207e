package vn.bdg.registry.course;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.IfMatch;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.COURSE_SESSION;
import static vn.bdg.registry.course.Fixtures.createCourse;
import static vn.bdg.registry.course.Fixtures.createSession;
import static vn.bdg.registry.course.Fixtures.errorCodes;
import static vn.bdg.registry.course.Fixtures.errorFields;

class SessionIT {
    private final World world = World.create();
    private final Api organizer = world.organizer;
    private final String course = createCourse(organizer, world.districtA);

    private Api.Res add(Map<String, Object> body) {
        return organizer.post("/api/v1/courses/" + course + "/sessions", body);
    }

    @Test
    void sessionsAreListedByDateAndStartTime() {
        Api.Res afternoon = add(Map.of("date", "2025-11-15", "startTime", "13:30", "endTime", "16:30",
                "venue", "Hội trường xã"));
        assertThat(afternoon.status()).as(afternoon.body()).isEqualTo(201);
        JsonNode s = afternoon.json();
        assertThat(s.get("courseId").asText()).isEqualTo(course);
        assertThat(s.get("startTime").asText()).isEqualTo("13:30");
        assertThat(s.get("endTime").asText()).isEqualTo("16:30");
        String later = createSession(organizer, course, "2025-11-17");
        String morning = createSession(organizer, course, "2025-11-15");

        Api.Res list = organizer.get("/api/v1/courses/" + course + "/sessions");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.ids()).containsExactly(morning, s.get("id").asText(), later);
        assertThat(organizer.get("/api/v1/sessions/" + later).json().get("date").asText()).isEqualTo("2025-11-17");
    }

    @Test
    void aSessionOutsideTheCourseDatesIsA422() {
        Api.Res before = add(Map.of("date", "2025-11-14", "startTime", "08:00", "endTime", "11:00"));
        assertThat(before.status()).isEqualTo(422);
        assertThat(errorFields(before)).containsExactly("date");
        assertThat(errorCodes(before)).containsExactly("outside_course_dates");
        assertThat(before.json().get("errors").get(0).get("message").asText()).contains(Fixtures.START)
                .contains(Fixtures.END);

        String id = createSession(organizer, course, Fixtures.END);
        Api.Res moved = organizer.patch("/api/v1/sessions/" + id, Map.of("date", "2025-11-21"));
        assertThat(moved.status()).isEqualTo(422);
        assertThat(organizer.get("/api/v1/sessions/" + id).json().get("date").asText()).isEqualTo(Fixtures.END);
    }

    @Test
    void aSessionOverlappingAnotherOfTheCourseIsA422SoADoubleTapAddsNoSecondOne() {
        String morning = createSession(organizer, course, Fixtures.START);
        Api.Res again = add(Map.of("date", Fixtures.START, "startTime", "08:00", "endTime", "11:30"));
        assertThat(again.status()).as(again.body()).isEqualTo(422);
        assertThat(errorCodes(again)).containsExactly("overlaps_session");
        assertThat(again.json().get("errors").get(0).get("message").asText()).contains("08:00").contains("11:30");
        assertThat(add(Map.of("date", Fixtures.START, "startTime", "11:00", "endTime", "12:00")).status())
                .as("overlapping its end").isEqualTo(422);
        assertThat(add(Map.of("date", Fixtures.START, "startTime", "11:30", "endTime", "16:30")).status())
                .as("starting when it ends").isEqualTo(201);
        String nextDay = createSession(organizer, course, Fixtures.END);
        assertThat(organizer.patch("/api/v1/sessions/" + nextDay, Map.of("date", Fixtures.START)).status())
                .as("moved onto it").isEqualTo(422);
        assertThat(organizer.patch("/api/v1/sessions/" + morning, Map.of("endTime", "11:00")).status())
                .as("a session does not overlap itself").isEqualTo(200);
        // two sessions that overlapped before the rule: the venue of one can still be changed
        TestServer.get().database.dsl().update(COURSE_SESSION).set(COURSE_SESSION.SESSION_DATE, LocalDate.parse(Fixtures.START))
                .set(COURSE_SESSION.START_TIME, LocalTime.of(10, 0))
                .where(COURSE_SESSION.ID.eq(UUID.fromString(nextDay))).execute();
        assertThat(organizer.patch("/api/v1/sessions/" + nextDay, Map.of("venue", "Nhà văn hoá thôn")).status())
                .isEqualTo(200);
        assertThat(organizer.get("/api/v1/courses/" + course + "/sessions").ids()).hasSize(3);
    }

    @Test
    void timesAreHoursAndMinutesAndTheEndComesAfterTheStart() {
        Api.Res reversed = add(Map.of("date", Fixtures.START, "startTime", "11:00", "endTime", "08:00"));
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(errorFields(reversed)).containsExactly("endTime");

        Api.Res equal = add(Map.of("date", Fixtures.START, "startTime", "08:00", "endTime", "08:00"));
        assertThat(equal.status()).isEqualTo(400);

        Api.Res malformed = add(Map.of("date", Fixtures.START, "startTime", "8h", "endTime", "24:00"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(errorFields(malformed)).containsExactlyInAnyOrder("startTime", "endTime");
        assertThat(errorCodes(malformed)).containsOnly("invalid_time");

        Api.Res missing = add(Map.of("startTime", "08:00"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(errorFields(missing)).containsExactlyInAnyOrder("date", "endTime");

        Api.Res wrongType = add(Map.of("date", 20251115, "startTime", "08:00", "endTime", "09:00"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(errorFields(wrongType)).containsExactly("date");

        Api.Res unknown = add(Map.of("date", Fixtures.START, "startTime", "08:00", "endTime", "09:00", "room", 3));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(errorCodes(unknown)).containsExactly("unknown_field");
    }

    @Test
    void anUpdateChangesOnlyTheFieldsSent() {
        Api.Res created = add(Map.of("date", Fixtures.START, "startTime", "08:00", "endTime", "11:00",
                "venue", "Nhà văn hoá thôn"));
        String id = created.json().get("id").asText();

        Api.Res later = organizer.patch("/api/v1/sessions/" + id, Map.of("startTime", "09:00", "endTime", "12:00"));
        assertThat(later.status()).as(later.body()).isEqualTo(200);
        assertThat(later.json().get("venue").asText()).isEqualTo("Nhà văn hoá thôn");
        assertThat(later.json().get("startTime").asText()).isEqualTo("09:00");

        Api.Res startAfterEnd = organizer.patch("/api/v1/sessions/" + id, Map.of("startTime", "12:30"));
        assertThat(startAfterEnd.status()).isEqualTo(400);

        Map<String, Object> noVenue = new HashMap<>();
        noVenue.put("venue", null);
        assertThat(organizer.patch("/api/v1/sessions/" + id, noVenue).json().get("venue").isNull()).isTrue();
    }

    @Test
    void aDeletedSessionIsGoneAndEveryChangeIsAudited() {
        String id = createSession(organizer, course, Fixtures.START);
        organizer.patch("/api/v1/sessions/" + id, Map.of("endTime", "12:00"));
        assertThat(organizer.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
        assertThat(organizer.get("/api/v1/sessions/" + id).status()).isEqualTo(404);
        assertThat(organizer.delete("/api/v1/sessions/" + id).status()).isEqualTo(404);
        assertThat(organizer.get("/api/v1/courses/" + course + "/sessions").ids()).isEmpty();

        JsonNode entries = Fixtures.audit(world, "session", id);
        assertThat(entries.findValuesAsText("action")).isEqualTo(List.of("delete", "update", "create"));
        assertThat(entries.get(0).get("after").isNull()).isTrue();
        assertThat(entries.get(1).get("before").get("endTime").asText()).isEqualTo("11:30");
        assertThat(entries.get(1).get("after").get("endTime").asText()).isEqualTo("12:00");
    }

    @Test
    void aSessionOfAnUnknownCourseIsA404() {
        Api.Res res = organizer.post("/api/v1/courses/00000000-0000-0000-0000-000000000001/sessions",
                Map.of("date", Fixtures.START, "startTime", "08:00", "endTime", "09:00"));
        assertThat(res.status()).isEqualTo(404);
        assertThat(organizer.get("/api/v1/sessions/not-a-uuid").status()).isEqualTo(404);
    }

    @Test
    void anEditFromAStaleCopyIsA412InVietnameseAndEnglishAndChangesNothing() {
        String path = "/api/v1/sessions/" + createSession(organizer, course, "2025-11-16");
        IfMatch.aStaleTagIsRefusedAndNothingWritten(organizer, path, Map.of("venue", "Hội trường xã"),
                Map.of("startTime", "07:30"));
    }

    @Test
    void theETagOfAReadAllowsAnEditThatAnswersTheNewETag() {
        String path = "/api/v1/sessions/" + createSession(organizer, course, "2025-11-16");
        IfMatch.theTagOfAReadAllowsAnEditThatAnswersTheNewTag(organizer, path, Map.of("endTime", "11:45"),
                Map.of("date", "2025-11-17"));
    }

    @Test
    void ifMatchStarAndListsMatchButAWeakTagDoesNot() {
        String path = "/api/v1/sessions/" + createSession(organizer, course, "2025-11-16");
        IfMatch.starAndListsMatchButAWeakTagDoesNot(organizer, path, Map.of("venue", "Nhà văn hoá thôn"),
                Map.of("venue", "Trường tiểu học"));
    }

    @Test
    void ofEditsSentAtOnceFromTheSameCopyOneIsMade() {
        String path = "/api/v1/sessions/" + createSession(organizer, course, "2025-11-16");
        IfMatch.ofEditsSentAtOnceFromTheSameCopyOneIsMade(organizer, path, List.of(Map.of("venue", "Phòng 1"),
                Map.of("venue", "Phòng 2"), Map.of("venue", "Phòng 3"), Map.of("endTime", "11:40"),
                Map.of("endTime", "11:50"), Map.of("startTime", "07:45")));
    }

    @Test
    void roundAfterRoundOfTwoEditsAtOnceFromOneCopyOneIsMade() {
        String path = "/api/v1/sessions/" + createSession(organizer, course, "2025-11-16");
        IfMatch.roundAfterRoundOfTwoEditsAtOnceFromOneCopyOneIsMade(organizer, path, 30,
                n -> Map.of("venue", "Phòng " + n));
    }

    @Test
    void aDeleteFromAStaleCopyIsA412AndKeepsTheSessionAsChanged() {
        createSession(organizer, course, "2025-11-15"); // not the course's last session
        String path = "/api/v1/sessions/" + createSession(organizer, course, "2025-11-16");
        String seen = IfMatch.etag(IfMatch.read(organizer, path));
        Api.Res moved = organizer.patch(path, Map.of("date", "2025-11-17", "venue", "Hội trường xã"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);

        Api.Res stale = organizer.withHeader("If-Match", seen).delete(path);
        assertThat(stale.status()).as("deleted from the copy before it was moved: " + stale.body()).isEqualTo(412);
        assertThat(stale.json().get("code").asText()).isEqualTo("precondition_failed");
        assertThat(organizer.get(path).json().get("date").asText()).isEqualTo("2025-11-17");

        Api.Res current = organizer.withHeader("If-Match", IfMatch.etag(moved)).delete(path);
        assertThat(current.status()).as(current.body()).isEqualTo(204);
    }

    @Test
    void withoutIfMatchAnEditIsMadeAsBefore() {
        String path = "/api/v1/sessions/" + createSession(organizer, course, "2025-11-16");
        IfMatch.withoutIfMatchAnEditIsMadeAsBefore(organizer, path, Map.of("venue", "Phòng họp A"),
                Map.of("venue", "Phòng họp B"));
    }
}
