package vn.bdg.registry.participant;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The participant list (GET /participants without q) and the printed lists (the attendance record,
 * sign-in sheets, badges, certificates) are documented to share one order: by given name, then the
 * rest. Given names that differ only by a tone ("Hoa", "Hoà", "Hóa") are different names.
 */
class ListOrderIT {
    private final World world = World.create();

    @Test
    void theParticipantListGroupsEachGivenNameAsThePrintedListsDo() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(1);
        UUID course = Fixtures.course(world, world.districtA, "running", day, day);
        Fixtures.session(world, course, day, LocalTime.of(7, 30), LocalTime.of(11, 30));
        for (String name : List.of("Bùi Thị Hoà", "Lê Thị Hoa", "Nguyễn Thị Hoà", "Đinh Thị Hóa", "Trần Thị Hoa")) {
            Fixtures.enroll(world, course, Fixtures.participant(world, name, "female", world.communeA1));
        }
        List<String> expected = List.of("Lê Thị Hoa", "Trần Thị Hoa", "Bùi Thị Hoà", "Nguyễn Thị Hoà", "Đinh Thị Hóa");

        List<String> printed = new ArrayList<>();
        world.organizer.get("/api/v1/courses/" + course + "/attendance").json().get("participants")
                .forEach(p -> printed.add(p.get("fullName").asText()));
        assertThat(printed).as("the attendance record").isEqualTo(expected);

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            var page = world.organizer.get("/api/v1/participants?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items").forEach(p -> listed.add(p.get("fullName").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(listed).as("GET /participants, in pages").isEqualTo(expected);
    }
}
