package vn.bdg.registry.course;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.course.CourseStatus.cancelled;
import static vn.bdg.registry.course.CourseStatus.completed;
import static vn.bdg.registry.course.CourseStatus.draft;
import static vn.bdg.registry.course.CourseStatus.open;
import static vn.bdg.registry.course.CourseStatus.running;

class CourseStatusTest {
    /** The life cycle as the contract states it: every move not listed is refused. */
    private static final Map<CourseStatus, Set<CourseStatus>> ALLOWED = Map.of(
            draft, Set.of(open, cancelled),
            open, Set.of(running, cancelled),
            running, Set.of(completed, cancelled),
            completed, Set.of(),
            cancelled, Set.of());

    @Test
    void everyPairOfStatusesIsAllowedExactlyWhenTheLifeCycleSaysSo() {
        for (CourseStatus from : CourseStatus.values()) {
            for (CourseStatus to : CourseStatus.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }

    @Test
    void onlyCompletedAndCancelledCoursesAreClosed() {
        for (CourseStatus s : CourseStatus.values()) {
            assertThat(s.closed()).as(s.name()).isEqualTo(s == completed || s == cancelled);
        }
    }

    @Test
    void onlyRunningAndCompletedCoursesNeedSessions() {
        for (CourseStatus s : CourseStatus.values()) {
            assertThat(s.needsSessions()).as(s.name()).isEqualTo(s == running || s == completed);
        }
    }

    @Test
    void theNamesClientsSendAreTheStatuses() {
        assertThat(CourseStatus.NAMES).containsExactlyInAnyOrder("draft", "open", "running", "completed", "cancelled");
    }
}
