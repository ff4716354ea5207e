package vn.bdg.registry.attendance;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.AtOnce;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.EXCUSED_ABSENCE;

/**
 * An absence excused at the moment the person's duplicate record is merged into the kept one: the
 * excuse counts for the person (it is on the kept record, whose completion it lowers the
 * denominator of), or it is refused as the merge left the record no longer enrolled. Never kept on
 * the merged record, where no attendance sheet, completion or certificate reads it.
 */
class ExcuseDuringMergeIT {
    private final World world = World.create();

    @Test
    void anExcuseOfARecordBeingMergedIsNeverLeftOnTheMergedRecord() throws Exception {
        for (int round = 0; round < 30; round++) {
            UUID course = Fixtures.courseToday(world, world.districtA);
            UUID session = Fixtures.sessionNow(world, course);
            UUID kept = Fixtures.participant(world, "Triệu Thị Lan", "female", world.communeA1);
            UUID duplicate = Fixtures.participant(world, "Triệu Thị Lan", "female", world.communeA1);
            Fixtures.enroll(world, course, duplicate);
            int delay = round % 5;
            List<Api.Res> answers = AtOnce.staggered(
                    () -> world.organizer.post("/api/v1/participants/" + kept + "/merge",
                            Map.of("duplicateId", duplicate.toString())), delay,
                    () -> world.organizer.put("/api/v1/sessions/" + session + "/excused/" + duplicate,
                            Map.of("reason", "Ốm, có giấy của trạm y tế xã")));
            Api.Res merged = answers.get(0);
            Api.Res excused = answers.get(1);
            String at = "round " + round + ": merge " + merged.status() + ", excuse " + excused.status() + " "
                    + excused.body();
            assertThat(merged.status()).as(at).isEqualTo(200);
            assertThat(excused.status()).as(at).isIn(204, 422);
            List<UUID> holders = TestServer.get().database.dsl().select(EXCUSED_ABSENCE.PARTICIPANT_ID)
                    .from(EXCUSED_ABSENCE).where(EXCUSED_ABSENCE.SESSION_ID.eq(session))
                    .fetch(EXCUSED_ABSENCE.PARTICIPANT_ID);
            assertThat(holders).as(at).isEqualTo(excused.status() == 204 ? List.of(kept) : List.of());
        }
    }
}
