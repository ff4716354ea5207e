package vn.bdg.registry.certificate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EligibilityTest {
    @Test
    void aTraineeWhoCompletedGetsACertificate() {
        assertThat(Eligibility.reason("enrolled", "trainee", false, false, false, true)).isNull();
    }

    @Test
    void theFirstReasonThatRulesSomeoneOutIsTheOneGiven() {
        assertThat(Eligibility.reason("withdrawn", "observer", true, true, true, true)).isEqualTo("withdrawn");
        assertThat(Eligibility.reason("enrolled", "observer", true, true, true, true)).isEqualTo("not_trainee");
        assertThat(Eligibility.reason("enrolled", "trainer", false, false, false, true)).isEqualTo("not_trainee");
        assertThat(Eligibility.reason("enrolled", "trainee", true, true, true, true)).isEqualTo("erased");
        assertThat(Eligibility.reason("enrolled", "trainee", false, true, true, true)).isEqualTo("withheld");
        assertThat(Eligibility.reason("enrolled", "trainee", false, false, true, true)).isEqualTo("revoked");
        assertThat(Eligibility.reason("enrolled", "trainee", false, false, false, false))
                .isEqualTo("below_completion_rule");
    }

    @Test
    void someoneWhoseDataWasErasedGetsNoCertificateHoweverTheyAttended() {
        assertThat(Eligibility.reason("enrolled", "trainee", true, false, false, true)).isEqualTo("erased");
    }

    @Test
    void someoneMissingFromTheAttendanceSheetHasNotCompleted() {
        assertThat(Eligibility.reason("enrolled", "trainee", false, false, false, null))
                .isEqualTo("below_completion_rule");
    }
}
