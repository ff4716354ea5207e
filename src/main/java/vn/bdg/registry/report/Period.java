package vn.bdg.registry.report;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: its first and last day, the label clients gave (2026, 2026-H1, 2026-Q3, or
 * null for a date range), its DHIS2 period id (null when DHIS2 has no period with its dates), and
 * the plan years it belongs to (those whose plan covers any of its days). Years and halves
 * follow the province's half-year cut-off: with halves starting on 15/12, 2026-H1 is 15/12/2025 –
 * 14/06/2026, 2026-H2 is 15/06 – 14/12/2026 and 2026 is 15/12/2025 – 14/12/2026. Quarters are
 * calendar quarters, and like date ranges belong to the plan years their days fall in (2026-Q4 to
 * 2026 and 2027 under that cut-off).
 */
record Period(String label, LocalDate from, LocalDate to, String dhis2, int firstPlanYear, int lastPlanYear) {
    private static final Pattern NAMED = Pattern.compile("^(\\d{4})(?:-(H[12]|Q[1-4]))?$");
    /** The years a report can be of, named or as dates: the registry's, not a mistyped 0202 or 9999. */
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

    /** The named period, or null when the text is not one (2026, 2026-H1, 2026-Q3). */
    static Period named(String text, MonthDay halfYearStart) {
        Matcher m = NAMED.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            return null;
        }
        String part = m.group(2);
        LocalDate yearStart = yearStart(year, halfYearStart);
        LocalDate secondHalf = yearStart.plusMonths(6);
        LocalDate from;
        LocalDate to;
        if (part == null) {
            from = yearStart;
            to = yearStart.plusYears(1).minusDays(1);
        } else if (part.startsWith("H")) {
            from = part.equals("H1") ? yearStart : secondHalf;
            to = part.equals("H1") ? secondHalf.minusDays(1) : yearStart.plusYears(1).minusDays(1);
        } else {
            // a calendar quarter: its days may fall in two plan years (Q4 under a 15/12 cut-off)
            int quarter = part.charAt(1) - '0';
            from = LocalDate.of(year, quarter * 3 - 2, 1);
            return range(text, from, from.plusMonths(3).minusDays(1), halfYearStart);
        }
        return new Period(text, from, to, dhis2(from, to), year, year);
    }

    /** Any date range: no label; the plans of the plan years (under the cut-off) it touches. */
    static Period range(LocalDate from, LocalDate to, MonthDay halfYearStart) {
        return range(null, from, to, halfYearStart);
    }

    private static Period range(String label, LocalDate from, LocalDate to, MonthDay halfYearStart) {
        return new Period(label, from, to, dhis2(from, to), planYear(from, halfYearStart), planYear(to, halfYearStart));
    }

    /**
     * A period as it was when a report was submitted: its dates and plan years stay, whatever the
     * cut-off is now (plan years null: a submission from before they were kept, derived as then).
     */
    static Period frozen(String label, LocalDate from, LocalDate to, Integer firstPlanYear, Integer lastPlanYear,
                         MonthDay halfYearStart) {
        if (firstPlanYear != null && lastPlanYear != null) {
            return new Period(label, from, to, dhis2(from, to), firstPlanYear, lastPlanYear);
        }
        if (label == null || label.contains("-Q")) {
            return range(label, from, to, halfYearStart);
        }
        int year = Integer.parseInt(label.substring(0, 4));
        return new Period(label, from, to, dhis2(from, to), year, year);
    }

    /** The first day of a year under the cut-off: in the calendar year before when the cut-off is in its second half. */
    private static LocalDate yearStart(int year, MonthDay halfYearStart) {
        return halfYearStart.atYear(halfYearStart.getMonthValue() >= 7 ? year - 1 : year);
    }

    /** The year (as periods are named, and plans are) that a day falls in under the cut-off. */
    static int planYear(LocalDate day, MonthDay halfYearStart) {
        int year = day.getYear() + (halfYearStart.getMonthValue() >= 7 ? 1 : 0);
        return day.isBefore(yearStart(year, halfYearStart)) ? year - 1 : year;
    }

    /**
     * DHIS2's id of the period with exactly these dates (its yearly, financial April/July/October,
     * six-monthly, six-monthly April and quarterly types), or null when DHIS2 has none: values
     * sent under an id whose dates differ would be read as another period's.
     */
    static String dhis2(LocalDate from, LocalDate to) {
        int year = from.getYear();
        int month = from.getMonthValue();
        if (from.getDayOfMonth() != 1) {
            return null;
        }
        if (to.equals(from.plusYears(1).minusDays(1))) {
            return switch (month) {
                case 1 -> String.valueOf(year);
                case 4 -> year + "April";
                case 7 -> year + "July";
                case 10 -> year + "Oct";
                default -> null;
            };
        }
        if (to.equals(from.plusMonths(6).minusDays(1))) {
            return switch (month) {
                case 1 -> year + "S1";
                case 7 -> year + "S2";
                case 4 -> year + "AprilS1";
                case 10 -> year + "AprilS2";
                default -> null;
            };
        }
        if (to.equals(from.plusMonths(3).minusDays(1)) && month % 3 == 1) {
            return year + "Q" + (month + 2) / 3;
        }
        return null;
    }

    /**
     * The named period as a Vietnamese report says it ("năm 2026", "6 tháng đầu năm 2026", "quý III
     * năm 2026"), or null for a date range.
     */
    String nameVi() {
        if (label == null) {
            return null;
        }
        String year = "năm " + label.substring(0, 4);
        return switch (label.length() > 4 ? label.substring(5) : "") {
            case "" -> year;
            case "H1" -> "6 tháng đầu " + year;
            case "H2" -> "6 tháng cuối " + year;
            default -> "quý " + List.of("I", "II", "III", "IV").get(label.charAt(6) - '1') + " " + year;
        };
    }

    /** The label rows carry: the named period, or "from/to". */
    String name() {
        return label != null ? label : from + "/" + to;
    }
}
