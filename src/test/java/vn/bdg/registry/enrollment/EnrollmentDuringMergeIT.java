package vn.bdg.registry.enrollment;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.HeldLock;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An enrollment, a withdrawal and a merge at the same moment, each about the same people and
 * course. A withdrawal holds its person, then locks the course; a merge locks both records; an
 * enrollment used to lock the course first, then hold its people: the enrollment waited for the
 * merge, the merge for the withdrawal's person, the withdrawal for the enrollment's course, until
 * PostgreSQL aborted one of them (deadlock, a 500 to an organiser who had done nothing wrong).
 *
 * <p>The three are lined up in that order by a lock the test holds on the course until all wait.
 */
class EnrollmentDuringMergeIT {
    private final World world = World.create();

    /** A person whose id starts with the byte given: PostgreSQL orders ids byte by byte. */
    private UUID person(int firstByte) {
        UUID random = UUID.randomUUID();
        UUID id = new UUID((random.getMostSignificantBits() & 0x00FFFFFFFFFFFFFFL) | ((long) firstByte << 56),
                random.getLeastSignificantBits());
        return Fixtures.participant(world, id, "Hà Thị Nguyệt", "female", world.communeA1);
    }

    @Test
    void enrollingADuplicateWhileItIsMergedAndTheKeptRecordWithdrawnIsNeverAServerError() throws Exception {
        LocalDate start = LocalDate.now(Fixtures.VIETNAM).plusDays(10);
        UUID course = Fixtures.course(world, world.districtA, "open", start, start.plusDays(2));
        UUID duplicate = person(0x50); // locked first by the merge (id order)
        UUID kept = person(0x90);
        UUID enrollment = Fixtures.enroll(world, course, kept);

        Api.Res enrolled;
        Api.Res withdrawn;
        Api.Res merged;
        try (HeldLock held = HeldLock.take("select 1 from course where id = '" + course + "' for update")) {
            CompletableFuture<Api.Res> enrolling = CompletableFuture.supplyAsync(() -> world.organizer.post(
                    "/api/v1/courses/" + course + "/enrollments", Map.of("participantId", duplicate.toString())));
            HeldLock.awaitWaiting(1); // first in line for the course
            CompletableFuture<Api.Res> withdrawing = CompletableFuture.supplyAsync(() -> world.districtOrganizer.post(
                    "/api/v1/courses/" + course + "/enrollments/" + enrollment + "/withdraw", Map.of()));
            HeldLock.awaitWaiting(2); // holds the kept person, waits for the course
            CompletableFuture<Api.Res> merging = CompletableFuture.supplyAsync(() -> world.admin.post(
                    "/api/v1/participants/" + kept + "/merge", Map.of("duplicateId", duplicate.toString())));
            HeldLock.awaitWaiting(3); // waits for the kept person
            held.close();
            enrolled = enrolling.get(30, TimeUnit.SECONDS);
            withdrawn = withdrawing.get(30, TimeUnit.SECONDS);
            merged = merging.get(30, TimeUnit.SECONDS);
        }
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        // the person is on the list once, through the enrollment made for the duplicate record
        var items = world.organizer.get("/api/v1/courses/" + course + "/enrollments?status=enrolled").json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("participantId").asText()).isEqualTo(kept.toString());
    }
}
