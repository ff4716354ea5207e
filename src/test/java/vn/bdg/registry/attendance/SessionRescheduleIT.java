package vn.bdg.registry.attendance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.HeldLock;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session people were checked in at keeps a time that holds their attendance: moving or
 * shortening it past a check-in would leave an attendance the server would refuse today (an
 * offline copy of the same scan uploaded later gets session_not_open), so it is a 422 naming the
 * field, until the check-in is undone.
 */
class SessionRescheduleIT {
    private final World world = World.create();
    private final LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(10);
    private final UUID course = Fixtures.course(world, world.districtA, "running", day, day.plusDays(2));
    private final UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 30));
    private final UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);
    private final UUID mai = Fixtures.participant(world, "Lý Thị Mai", "female", world.communeA2);

    SessionRescheduleIT() {
        Fixtures.enroll(world, course, hoa);
        Fixtures.enroll(world, course, mai);
    }

    private Api.Res scan(UUID person, int hour, int minute) {
        return world.organizer.post("/api/v1/sessions/" + session + "/check-ins", Map.of(
                "clientScanId", UUID.randomUUID().toString(), "participantId", person.toString(),
                "method", "manual", "scannedAt", day.atTime(hour, minute).atOffset(ZoneOffset.ofHours(7)).toString(),
                "deviceId", "phone-1"));
    }

    private JsonNode checkIn(UUID person, int hour, int minute) {
        Api.Res res = scan(person, hour, minute);
        assertThat(res.status()).as(res.body()).isIn(200, 201);
        assertThat(res.json().get("outcome").asText()).as(res.body()).isEqualTo("accepted");
        return res.json().get("checkIn");
    }

    private Api.Res change(Map<String, Object> fields) {
        return world.organizer.inLanguage("en").patch("/api/v1/sessions/" + session, fields);
    }

    private static void assertRefused(Api.Res res, String field, String message) {
        assertThat(res.status()).as(res.body()).isEqualTo(422);
        assertThat(res.json().get("code").asText()).isEqualTo("rule_violated");
        JsonNode error = res.json().get("errors").get(0);
        assertThat(res.json().get("errors")).hasSize(1);
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("code").asText()).isEqualTo("has_attendance_outside");
        assertThat(error.get("message").asText()).startsWith(message);
    }

    @Test
    void aSessionWithCheckInsIsNotMovedOrShortenedPastThemUntilTheyAreUndone() {
        checkIn(hoa, 8, 5);
        JsonNode late = checkIn(mai, 11, 0);

        assertRefused(change(Map.of("date", day.plusDays(1).toString())), "date", "2 check-ins recorded");
        assertRefused(change(Map.of("endTime", "10:00")), "endTime", "1 check-in recorded");
        JsonNode session = world.organizer.get("/api/v1/sessions/" + this.session).json();
        assertThat(session.get("date").asText()).isEqualTo(day.toString());
        assertThat(session.get("endTime").asText()).isEqualTo("11:30");
        JsonNode sheet = world.organizer.get("/api/v1/courses/" + course + "/attendance").json();
        assertThat(sheet.get("participants").findValuesAsText("attended")).containsOnly("1");

        // what keeps every attendance inside the window is a correction like any other
        assertThat(change(Map.of("endTime", "12:00", "venue", "Hội trường UBND huyện")).status()).isEqualTo(200);

        // the mistaken late scan undone, the session may end earlier
        assertThat(world.organizer.delete("/api/v1/check-ins/" + late.get("id").asText()).status()).isEqualTo(204);
        Api.Res shortened = change(Map.of("endTime", "10:00"));
        assertThat(shortened.status()).as(shortened.body()).isEqualTo(200);
        assertRefused(change(Map.of("startTime", "09:30")), "startTime", "1 check-in recorded");
    }

    /**
     * A check-in decided and being stored while the session is moved: the move waits for it, then
     * finds it (SessionRepository.attendancesOutside locks the session against the scans' hold on
     * it). The test holds the session until both wait for it, then the person, so that the
     * check-in, holding the session, waits to be stored while the move runs.
     */
    @Test
    void aSessionMovedWhileACheckInIsStoredWaitsForItAndKeepsIt() throws Exception {
        Api.Res scanned;
        Api.Res moved;
        try (HeldLock person = HeldLock.take("select 1 from participant where id = '" + hoa + "' for update");
             HeldLock held = HeldLock.take("select 1 from course_session where id = '" + session + "' for update")) {
            CompletableFuture<Api.Res> scanning = CompletableFuture.supplyAsync(() -> scan(hoa, 8, 5));
            HeldLock.awaitWaiting(1); // decided, waits to hold the session
            CompletableFuture<Api.Res> moving = CompletableFuture.supplyAsync(
                    () -> change(Map.of("date", day.plusDays(1).toString())));
            HeldLock.awaitWaiting(2); // waits for the session
            held.close(); // the check-in now waits for the person
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!moving.isDone() && HeldLock.waiting() < 2 && System.nanoTime() < until) {
                Thread.sleep(20); // the move done, or waiting for the check-in
            }
            person.close();
            scanned = scanning.get(30, TimeUnit.SECONDS);
            moved = moving.get(30, TimeUnit.SECONDS);
        }
        assertThat(scanned.json().get("outcome").asText()).as(scanned.body()).isEqualTo("accepted");
        assertRefused(moved, "date", "1 check-in recorded");
        assertThat(world.organizer.get("/api/v1/sessions/" + session).json().get("date").asText())
                .isEqualTo(day.toString());
    }

    @Test
    void aSessionWithOnlyRefusedScansMayMoveTheyStayAsEvidence() {
        Api.Res early = world.organizer.post("/api/v1/sessions/" + session + "/check-ins", Map.of(
                "clientScanId", UUID.randomUUID().toString(), "participantId", hoa.toString(),
                "method", "manual", "scannedAt", day.atTime(5, 0).atOffset(ZoneOffset.ofHours(7)).toString(),
                "deviceId", "phone-1"));
        assertThat(early.json().get("outcome").asText()).isEqualTo("session_not_open");

        Api.Res moved = change(Map.of("date", day.plusDays(1).toString()));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("date").asText()).isEqualTo(day.plusDays(1).toString());
    }
}
