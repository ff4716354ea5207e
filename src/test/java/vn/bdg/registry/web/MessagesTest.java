package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesTest {
    @Test
    void englishCountsAgreeWithTheirNumber() {
        assertThat(Messages.get(Locale.ENGLISH, "problem.rate_limited.detail", 1L)).endsWith("in 1 second.");
        assertThat(Messages.get(Locale.ENGLISH, "problem.rate_limited.detail", 30L)).endsWith("in 30 seconds.");
        assertThat(Messages.get(Locale.ENGLISH, "problem.busy.detail", 1)).contains("in 1 second.");
        assertThat(Messages.get(Locale.ENGLISH, "flag.attendance_above_enrolled", 1, "x", "1/1", 0))
                .startsWith("1 person present");
        assertThat(Messages.get(Locale.ENGLISH, "flag.attendance_above_enrolled", 3, "x", "1/1", 2))
                .startsWith("3 people present");
    }

    @Test
    void aSmallCountIsNotCalledPeopleWhenItCountsAttendances() {
        assertThat(Messages.get(Locale.ENGLISH, "flag.small_count", "Attendances", "women", 4, 5))
                .contains("counts only 4,").doesNotContain("4 people");
    }

    /** A field's message follows its name ("plannedHours chỉ được có ..."): a predicate, as the others are. */
    @Test
    void vietnameseFieldMessagesOfThisReleaseReadAsSentences() {
        Locale vi = Locale.forLanguageTag("vi");
        assertThat(Messages.get(vi, "field.too_many_decimals", 1)).isEqualTo("chỉ được có tối đa 1 chữ số thập phân");
        assertThat(Messages.get(vi, "field.too_many_decimals", 0)).startsWith("phải là số nguyên");
        assertThat(Messages.get(vi, "flag.not_women_in_women_groups", 2, "BDG-01"))
                .contains("giới tính không được ghi là nữ");
    }

    @Test
    void englishDecimalsSayAWholeNumberForNone() {
        assertThat(Messages.get(Locale.ENGLISH, "field.too_many_decimals", 0)).isEqualTo("must be a whole number");
        assertThat(Messages.get(Locale.ENGLISH, "field.too_many_decimals", 1)).isEqualTo("must have at most one decimal place");
        assertThat(Messages.get(Locale.ENGLISH, "field.too_many_decimals", 2)).isEqualTo("must have at most 2 decimal places");
    }
}
