package vn.bdg.registry.attendance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attendance recorded by mistake is found on the course's attendance sheet, which is where an
 * organiser sees it, and undone from there (found in review: the sheet named no check-in, and no
 * other answer an organiser reads does, so DELETE /api/v1/check-ins/{id} could only be used with an
 * id kept from the phone's answer; a session with such a check-in could not be moved either).
 */
class UndoFromSheetIT {
    private final World world = World.create();
    private final UUID course = Fixtures.courseToday(world, world.districtA);
    private final UUID session = Fixtures.sessionNow(world, course);

    private JsonNode markOf(Api api, UUID person) {
        for (JsonNode p : api.get("/api/v1/courses/" + course + "/attendance").json().get("participants")) {
            if (p.get("participantId").asText().equals(person.toString())) {
                return p.get("sessions").get(0);
            }
        }
        throw new AssertionError("not on the sheet: " + person);
    }

    @Test
    void aCheckInMadeByMistakeIsUndoneFromTheSheetThatShowsIt() {
        UUID hoa = Fixtures.participant(world, "Lê Thị Hoa", "female", world.communeA1);
        UUID hoaWithAccent = Fixtures.participant(world, "Lê Thị Hòa", "female", world.communeA2);
        Fixtures.enroll(world, course, hoa);
        Fixtures.enroll(world, course, hoaWithAccent);
        Fixtures.assignTrainer(world, course, world.trainer);
        // marked by hand from the paper sheet: the wrong one of two names that differ by an accent
        Api.Res marked = world.organizer.post("/api/v1/sessions/" + session + "/check-ins", Map.of(
                "clientScanId", UUID.randomUUID().toString(), "participantId", hoaWithAccent.toString(),
                "method", "manual", "scannedAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString(),
                "deviceId", "office"));
        assertThat(marked.json().get("outcome").asText()).as(marked.body()).isEqualTo("accepted");

        JsonNode mistaken = markOf(world.organizer, hoaWithAccent);
        assertThat(mistaken.get("status").asText()).isEqualTo("present");
        assertThat(mistaken.get("checkInId")).as("the sheet names the check-in behind the mark: " + mistaken).isNotNull();
        assertThat(mistaken.get("checkInId").asText()).isEqualTo(marked.json().get("checkIn").get("id").asText());
        assertThat(markOf(world.organizer, hoa).get("checkInId").isNull()).as("absent: no check-in").isTrue();
        // the course's trainer reads the same id on the sheet of their course
        assertThat(markOf(world.trainer, hoaWithAccent).get("checkInId")).isEqualTo(mistaken.get("checkInId"));

        assertThat(world.organizer.delete("/api/v1/check-ins/" + mistaken.get("checkInId").asText()).status())
                .isEqualTo(204);
        JsonNode after = markOf(world.organizer, hoaWithAccent);
        assertThat(after.get("status").asText()).isEqualTo("absent");
        assertThat(after.get("checkInId").isNull()).isTrue();
    }
}
