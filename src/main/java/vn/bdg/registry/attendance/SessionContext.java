package vn.bdg.registry.attendance;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/**
 * A session with what a scan is judged against: its course's state and its time window. Check-in
 * opens an hour before the start (people arrive early) and closes at the end; a scan's time may be
 * off by the clock-skew tolerance either way.
 */
public record SessionContext(UUID sessionId, UUID courseId, String courseTitle, String courseStatus,
                             String provinceCode, String courseUnitCode, LocalDate date, LocalTime startTime,
                             LocalTime endTime, String venue) {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final Duration OPENS_BEFORE = Duration.ofHours(1);
    /** A participant scanned more than this after the start is late. */
    public static final Duration LATE_AFTER = Duration.ofMinutes(15);
    private static final Set<String> SCANNABLE = Set.of("open", "running", "completed");

    public OffsetDateTime startsAt() {
        return date.atTime(startTime).atZone(VIETNAM).toOffsetDateTime();
    }

    public OffsetDateTime opensAt() {
        return startsAt().minus(OPENS_BEFORE);
    }

    public OffsetDateTime closesAt() {
        return date.atTime(endTime).atZone(VIETNAM).toOffsetDateTime();
    }

    /** Whether a scan made at that time (by the phone's clock) counts for this session. */
    public boolean accepts(OffsetDateTime scannedAt, Duration tolerance) {
        return SCANNABLE.contains(courseStatus)
                && !scannedAt.isBefore(opensAt().minus(tolerance))
                && !scannedAt.isAfter(closesAt().plus(tolerance));
    }

    public boolean isLate(OffsetDateTime scannedAt) {
        return scannedAt.isAfter(startsAt().plus(LATE_AFTER));
    }
}
