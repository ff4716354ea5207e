package vn.bdg.registry.attendance;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merges are followed MergedRecords.MAX_CHAIN deep. A person at the end of a longer chain (11
 * successive merges of one person, each allowed) is decided as the still-merged record at the last
 * hop: the scan is stored as not_enrolled, as the phone judges it, and the rest of the batch with it,
 * rather than taken for a merge made meanwhile and decided again until the batch is answered 503.
 */
class LongMergeChainScanIT {
    private final World world = World.create();

    private static Map<String, Object> manual(UUID session, UUID person) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sessionId", session.toString());
        item.put("clientScanId", UUID.randomUUID().toString());
        item.put("participantId", person.toString());
        item.put("method", "manual");
        item.put("scannedAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString());
        item.put("deviceId", "phone-1");
        return item;
    }

    @Test
    void aScanOfARecordAtTheEndOfALongMergeChainDoesNotFailTheWholeBatchForEver() {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        List<UUID> chain = new ArrayList<>();
        for (int i = 0; i <= 11; i++) {
            chain.add(Fixtures.participant(world, "Lò Thị Hương", "female", world.communeA1));
        }
        Fixtures.enroll(world, course, chain.get(11));
        for (int i = 0; i < 11; i++) {
            Fixtures.mergeInto(chain.get(i), chain.get(i + 1)); // as merge(kept=i+1, duplicate=i) leaves it
        }
        UUID other = Fixtures.participant(world, "Hà Thị Lan", "female", world.communeA1);
        Fixtures.enroll(world, course, other);

        Api.Res res = world.organizer.post("/api/v1/check-ins/batch",
                Map.of("items", List.of(manual(session, other), manual(session, chain.get(0)))));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().get("items").get(0).get("outcome").asText()).isEqualTo("accepted");
    }
}
