package vn.bdg.registry.attendance;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.CHECK_IN;

/**
 * A date-time is ISO 8601 text: a string of digits ("0", "1700000000.5", "-5"), which Jackson reads
 * as seconds since 1970, is refused like a number, not stored as a session_not_open scan of 1970
 * that uses up the scan id.
 */
class ScanTimeOfDigitsIT {
    private final World world = World.create();

    @Test
    void digitsInTextForScannedAtAreA400NotAScanStoredIn1970() {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);
        Fixtures.enroll(world, course, hoa);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sessionId", session.toString());
        item.put("clientScanId", UUID.randomUUID().toString());
        item.put("participantId", hoa.toString());
        item.put("method", "manual");
        item.put("scannedAt", "0");
        item.put("deviceId", "phone-1");
        Api.Res res = world.organizer.post("/api/v1/check-ins/batch",
                Map.of("sentAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString(), "items", List.of(item)));
        int stored = TestServer.get().database.dsl().fetchCount(CHECK_IN,
                CHECK_IN.CLIENT_SCAN_ID.eq(UUID.fromString((String) item.get("clientScanId"))));
        assertThat(stored).as("scan stored: " + res.body()).isZero();
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        assertThat(res.json().get("errors").get(0).get("code").asText()).isEqualTo("invalid_date_time");
    }
}
