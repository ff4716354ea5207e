package vn.bdg.registry.course;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.course.Fixtures.createCourse;
import static vn.bdg.registry.course.Fixtures.createSession;
import static vn.bdg.registry.course.Fixtures.errorCodes;

/** Another province's or another district's courses, sessions, enrollments and trainers are 404 and never listed. */
class CourseScopeIT {
    private final World world = World.create();
    private final World elsewhere = World.create();

    /** A course with a session, an enrollment and an assigned trainer, held in the unit. */
    private record Setup(String course, String session, String enrollment, String trainer) {
    }

    private Setup courseIn(String unit) {
        Api organizer = world.organizer;
        String course = createCourse(organizer, unit);
        String session = createSession(organizer, course, Fixtures.START);
        String person = Fixtures.participant(world, "Bàn Thị Hương", "female", unit);
        String enrollment = organizer.post("/api/v1/courses/" + course + "/enrollments",
                Map.of("participantId", person)).json().get("id").asText();
        String trainer = Fixtures.userId(world.trainer);
        assertThat(organizer.post("/api/v1/courses/" + course + "/trainers", Map.of("userId", trainer)).status())
                .isEqualTo(201);
        return new Setup(course, session, enrollment, trainer);
    }

    /** Every read of the setup's records answers 404, and the list does not show the course. */
    private static void cannotRead(Api api, Setup s) {
        assertThat(api.get("/api/v1/courses/" + s.course()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/courses").ids()).doesNotContain(s.course());
        assertThat(api.get("/api/v1/courses?q=" + s.course()).ids()).doesNotContain(s.course());
        assertThat(api.get("/api/v1/courses/" + s.course() + "/sessions").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/sessions/" + s.session()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/courses/" + s.course() + "/enrollments").status()).isEqualTo(404);
    }

    /** Every write to the setup's records answers 404 (a manager's view). */
    private static void cannotChange(Api api, Setup s, String participantOfCaller) {
        String course = "/api/v1/courses/" + s.course();
        assertThat(api.get(course + "/trainers").status()).isEqualTo(404);
        assertThat(api.patch(course, Map.of("title", "Đổi tên")).status()).isEqualTo(404);
        assertThat(api.patch(course, Map.of("status", "cancelled")).status()).isEqualTo(404);
        assertThat(api.post(course + "/sessions", Map.of("date", Fixtures.START, "startTime", "13:00",
                "endTime", "15:00")).status()).isEqualTo(404);
        assertThat(api.patch("/api/v1/sessions/" + s.session(), Map.of("venue", "Nơi khác")).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/sessions/" + s.session()).status()).isEqualTo(404);
        assertThat(api.post(course + "/enrollments", Map.of("participantId", participantOfCaller)).status())
                .isEqualTo(404);
        assertThat(api.post(course + "/enrollments/" + s.enrollment() + "/withdraw", Map.of()).status())
                .isEqualTo(404);
        assertThat(api.post(course + "/trainers", Map.of("userId", s.trainer())).status()).isEqualTo(404);
        assertThat(api.delete(course + "/trainers/" + s.trainer()).status()).isEqualTo(404);
    }

    private void unchanged(Setup s) {
        Api owner = world.organizer;
        assertThat(owner.get("/api/v1/courses/" + s.course()).json().get("status").asText()).isEqualTo("draft");
        assertThat(owner.get("/api/v1/courses/" + s.course()).json().get("title").asText())
                .isEqualTo("Tập huấn kiến thức về bình đẳng giới");
        assertThat(owner.get("/api/v1/courses/" + s.course() + "/sessions").ids()).containsExactly(s.session());
        assertThat(owner.get("/api/v1/courses/" + s.course() + "/enrollments?status=enrolled").ids())
                .containsExactly(s.enrollment());
        assertThat(owner.get("/api/v1/courses/" + s.course() + "/trainers").json().get("items")).hasSize(1);
    }

    @Test
    void usersOfAnotherProvinceCannotReadChangeOrListAnything() {
        Setup s = courseIn(world.districtA);
        for (Api api : List.of(elsewhere.admin, elsewhere.organizer, elsewhere.reporter, elsewhere.trainer,
                elsewhere.districtReporter)) {
            cannotRead(api, s);
        }
        String theirs = Fixtures.participant(elsewhere, "Người tỉnh khác", "male", elsewhere.communeA1);
        cannotChange(elsewhere.admin, s, theirs);
        cannotChange(elsewhere.organizer, s, theirs);
        unchanged(s);
    }

    @Test
    void districtUsersSeeAndChangeOnlyTheirDistrict() {
        Setup inA = courseIn(world.communeA1);
        Setup inB = courseIn(world.districtB);
        for (Api api : List.of(world.districtOrganizer, world.districtReporter)) {
            assertThat(api.get("/api/v1/courses/" + inA.course()).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/courses").ids()).containsExactly(inA.course());
            assertThat(api.get("/api/v1/courses/" + inA.course() + "/enrollments").ids())
                    .containsExactly(inA.enrollment());
            cannotRead(api, inB);
        }
        String ours = Fixtures.participant(world, "Người huyện A", "female", world.communeA2);
        cannotChange(world.districtOrganizer, inB, ours);
        unchanged(inB);
        assertThat(world.organizer.get("/api/v1/courses").ids()).as("the province sees both")
                .containsExactlyInAnyOrder(inA.course(), inB.course());
    }

    @Test
    void districtOrganizersCreateAndMoveCoursesOnlyWithinTheirDistrict() {
        Api district = world.districtOrganizer;
        assertThat(district.post("/api/v1/courses", Fixtures.course(world.communeA2)).status()).isEqualTo(201);
        for (String unit : List.of(world.districtB, world.communeB1, world.province, elsewhere.districtA)) {
            Api.Res res = district.post("/api/v1/courses", Fixtures.course(unit));
            assertThat(res.status()).as(unit).isEqualTo(422);
            assertThat(errorCodes(res)).containsExactly("unknown_unit");
        }
        String mine = createCourse(district, world.districtA);
        Api.Res moved = district.patch("/api/v1/courses/" + mine, Map.of("unitCode", world.communeB2));
        assertThat(moved.status()).isEqualTo(422);
        assertThat(world.organizer.patch("/api/v1/courses/" + mine, Map.of("unitCode", world.communeB2)).status())
                .as("the province organiser may move it").isEqualTo(200);
        assertThat(district.get("/api/v1/courses/" + mine).status()).isEqualTo(404);
    }

    @Test
    void reportersReadButDoNotWrite() {
        Setup s = courseIn(world.districtA);
        assertThat(world.reporter.get("/api/v1/courses/" + s.course()).status()).isEqualTo(200);
        assertThat(world.reporter.patch("/api/v1/courses/" + s.course(), Map.of("title", "x")).status())
                .isEqualTo(403);
        assertThat(world.districtReporter.post("/api/v1/courses/" + s.course() + "/enrollments/" + s.enrollment()
                + "/withdraw", Map.of()).status()).isEqualTo(403);
    }
}
