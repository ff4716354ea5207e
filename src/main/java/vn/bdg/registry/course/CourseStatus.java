package vn.bdg.registry.course;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The life cycle of a course: draft → open → running → completed, or cancelled from any state
 * before completed. Completed and cancelled are final: such a course is closed to changes.
 */
public enum CourseStatus {
    draft, open, running, completed, cancelled;

    /** Whether the course may move from this status to the other one (staying put is no move). */
    public boolean canMoveTo(CourseStatus to) {
        return switch (this) {
            case draft -> to == open || to == cancelled;
            case open -> to == running || to == cancelled;
            case running -> to == completed || to == cancelled;
            case completed, cancelled -> false;
        };
    }

    /** A closed course accepts no edits, no new sessions and no enrollments. */
    public boolean closed() {
        return this == completed || this == cancelled;
    }

    /** A course can only run (or have run) if it has at least one session. */
    public boolean needsSessions() {
        return this == running || this == completed;
    }

    /** The names of the closed statuses, for queries. */
    public static final Set<String> CLOSED_NAMES = Arrays.stream(values()).filter(CourseStatus::closed).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    /** The names clients send and read. */
    public static final Set<String> NAMES = Arrays.stream(values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());
}
