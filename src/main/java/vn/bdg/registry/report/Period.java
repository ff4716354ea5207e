package vn.bdg.registry.report;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: its first and last day, the label clients gave (2026, 2026-H1, 2026-Q3, or
 * null for a date range), its DHIS2 period id, and the plan year it belongs to. Years and halves
 * follow the province's half-year cut-off: with halves starting on 15/12, 2026-H1 is 15/12/2025 –
 * 14/06/2026, 2026-H2 is 15/06 – 14/12/2026 and 2026 is 15/12/2025 – 14/12/2026. Quarters are
 * calendar quarters.
 */
record Period(String label, LocalDate from, LocalDate to, String dhis2, int firstPlanYear, int lastPlanYear) {
    private static final Pattern NAMED = Pattern.compile("^(\\d{4})(?:-(H[12]|Q[1-4]))?$");

    /** The named period, or null when the text is not one (2026, 2026-H1, 2026-Q3). */
    static Period named(String text, MonthDay halfYearStart) {
        Matcher m = NAMED.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 2000 || year > 2100) {
            return null;
        }
        String part = m.group(2);
        // the first half-year of `year` starts in the previous calendar year when the cut-off is in its second half
        LocalDate yearStart = halfYearStart.atYear(halfYearStart.getMonthValue() >= 7 ? year - 1 : year);
        LocalDate secondHalf = yearStart.plusMonths(6);
        if (part == null) {
            return new Period(text, yearStart, yearStart.plusYears(1).minusDays(1), String.valueOf(year), year, year);
        }
        return switch (part) {
            case "H1" -> new Period(text, yearStart, secondHalf.minusDays(1), year + "S1", year, year);
            case "H2" -> new Period(text, secondHalf, yearStart.plusYears(1).minusDays(1), year + "S2", year, year);
            default -> {
                int quarter = part.charAt(1) - '0';
                LocalDate start = LocalDate.of(year, quarter * 3 - 2, 1);
                yield new Period(text, start, start.plusMonths(3).minusDays(1), year + "Q" + quarter, year, year);
            }
        };
    }

    /** Any date range: no label, no DHIS2 period; the plans of every year it touches. */
    static Period range(LocalDate from, LocalDate to) {
        return new Period(null, from, to, null, from.getYear(), to.getYear());
    }

    /** A period as it was when a report was submitted: its dates stay, whatever the cut-off is now. */
    static Period frozen(String label, LocalDate from, LocalDate to) {
        if (label == null) {
            return range(from, to);
        }
        int year = Integer.parseInt(label.substring(0, 4));
        return new Period(label, from, to, null, year, year);
    }

    /** The label rows carry: the named period, or "from/to". */
    String name() {
        return label != null ? label : from + "/" + to;
    }
}
