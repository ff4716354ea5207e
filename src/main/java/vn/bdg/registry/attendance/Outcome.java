package vn.bdg.registry.attendance;

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

    private Outcome() {
    }
}
