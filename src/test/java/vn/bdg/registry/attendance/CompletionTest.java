package vn.bdg.registry.attendance;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionTest {
    private static final BigDecimal EIGHTY = new BigDecimal("0.8");

    @Test
    void exactlyAtTheThresholdCompletes() {
        assertThat(Completion.of(4, 0, 5, EIGHTY).completed()).isTrue();
        assertThat(Completion.of(8, 0, 10, EIGHTY).completed()).isTrue();
    }

    @Test
    void justBelowTheThresholdDoesNot() {
        assertThat(Completion.of(3, 0, 5, EIGHTY).completed()).isFalse();
        assertThat(Completion.of(7, 0, 9, EIGHTY).completed()).as("7/9 = 0.777...").isFalse();
    }

    @Test
    void excusedSessionsLeaveTheDenominator() {
        Completion c = Completion.of(3, 1, 5, EIGHTY);
        assertThat(c.completed()).as("3 of the 4 sessions not excused is 0.75").isFalse();
        assertThat(Completion.of(4, 1, 5, EIGHTY).completed()).isTrue();
        assertThat(Completion.of(4, 1, 5, EIGHTY).share()).isEqualByComparingTo("1");
    }

    @Test
    void beingExcusedFromEverythingOrAttendingNothingIsNotCompletion() {
        assertThat(Completion.of(0, 3, 3, EIGHTY).completed()).isFalse();
        assertThat(Completion.of(0, 0, 0, EIGHTY).completed()).isFalse();
        assertThat(Completion.of(0, 0, 4, new BigDecimal("0.01")).completed()).isFalse();
    }
}
