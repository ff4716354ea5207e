package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {
    /**
     * jOOQ reads a timestamptz with the offset of the database session's TimeZone, which the
     * PostgreSQL driver sets to the JVM's zone, and OffsetDateTime.now() takes the JVM's offset: on a
     * server whose zone is not UTC (Asia/Ho_Chi_Minh, say) the same instant came out as 06:08Z in
     * one answer and 13:08+07:00 or 22:08-08:00 in another, and a scan sent again got an answer
     * that differed from the first one (CheckInIT run with -Duser.timezone=America/Los_Angeles).
     */
    @Test
    void aTimeIsWrittenInUtcWhateverOffsetItCarries() throws Exception {
        OffsetDateTime utc = OffsetDateTime.parse("2026-12-07T06:08:05.88926Z");
        for (String zone : new String[]{"UTC", "Asia/Ho_Chi_Minh", "America/Los_Angeles"}) {
            OffsetDateTime there = utc.atZoneSameInstant(ZoneId.of(zone)).toOffsetDateTime();
            assertThat(Json.MAPPER.writeValueAsString(Map.of("at", there))).as(zone)
                    .isEqualTo("{\"at\":\"2026-12-07T06:08:05.88926Z\"}");
        }
    }

    @Test
    void aTimeReadKeepsTheOffsetItWasSentWith() throws Exception {
        // the consent's givenAt and a scan's scannedAt are read as sent, not moved to another zone
        OffsetDateTime read = Json.MAPPER.readValue("\"2026-12-07T13:08:05+07:00\"", OffsetDateTime.class);
        assertThat(read.getOffset().getTotalSeconds()).isEqualTo(7 * 3600);
    }
}
