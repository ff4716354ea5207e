package vn.bdg.registry.course;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.course.Fixtures.START;
import static vn.bdg.registry.course.Fixtures.createCourse;
import static vn.bdg.registry.course.Fixtures.createSession;
import static vn.bdg.registry.course.Fixtures.errorCodes;
import static vn.bdg.registry.course.Fixtures.errorFields;
import static vn.bdg.registry.course.Fixtures.moveTo;

class CourseLifeCycleIT {
    private final World world = World.create();
    private final Api organizer = world.organizer;

    private Api.Res move(String id, String status) {
        return organizer.patch("/api/v1/courses/" + id, Map.of("status", status));
    }

    @Test
    void aCourseGoesFromDraftToCompletedOneStepAtATime() {
        String id = createCourse(organizer, world.districtA);
        Api.Res skip = organizer.inLanguage("en").patch("/api/v1/courses/" + id, Map.of("status", "running"));
        assertThat(skip.status()).isEqualTo(409);
        assertThat(skip.json().get("code").asText()).isEqualTo("invalid_status_transition");
        assertThat(skip.json().get("detail").asText()).contains("draft").contains("running");

        moveTo(organizer, id, "open");
        Api.Res noSessions = move(id, "running");
        assertThat(noSessions.status()).as("a course runs only with sessions").isEqualTo(422);
        assertThat(errorFields(noSessions)).containsExactly("status");

        createSession(organizer, id, Fixtures.START);
        assertThat(moveTo(organizer, id, "running", "completed").get("status").asText()).isEqualTo("completed");

        Api.Res back = move(id, "running");
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.json().get("code").asText()).isEqualTo("invalid_status_transition");
        assertThat(move(id, "cancelled").status()).as("completed is final").isEqualTo(409);
    }

    @Test
    void aCourseWithASessionStillToComeCannotBeCompleted() {
        String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        String nextWeek = LocalDate.parse(today).plusDays(7).toString();
        String id = createCourse(organizer, world.districtA, "startDate", START, "endDate", nextWeek);
        createSession(organizer, id, START);
        String ahead = createSession(organizer, id, nextWeek);
        moveTo(organizer, id, "open", "running");

        Api.Res early = organizer.inLanguage("vi").patch("/api/v1/courses/" + id, Map.of("status", "completed"));
        assertThat(early.status()).isEqualTo(422);
        assertThat(errorFields(early)).containsExactly("status");
        assertThat(errorCodes(early)).containsExactly("sessions_ahead");
        assertThat(early.body()).as("names the session in Vietnamese").contains(nextWeek).contains("buổi học");
        assertThat(organizer.get("/api/v1/courses/" + id).json().get("status").asText()).isEqualTo("running");

        assertThat(organizer.delete("/api/v1/sessions/" + ahead).status()).isEqualTo(204);
        assertThat(moveTo(organizer, id, "completed").get("status").asText()).isEqualTo("completed");
    }

    @Test
    void aCourseCanBeCancelledFromEveryStateBeforeCompleted() {
        String draft = createCourse(organizer, world.districtA);
        assertThat(moveTo(organizer, draft, "cancelled").get("status").asText()).isEqualTo("cancelled");

        String open = createCourse(organizer, world.districtA);
        moveTo(organizer, open, "open", "cancelled");

        String running = createCourse(organizer, world.districtA);
        createSession(organizer, running, Fixtures.START);
        moveTo(organizer, running, "open", "running", "cancelled");

        assertThat(move(running, "open").status()).as("cancelled is final").isEqualTo(409);
    }

    @Test
    void aClosedCourseAcceptsNoEditsNoSessionsAndNoEnrollments() {
        String id = createCourse(organizer, world.districtA);
        String session = createSession(organizer, id, Fixtures.START);
        moveTo(organizer, id, "open", "running", "completed");

        Api.Res edit = organizer.patch("/api/v1/courses/" + id, Map.of("title", "Sửa sau khi kết thúc"));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.json().get("code").asText()).isEqualTo("course_closed");

        Api.Res add = organizer.post("/api/v1/courses/" + id + "/sessions",
                Map.of("date", Fixtures.START, "startTime", "13:30", "endTime", "16:30"));
        assertThat(add.status()).isEqualTo(409);
        assertThat(add.json().get("code").asText()).isEqualTo("course_closed");

        Api.Res change = organizer.patch("/api/v1/sessions/" + session, Map.of("venue", "Hội trường"));
        assertThat(change.status()).isEqualTo(409);
        Api.Res remove = organizer.delete("/api/v1/sessions/" + session);
        assertThat(remove.status()).as("a completed course keeps its sessions").isEqualTo(409);
        assertThat(organizer.get("/api/v1/sessions/" + session).status()).isEqualTo(200);

        String person = Fixtures.participant(world, "Lý Thị Mai", "female", world.communeA1);
        Api.Res enroll = organizer.post("/api/v1/courses/" + id + "/enrollments", Map.of("participantId", person));
        assertThat(enroll.status()).isEqualTo(409);
        assertThat(enroll.json().get("code").asText()).isEqualTo("course_closed");
    }

    @Test
    void sendingTheCurrentStatusAgainChangesNothing() {
        String id = createCourse(organizer, world.districtA);
        moveTo(organizer, id, "cancelled");
        Api.Res same = move(id, "cancelled");
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void anUnknownStatusIsA400() {
        String id = createCourse(organizer, world.districtA);
        Api.Res res = move(id, "finished");
        assertThat(res.status()).isEqualTo(400);
        assertThat(errorFields(res)).containsExactly("status");
    }

    @Test
    void aRunningCourseKeepsItsLastSession() {
        String id = createCourse(organizer, world.districtA);
        String first = createSession(organizer, id, Fixtures.START);
        String second = createSession(organizer, id, "2025-11-16");
        moveTo(organizer, id, "open", "running");

        assertThat(organizer.delete("/api/v1/sessions/" + second).status()).isEqualTo(204);
        Api.Res last = organizer.delete("/api/v1/sessions/" + first);
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.json().get("code").asText()).isEqualTo("last_session");
    }
}
