package vn.bdg.registry.attendance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The course's completion rule: the share of sessions attended (present or late) must reach the
 * course's minimum. Excused absences leave the count of sessions: excused from 2 of 10 sessions,
 * 7 attended is 7/8. Someone excused from every session has attended nothing and has not completed.
 */
public record Completion(int attended, int excused, int sessions, BigDecimal share, boolean completed) {

    public static Completion of(int attended, int excused, int sessions, BigDecimal minimumShare) {
        int counted = sessions - excused;
        if (counted <= 0 || attended == 0) {
            return new Completion(attended, excused, sessions, BigDecimal.ZERO, false);
        }
        // exact comparison, so "exactly at the threshold" completes: 4 of 5 at 0.8 does
        boolean completed = BigDecimal.valueOf(attended).compareTo(minimumShare.multiply(BigDecimal.valueOf(counted))) >= 0;
        BigDecimal share = BigDecimal.valueOf(attended).divide(BigDecimal.valueOf(counted), 4, RoundingMode.HALF_UP);
        return new Completion(attended, excused, sessions, share, completed);
    }
}
