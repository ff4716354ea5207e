package vn.bdg.registry.attendance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Merging a duplicate moves its attendance, so a person present at a session still counts once. */
class MergedAttendanceIT {
    private final World world = World.create();

    private void present(UUID session, UUID person) {
        var res = world.organizer.post("/api/v1/sessions/" + session + "/check-ins", Map.of(
                "clientScanId", UUID.randomUUID().toString(), "participantId", person.toString(), "method", "manual",
                "scannedAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString(), "deviceId", "d"));
        assertThat(res.json().get("outcome").asText()).isEqualTo("accepted");
    }

    @Test
    void attendanceOfBothRecordsEndsOnTheKeptOneWithOneAttendancePerSession() {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID first = Fixtures.sessionNow(world, course);
        UUID second = Fixtures.sessionNow(world, course);
        UUID third = Fixtures.sessionNow(world, course);
        UUID kept = Fixtures.participant(world, "Nông Thị Thảo", "female", world.communeA1);
        UUID duplicate = Fixtures.participant(world, "Nông Thị Thảo", "female", world.communeA1);
        Fixtures.enroll(world, course, kept);
        Fixtures.enroll(world, course, duplicate);
        present(first, kept);
        present(first, duplicate);   // both records scanned at the same session
        present(second, duplicate);  // only the duplicate at the second
        world.organizer.put("/api/v1/sessions/" + third + "/excused/" + duplicate, Map.of("reason", "Công tác"));

        var merged = world.organizer.post("/api/v1/participants/" + kept + "/merge",
                Map.of("duplicateId", duplicate.toString()));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);

        JsonNode sheet = world.organizer.get("/api/v1/courses/" + course + "/attendance").json();
        assertThat(sheet.get("participants")).hasSize(1);
        JsonNode thao = sheet.get("participants").get(0);
        assertThat(thao.get("participantId").asText()).isEqualTo(kept.toString());
        assertThat(thao.get("sessions")).extracting(s -> s.get("status").asText())
                .containsExactly("present", "present", "excused");
        assertThat(thao.get("attended").asInt()).isEqualTo(2);
    }
}
