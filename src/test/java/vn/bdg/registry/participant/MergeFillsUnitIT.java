package vn.bdg.registry.participant;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.ENROLLMENT;
import static vn.bdg.registry.participant.Participants.body;
import static vn.bdg.registry.participant.Participants.create;
import static vn.bdg.registry.participant.Participants.id;

/**
 * The merge contract: "the kept record's empty fields are filled from the duplicate". An older
 * record with no unit (imported from a list without one) and the same person registered again with
 * their commune (a walk-in) are merged: the person keeps the commune, and the course they are on
 * keeps counting them in it.
 */
class MergeFillsUnitIT {
    private final World world = World.create();
    private final DSLContext db = TestServer.get().database.dsl();

    @Test
    void aKeptRecordWithNoUnitTakesTheDuplicatesUnitAndItsCoursesKeepIt() {
        JsonNode kept = create(world.organizer, "fullName", "Hoàng Thị Nhung", "sex", "female", "birthYear", 1987);
        JsonNode duplicate = create(world.organizer, "fullName", "Hoàng Thị Nhung", "sex", "female",
                "birthYear", 1987, "unitCode", world.communeA1, "phone", "0977456789");
        UUID upcoming = db.insertInto(COURSE)
                .set(COURSE.PROVINCE_CODE, world.province)
                .set(COURSE.CODE, "merge-unit")
                .set(COURSE.TITLE, "Tập huấn cộng tác viên")
                .set(COURSE.KIND, "training")
                .set(COURSE.LEVEL, "commune")
                .set(COURSE.UNIT_CODE, world.communeA1)
                .set(COURSE.START_DATE, LocalDate.now().plusDays(20))
                .set(COURSE.END_DATE, LocalDate.now().plusDays(21))
                .returning(COURSE.ID).fetchSingle().getId();
        UUID enrollment = db.insertInto(ENROLLMENT)
                .set(ENROLLMENT.PROVINCE_CODE, world.province)
                .set(ENROLLMENT.COURSE_ID, upcoming)
                .set(ENROLLMENT.PARTICIPANT_ID, UUID.fromString(id(duplicate)))
                .set(ENROLLMENT.UNIT_CODE, world.communeA1)
                .set(ENROLLMENT.STATUS, "enrolled")
                .returning(ENROLLMENT.ID).fetchSingle().getId();

        Api.Res merged = world.organizer.post("/api/v1/participants/" + id(kept) + "/merge",
                body("duplicateId", id(duplicate)));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        JsonNode keptAfter = merged.json().get("kept");
        assertThat(keptAfter.get("phone").asText()).isEqualTo("+84977456789");
        assertThat(keptAfter.get("unitCode").asText()).as("an empty field filled from the duplicate: " + keptAfter)
                .isEqualTo(world.communeA1);
        assertThat(db.select(ENROLLMENT.UNIT_CODE).from(ENROLLMENT).where(ENROLLMENT.ID.eq(enrollment)).fetchOne(0,
                String.class)).as("the course the person is on still counts them in their commune")
                .isEqualTo(world.communeA1);
    }
}
