package vn.bdg.registry.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.DSLContext;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.ENROLLMENT;
import static vn.bdg.registry.db.Tables.ORGANIZATION;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/** Completed courses with sessions in the past, people scanned in through the API, and issuing. */
final class CertificateFixtures {
    static final String TITLE = "Tập huấn kỹ năng lãnh đạo cho nữ đại biểu HĐND";

    /** A course and its sessions, one a day. */
    record Course(UUID id, List<UUID> sessions, List<LocalDate> dates) {
    }

    private CertificateFixtures() {
    }

    private static DSLContext dsl() {
        return TestServer.get().database.dsl();
    }

    /** A completed course in district A that ended ten days ago, with one morning session a day. */
    static Course completedCourse(World world, int sessions) {
        return completedCourse(world, world.districtA, sessions);
    }

    static Course completedCourse(World world, String unitCode, int sessions) {
        LocalDate start = LocalDate.now(Fixtures.VIETNAM).minusDays(sessions + 10L);
        UUID course = Fixtures.course(world, unitCode, "completed", start, start.plusDays(sessions - 1L));
        List<UUID> ids = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            dates.add(start.plusDays(i));
            ids.add(Fixtures.session(world, course, start.plusDays(i), LocalTime.of(8, 0), LocalTime.of(11, 30)));
        }
        return new Course(course, ids, dates);
    }

    /** Sets what the certificate prints about the organiser and hours. */
    static void organisedBy(World world, UUID course, String organizer, BigDecimal plannedHours) {
        UUID org = dsl().insertInto(ORGANIZATION).set(ORGANIZATION.PROVINCE_CODE, world.province)
                .set(ORGANIZATION.NAME, organizer).returning(ORGANIZATION.ID).fetchOne(ORGANIZATION.ID);
        dsl().update(COURSE).set(COURSE.ORGANIZER_ID, org).set(COURSE.PLANNED_HOURS, plannedHours)
                .where(COURSE.ID.eq(course)).execute();
    }

    static void setTitle(UUID course, String title) {
        dsl().update(COURSE).set(COURSE.TITLE, title).where(COURSE.ID.eq(course)).execute();
    }

    static void setStatus(UUID course, String status) {
        dsl().update(COURSE).set(COURSE.STATUS, status).where(COURSE.ID.eq(course)).execute();
    }

    static void birthYear(UUID participant, int year) {
        dsl().update(PARTICIPANT).set(PARTICIPANT.BIRTH_YEAR, year).where(PARTICIPANT.ID.eq(participant)).execute();
    }

    static UUID enroll(World world, Course course, UUID participant, String role) {
        UUID id = Fixtures.enroll(world, course.id(), participant);
        dsl().update(ENROLLMENT).set(ENROLLMENT.ROLE, role).where(ENROLLMENT.ID.eq(id)).execute();
        return id;
    }

    static void withdraw(UUID course, UUID participant) {
        dsl().update(ENROLLMENT).set(ENROLLMENT.STATUS, "withdrawn")
                .where(ENROLLMENT.COURSE_ID.eq(course).and(ENROLLMENT.PARTICIPANT_ID.eq(participant))).execute();
    }

    /** What a merge does to enrollments, for a duplicate with no enrollment in common with the kept record. */
    static void mergeWithEnrollments(UUID duplicate, UUID kept) {
        dsl().update(ENROLLMENT).set(ENROLLMENT.PARTICIPANT_ID, kept).where(ENROLLMENT.PARTICIPANT_ID.eq(duplicate))
                .execute();
        Fixtures.mergeInto(duplicate, kept);
    }

    /** Checks the person in at the session (on time, by the trainer picking them from the roster). */
    static void attend(World world, Course course, int session, UUID person) {
        Api.Res res = world.organizer.post("/api/v1/sessions/" + course.sessions().get(session) + "/check-ins", Map.of(
                "clientScanId", UUID.randomUUID().toString(), "participantId", person.toString(),
                "method", "manual", "scannedAt", course.dates().get(session).atTime(8, 5)
                        .atOffset(ZoneOffset.ofHours(7)).toString(), "deviceId", "test"));
        assertThat(res.json().get("outcome").asText()).as(res.body()).isEqualTo("accepted");
    }

    static void attendSessions(World world, Course course, UUID person, int... sessions) {
        for (int s : sessions) {
            attend(world, course, s, person);
        }
    }

    static void excuse(World world, Course course, int session, UUID person) {
        assertThat(world.organizer.put("/api/v1/sessions/" + course.sessions().get(session) + "/excused/" + person,
                Map.of("reason", "Ốm, có giấy của trạm y tế")).status()).isEqualTo(204);
    }

    static JsonNode issue(World world, UUID course) {
        Api.Res res = world.organizer.post("/api/v1/courses/" + course + "/certificates", Map.of());
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }

    /** The issued certificates by participant id. */
    static Map<String, JsonNode> byParticipant(JsonNode issueResult) {
        Map<String, JsonNode> map = new HashMap<>();
        issueResult.get("issued").forEach(c -> map.put(c.get("participantId").asText(), c));
        return map;
    }

    /** A one-session course, Hoà present at it, and her certificate. */
    record Issued(Course course, UUID hoa, JsonNode certificate) {
    }

    static Issued issuedToHoa(World world) {
        Course course = completedCourse(world, 1);
        UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);
        Fixtures.enroll(world, course.id(), hoa);
        attend(world, course, 0, hoa);
        return new Issued(course, hoa, issuedTo(world, course, hoa));
    }

    /** The one certificate of a person in a course with that person alone having completed it. */
    static JsonNode issuedTo(World world, Course course, UUID person) {
        return byParticipant(issue(world, course.id())).get(person.toString());
    }
}
