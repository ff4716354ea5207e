package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The records behind a report's cell are a list of people a reporter reads (and checks against the
 * paper sheets): listed as Vietnamese lists are, by given name then the rest, in every page.
 */
class RecordOrderIT {
    private final World world = World.create();

    @Test
    void thePeopleBehindACellAreListedByGivenName() {
        LocalDate day = LocalDate.of(2026, 3, 2);
        UUID course = Fixtures.course(world, world.communeA1, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        List<String> names = List.of("Nguyễn Thị Đào", "Trần Văn Dũng", "Đỗ Văn An", "Nguyễn Văn An", "Lò Thị Ánh",
                "Hà Văn Bình", "Vi Thị Yến", "Đinh Văn Ước", "Lục Thị Uyên", "Bế Văn Ân");
        for (String name : names) {
            UUID person = Fixtures.participant(world, name, "female", world.communeA1);
            Fixtures.enroll(world, course, person);
            Reports.present(world, session, person, day);
        }
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = world.reporter.get("/api/v1/reports/indicators/attendances/records?period=2026&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(i -> listed.add(i.get("fullName").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(listed).containsExactly("Đỗ Văn An", "Nguyễn Văn An", "Lò Thị Ánh", "Bế Văn Ân", "Hà Văn Bình",
                "Trần Văn Dũng", "Nguyễn Thị Đào", "Lục Thị Uyên", "Đinh Văn Ước", "Vi Thị Yến");
    }
}
