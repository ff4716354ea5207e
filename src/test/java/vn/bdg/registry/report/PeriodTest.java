package vn.bdg.registry.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.MonthDay;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodTest {
    private static final MonthDay CALENDAR = MonthDay.of(1, 1);
    private static final MonthDay MID_DECEMBER = MonthDay.of(12, 15);

    @Test
    void calendarHalvesYearsAndQuarters() {
        assertThat(Period.named("2026", CALENDAR)).isEqualTo(
                new Period("2026", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), "2026", 2026, 2026));
        assertThat(Period.named("2026-H1", CALENDAR)).isEqualTo(
                new Period("2026-H1", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), "2026S1", 2026, 2026));
        assertThat(Period.named("2026-H2", CALENDAR)).isEqualTo(
                new Period("2026-H2", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 12, 31), "2026S2", 2026, 2026));
        assertThat(Period.named("2026-Q3", MID_DECEMBER)).as("quarters stay calendar quarters").isEqualTo(
                new Period("2026-Q3", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30), "2026Q3", 2026, 2026));
    }

    @Test
    void aMidDecemberCutOffStartsTheYearInTheDecemberBefore() {
        assertThat(Period.named("2026-H1", MID_DECEMBER)).extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2025, 12, 15), LocalDate.of(2026, 6, 14));
        assertThat(Period.named("2026-H2", MID_DECEMBER)).extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2026, 6, 15), LocalDate.of(2026, 12, 14));
        assertThat(Period.named("2026", MID_DECEMBER)).extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2025, 12, 15), LocalDate.of(2026, 12, 14));
        assertThat(Period.named("2026-H1", MonthDay.of(4, 1))).extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 9, 30));
    }

    @Test
    void anythingElseIsNotANamedPeriod() {
        for (String text : new String[]{"2026-H3", "2026-Q5", "26", "2026-h1", "1999", "2026-01", " 2026"}) {
            assertThat(Period.named(text, CALENDAR)).as(text).isNull();
        }
        Period range = Period.range(LocalDate.of(2025, 11, 1), LocalDate.of(2026, 2, 28), CALENDAR);
        assertThat(range.name()).isEqualTo("2025-11-01/2026-02-28");
        assertThat(range.dhis2()).isNull();
        assertThat(range.firstPlanYear()).isEqualTo(2025);
        assertThat(range.lastPlanYear()).isEqualTo(2026);
    }

    @Test
    void aDateRangeHasThePlansOfTheYearsItTouchesAsTheProvinceCountsYears() {
        // the same days as the year 2026 with a mid-December cut-off: the 2026 plan only
        Period year = Period.range(LocalDate.of(2025, 12, 15), LocalDate.of(2026, 12, 14), MID_DECEMBER);
        assertThat(year).extracting(Period::firstPlanYear, Period::lastPlanYear).containsExactly(2026, 2026);
        assertThat(Period.named("2026", MID_DECEMBER)).extracting(Period::firstPlanYear, Period::lastPlanYear)
                .containsExactly(2026, 2026);
        Period across = Period.range(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 20), MID_DECEMBER);
        assertThat(across).extracting(Period::firstPlanYear, Period::lastPlanYear).containsExactly(2025, 2026);
        Period april = Period.range(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 5, 1), MonthDay.of(4, 1));
        assertThat(april).extracting(Period::firstPlanYear, Period::lastPlanYear).containsExactly(2025, 2026);
        // a quarter has the plans of its days, as the same dates given as a range do
        Period q4 = Period.named("2024-Q4", MID_DECEMBER);
        assertThat(q4).extracting(Period::firstPlanYear, Period::lastPlanYear).containsExactly(2024, 2025);
        Period sameDays = Period.range(q4.from(), q4.to(), MID_DECEMBER);
        assertThat(sameDays).extracting(Period::firstPlanYear, Period::lastPlanYear).containsExactly(2024, 2025);
        assertThat(Period.named("2024-Q4", CALENDAR)).extracting(Period::firstPlanYear, Period::lastPlanYear)
                .containsExactly(2024, 2024);
        assertThat(Period.frozen("2024-Q4", q4.from(), q4.to(), null, null, MID_DECEMBER)).isEqualTo(q4);
        assertThat(Period.frozen("2024-Q4", q4.from(), q4.to(), 2024, 2025, CALENDAR)).as("as it was submitted")
                .isEqualTo(q4);
    }

    @Test
    void theDhis2PeriodIsTheOneWithTheSameDaysOrNone() {
        assertThat(Period.named("2026", MonthDay.of(7, 1)).dhis2()).as("1/7/2025-30/6/2026").isEqualTo("2025July");
        assertThat(Period.named("2026-H1", MonthDay.of(7, 1)).dhis2()).as("1/7-31/12/2025").isEqualTo("2025S2");
        assertThat(Period.named("2026", MonthDay.of(4, 1)).dhis2()).isEqualTo("2026April");
        assertThat(Period.named("2026-H2", MonthDay.of(4, 1)).dhis2()).as("1/10/2026-31/3/2027")
                .isEqualTo("2026AprilS2");
        assertThat(Period.named("2025", MonthDay.of(10, 1)).dhis2()).as("1/10/2024-30/9/2025").isEqualTo("2024Oct");
        // DHIS2 has no year or half-year starting on 15 December: no id rather than another period's
        assertThat(Period.named("2026", MID_DECEMBER).dhis2()).isNull();
        assertThat(Period.named("2026-H1", MID_DECEMBER).dhis2()).isNull();
        assertThat(Period.named("2026-Q1", MID_DECEMBER).dhis2()).isEqualTo("2026Q1");
        assertThat(Period.range(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30), CALENDAR).dhis2())
                .isEqualTo("2026Q2");
    }
}
