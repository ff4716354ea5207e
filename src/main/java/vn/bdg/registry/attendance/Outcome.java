package vn.bdg.registry.attendance;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import vn.bdg.registry.db.tables.CheckIn;

/** The stable reason codes of a scan (API.md "Attendance from phones"). */
public final class Outcome {
    public static final String ACCEPTED = "accepted";
    public static final String ALREADY_CHECKED_IN = "already_checked_in";
    public static final String NOT_ENROLLED = "not_enrolled";
    public static final String SESSION_NOT_OPEN = "session_not_open";
    public static final String INVALID_CARD = "invalid_card";
    public static final String REVOKED_CARD = "revoked_card";
    /** Batch only, never stored: the item names a session the caller may not scan. */
    public static final String UNKNOWN_SESSION = "unknown_session";

    /**
     * The check-ins (of check_in or an alias of it) that are live attendances: accepted and not
     * undone. 'accepted' is written into the SQL rather than bound so that every plan of the
     * statement, generic ones included, can use the partial unique index check_in_attendance: a
     * bound value cannot prove its predicate, and PostgreSQL then either planned a repeated scan's
     * lookup afresh for every scan (0.14 ms of planning for 0.02 ms of running) or kept a plan that
     * reads all of the person's scans.
     */
    public static Condition liveAttendance(CheckIn checkIn) {
        return checkIn.OUTCOME.eq(DSL.inline(ACCEPTED)).and(checkIn.UNDONE_AT.isNull());
    }

    private Outcome() {
    }
}
