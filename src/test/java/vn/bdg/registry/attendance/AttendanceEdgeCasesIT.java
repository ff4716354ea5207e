package vn.bdg.registry.attendance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.CHECK_IN;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/**
 * Attendance where the usual paths meet: two records of one person merged after both were
 * scanned, a walk-in sent after the course closed, a phone that sends a number for a time.
 */
class AttendanceEdgeCasesIT {
    private final World world = World.create();
    private final LocalDate yesterday = LocalDate.now(Fixtures.VIETNAM).minusDays(1);

    private static Map<String, Object> manual(UUID session, UUID person, OffsetDateTime at, String device) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sessionId", session.toString());
        item.put("clientScanId", UUID.randomUUID().toString());
        item.put("participantId", person.toString());
        item.put("method", "manual");
        item.put("scannedAt", at.toString());
        item.put("deviceId", device);
        return item;
    }

    /** Yesterday morning's session of the course, 7:30–11:30. */
    private UUID morningOf(UUID course) {
        return Fixtures.session(world, course, yesterday, LocalTime.of(7, 30), LocalTime.of(11, 30));
    }

    private JsonNode upload(Map<String, Object> item) {
        Api.Res res = world.organizer.post("/api/v1/check-ins/batch", Map.of("items", List.of(item)));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json().get("items").get(0);
    }

    private Map<String, String> marks(UUID course) {
        Map<String, String> marks = new HashMap<>();
        world.organizer.get("/api/v1/courses/" + course + "/attendance").json().get("participants")
                .forEach(p -> marks.put(p.get("participantId").asText(),
                        p.get("sessions").get(0).get("status").asText()));
        return marks;
    }

    /**
     * Two records of one woman, each scanned at the same session: the duplicate's scan on time
     * (7:40), the kept record's late (8:30, another phone's manual search). She arrived at 7:40.
     * After the merge she must still be on time, as she is when two phones scan one record
     * (AttendanceSheetIT): the merge keeps the attendance first seen and ends the other.
     */
    @Test
    void mergingDuplicatesKeepsTheEarlierScanSoThePersonIsNotMadeLate() {
        UUID course = Fixtures.course(world, world.districtA, "running", yesterday, yesterday);
        UUID session = morningOf(course);
        UUID kept = Fixtures.participant(world, "Nông Thị Thảo", "female", world.communeA1);
        UUID duplicate = Fixtures.participant(world, "Nông Thị Thảo", "female", world.communeA1);
        Fixtures.enroll(world, course, kept);
        Fixtures.enroll(world, course, duplicate);
        OffsetDateTime onTime = yesterday.atTime(7, 40).atOffset(ZoneOffset.ofHours(7));
        OffsetDateTime late = yesterday.atTime(8, 30).atOffset(ZoneOffset.ofHours(7));
        assertThat(upload(manual(session, duplicate, onTime, "phone-1")).get("outcome").asText()).isEqualTo("accepted");
        assertThat(upload(manual(session, kept, late, "phone-2")).get("outcome").asText()).isEqualTo("accepted");
        assertThat(marks(course)).containsEntry(duplicate.toString(), "present");

        Api.Res merged = world.organizer.post("/api/v1/participants/" + kept + "/merge",
                Map.of("duplicateId", duplicate.toString()));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);

        JsonNode thao = world.organizer.get("/api/v1/courses/" + course + "/attendance").json()
                .get("participants").get(0);
        assertThat(thao.get("participantId").asText()).isEqualTo(kept.toString());
        JsonNode mark = thao.get("sessions").get(0);
        assertThat(OffsetDateTime.parse(mark.get("scannedAt").asText()).toInstant())
                .as("her earliest scan at the session").isEqualTo(onTime.toInstant());
        assertThat(mark.get("status").asText()).isEqualTo("present");
    }

    /**
     * A walk-in queued offline on a phone whose roster lacked the person (enrolled after it was
     * downloaded), sent after the organiser closed the course as completed. A plain scan of her
     * is accepted (completed courses take late uploads); the walk-in finds her already enrolled,
     * so nothing about enrollments changes: it checks her in as the scan would.
     */
    @Test
    void aWalkInOfSomeoneAlreadyEnrolledIsCheckedInLikeAScanAfterTheCourseIsCompleted() {
        UUID course = Fixtures.course(world, world.districtA, "running", yesterday, yesterday);
        UUID session = morningOf(course);
        UUID mai = Fixtures.participant(world, "Hà Thị Mai", "female", world.communeA1);
        UUID lan = Fixtures.participant(world, "Hà Thị Lan", "female", world.communeA1);
        TestServer.get().database.dsl().update(PARTICIPANT).set(PARTICIPANT.PHONE, "+84912000111")
                .where(PARTICIPANT.ID.eq(mai)).execute();
        Fixtures.enroll(world, course, mai);
        Fixtures.enroll(world, course, lan);
        TestServer.get().database.dsl().update(COURSE).set(COURSE.STATUS, "completed")
                .where(COURSE.ID.eq(course)).execute();
        OffsetDateTime at = yesterday.atTime(7, 45).atOffset(ZoneOffset.ofHours(7));

        assertThat(upload(manual(session, lan, at, "phone-1")).get("outcome").asText())
                .as("a scan uploaded after completion counts").isEqualTo("accepted");

        Map<String, Object> body = new HashMap<>();
        body.put("sessionId", session.toString());
        body.put("clientScanId", UUID.randomUUID().toString());
        body.put("scannedAt", at.toString());
        body.put("sentAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString());
        body.put("deviceId", "phone-1");
        body.put("participant", Map.of("fullName", "Hà Thị Mai", "sex", "female", "phone", "+84 912 000 111"));
        Api.Res res = world.organizer.post("/api/v1/courses/" + course + "/walk-ins", body);
        assertThat(res.status()).as(res.body()).isIn(200, 201);
        assertThat(res.json().get("participant").get("id").asText()).isEqualTo(mai.toString());
        assertThat(res.json().get("checkIn").get("outcome").asText()).isEqualTo("accepted");
    }

    /**
     * scannedAt is a date-time text (openapi: type string, format date-time). Read as seconds since
     * 1970, a phone sending 0 (no time known), as a number or as the text "0", would get a scan
     * stored as session_not_open in 1970, and that clientScanId would be used up: the corrected
     * resend would get the stored refusal.
     */
    @Test
    void aNumberForScannedAtIsA400NotAScanStoredIn1970() {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);
        Fixtures.enroll(world, course, hoa);
        for (Object seconds : List.of(0, "0")) {
            Map<String, Object> item = manual(session, hoa, OffsetDateTime.now(ZoneOffset.ofHours(7)), "phone-1");
            item.put("scannedAt", seconds);
            Api.Res res = world.organizer.post("/api/v1/check-ins/batch",
                    Map.of("sentAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString(), "items", List.of(item)));
            assertThat(res.status()).as(res.body()).isEqualTo(400);
            assertThat(res.json().get("errors").get(0).get("field").asText()).isEqualTo("items[0].scannedAt");
            assertThat(res.json().get("errors").get(0).get("code").asText()).isEqualTo("invalid_date_time");
            assertThat(TestServer.get().database.dsl().fetchCount(CHECK_IN,
                    CHECK_IN.CLIENT_SCAN_ID.eq(UUID.fromString((String) item.get("clientScanId"))))).as(seconds + " stored")
                    .isZero();
        }

        Map<String, Object> sent = manual(session, hoa, OffsetDateTime.now(ZoneOffset.ofHours(7)), "phone-1");
        Api.Res sentAt = world.organizer.post("/api/v1/check-ins/batch", Map.of("sentAt", 5, "items", List.of(sent)));
        assertThat(sentAt.status()).as(sentAt.body()).isEqualTo(400);
    }
}
