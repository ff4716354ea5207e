package vn.bdg.registry.card;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.HeldLock;
import vn.bdg.registry.support.World;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lost card reported for a record at the moment that record is merged into another: the card is
 * reissued only for a record that is still its own, as without the race (a merged record is 404);
 * never a new live card for the merged record, which no list or roster shows any more.
 *
 * <p>The merge is held, after it locked both records, by a lock the test takes on the duplicate's
 * enrollment; the reissue, which read the record before the merge, then waits for the merge.
 */
class CardReissueDuringMergeIT {
    private final World world = World.create();

    @Test
    void aCardReissuedWhileItsRecordIsMergedIsNotIssuedToTheMergedRecord() throws Exception {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID kept = Fixtures.participant(world, "Lý Thị Mai", "female", world.communeA1);
        UUID duplicate = Fixtures.participant(world, "Lý Thị Mai", "female", world.communeA1);
        Fixtures.enroll(world, course, duplicate);

        Api.Res merged;
        Api.Res reissued;
        try (HeldLock held = HeldLock.take("select 1 from enrollment where participant_id = '" + duplicate + "' for update")) {
            CompletableFuture<Api.Res> merging = CompletableFuture.supplyAsync(() -> world.organizer.post(
                    "/api/v1/participants/" + kept + "/merge", Map.of("duplicateId", duplicate.toString())));
            HeldLock.awaitWaiting(1); // both records locked, waits for the enrollment
            CompletableFuture<Api.Res> reissuing = CompletableFuture.supplyAsync(() -> world.organizer.post(
                    "/api/v1/participants/" + duplicate + "/card/revoke", Map.of("reason", "mất thẻ")));
            HeldLock.awaitWaiting(2); // read the record as its own, waits for it
            held.close();
            merged = merging.get(30, TimeUnit.SECONDS);
            reissued = reissuing.get(30, TimeUnit.SECONDS);
        }
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(reissued.status()).as("as for any merged record: " + reissued.body()).isEqualTo(404);
        assertThat(world.organizer.post("/api/v1/participants/" + duplicate + "/card/revoke",
                Map.of("reason", "mất thẻ")).status()).as("the same request after the merge").isEqualTo(404);
    }
}
