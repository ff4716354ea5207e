package vn.bdg.registry.certificate;

/**
 * Who gets a certificate when a course's certificates are issued, and, for the others, the stable
 * code of the first reason that rules them out.
 */
final class Eligibility {
    static final String WITHDRAWN = "withdrawn";
    static final String NOT_TRAINEE = "not_trainee";
    /** The person's data was erased at their request: a certificate would name nobody. */
    static final String ERASED = "erased";
    static final String WITHHELD = "withheld";
    /** A certificate of this course was revoked: only a new decision by hand issues another. */
    static final String REVOKED = "revoked";
    static final String BELOW_COMPLETION_RULE = "below_completion_rule";

    private Eligibility() {
    }

    /**
     * The reason a person enrolled in the course gets no certificate, or null when they get one.
     * completed: whether the attendance sheet says they completed the course (null: not on it).
     */
    static String reason(String enrollmentStatus, String role, boolean erased, boolean withheld,
                         boolean revokedBefore, Boolean completed) {
        if (!"enrolled".equals(enrollmentStatus)) {
            return WITHDRAWN;
        }
        if (!"trainee".equals(role)) {
            return NOT_TRAINEE;
        }
        if (erased) {
            return ERASED;
        }
        if (withheld) {
            return WITHHELD;
        }
        if (revokedBefore) {
            return REVOKED;
        }
        return Boolean.TRUE.equals(completed) ? null : BELOW_COMPLETION_RULE;
    }
}
