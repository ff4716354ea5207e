package vn.bdg.registry.participant;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.AtOnce;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.ENROLLMENT;

/** Merging two records of one person while other requests act on them. */
class MergeRaceIT {
    private final World world = World.create();

    private UUID person(UUID id) {
        return Fixtures.participant(world, id, "Hà Thị Nguyệt", "female", world.communeA1);
    }

    @Test
    void bothRecordsEnrolledInOneRequestWhileTheyAreMergedIsNeverAServerError() throws Exception {
        for (int round = 0; round < 30; round++) {
            LocalDate start = LocalDate.now(Fixtures.VIETNAM).plusDays(10);
            UUID course = Fixtures.course(world, world.districtA, "open", start, start.plusDays(2));
            // ids that differ in their first bit: Java (signed) and PostgreSQL (unsigned) order them
            // differently; the record written first is the one Java sorts last
            UUID later = UUID.randomUUID();
            UUID earlier = new UUID(later.getMostSignificantBits() ^ Long.MIN_VALUE, later.getLeastSignificantBits());
            UUID high = later.compareTo(earlier) > 0 ? later : earlier;
            UUID low = high.equals(later) ? earlier : later;
            person(high);
            person(low);
            UUID kept = round % 2 == 0 ? low : high;
            UUID duplicate = kept.equals(low) ? high : low;

            List<Api.Res> answers = AtOnce.run(List.of(
                    () -> world.organizer.post("/api/v1/participants/" + kept + "/merge",
                            Map.of("duplicateId", duplicate.toString())),
                    () -> world.organizer.post("/api/v1/courses/" + course + "/enrollments", Map.of("items",
                            List.of(Map.of("participantId", high.toString()),
                                    Map.of("participantId", low.toString()))))));
            Api.Res merged = answers.get(0);
            Api.Res enrolled = answers.get(1);
            assertThat(merged.status()).as("round " + round + ": " + merged.body()).isEqualTo(200);
            assertThat(enrolled.status()).as("round " + round + ": " + enrolled.body()).isIn(200, 201, 422);
            // one person, enrolled once at most, and on the kept record
            List<UUID> holders = TestServer.get().database.dsl().select(ENROLLMENT.PARTICIPANT_ID)
                    .from(ENROLLMENT).where(ENROLLMENT.COURSE_ID.eq(course)).fetch(ENROLLMENT.PARTICIPANT_ID);
            assertThat(holders).as("round " + round).isSubsetOf(kept).hasSizeLessThanOrEqualTo(1);
        }
    }
}
