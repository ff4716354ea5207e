package vn.bdg.registry.report;

import vn.bdg.registry.web.Messages;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** How flags are said (a sentence in the caller's language) and ordered; the small counts of a report. */
final class Flags {
    /** Breakdowns by personal data (ethnicity, age) whose small cells could point at a person. */
    static final Set<Breakdown> SENSITIVE = EnumSet.of(Breakdown.ETHNIC_MINORITY, Breakdown.AGE_BAND);
    /** Fewer people than this in a cell by personal data could be recognised one by one. */
    static final int SMALL_COUNT = 5;
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    private Flags() {
    }

    /**
     * A flag the statement found, with its sentence and the courses (by code) and sessions the caller
     * may see: a course of a unit outside the caller's scope is only said to be another unit's.
     */
    static Flag said(FlagRepository.Found f, Map<UUID, Flag.FlagCourse> courses, Map<UUID, Flag.FlagSession> sessions,
                     Locale locale) {
        List<Flag.FlagCourse> itsCourses = f.courseIds().stream().map(courses::get).filter(Objects::nonNull)
                .sorted(Comparator.comparing(Flag.FlagCourse::code)).toList();
        Set<UUID> shown = new HashSet<>();
        itsCourses.forEach(c -> shown.add(c.id()));
        List<Flag.FlagSession> itsSessions = f.sessionIds().stream().map(sessions::get)
                .filter(s -> shown.contains(s.courseId())).toList();
        int elsewhere = f.courseIds().size() - itsCourses.size();
        List<String> named = new ArrayList<>();
        itsCourses.forEach(c -> named.add(Messages.get(locale, "flag.course", c.code())));
        if (elsewhere > 0) {
            named.add(Messages.get(locale, "flag.courses_elsewhere", elsewhere));
        }
        String codes = String.join(", ", named);
        // dates as each language writes them: 12/11/2026 in Vietnamese, 2026-11-12 in English
        LocalDate day = itsSessions.isEmpty() ? null : itsSessions.get(0).date();
        String date = day == null ? ""
                : locale.getLanguage().equals("vi") ? day.format(DAY_MONTH_YEAR) : day.toString();
        String message = switch (f.kind()) {
            case attendance_above_capacity, attendance_above_enrolled ->
                    Messages.get(locale, "flag." + f.kind(), f.count(), codes, date, f.limit());
            case two_places_at_once -> Messages.get(locale, "flag." + f.kind(), date, named.get(0), named.get(1));
            case identical_lists -> Messages.get(locale, "flag." + f.kind(), f.courseIds().size(), f.count(), codes);
            case trainees_without_unit, not_women_in_women_groups ->
                    Messages.get(locale, "flag." + f.kind(), f.count(), codes);
            case plan_of_another_year -> Messages.get(locale, "flag." + f.kind(), codes, String.valueOf(f.limit()));
            case plan_activity_mismatch -> Messages.get(locale, "flag." + f.kind(), codes);
            case small_count -> throw new IllegalArgumentException("a report cell's flag, said by smallCounts");
        };
        return new Flag(f.kind(), message, f.count(), f.limit(), f.participantId(), itsCourses, itsSessions, null,
                null);
    }

    /**
     * The cells of a report broken down by ethnicity or age band whose people (a count, or a share's
     * numerator or denominator) are so few, 1 to SMALL_COUNT - 1, that each could be recognised:
     * personal data to merge into a larger cell before the table is published.
     */
    static List<Flag> smallCounts(Report report, Locale locale) {
        List<Flag> flags = new ArrayList<>();
        for (Report.Row row : report.rows()) {
            boolean ofPeople = !row.indicator().subject().equals("course") && !row.indicator().subject().equals("plan");
            boolean sensitive = row.cell().entrySet().stream()
                    .anyMatch(e -> SENSITIVE.contains(e.getKey()) && e.getValue() != null);
            if (!ofPeople || !sensitive) {
                continue;
            }
            // a count's people, or a share's (numerator and denominator)
            List<Long> people = row.numerator() != null ? Arrays.asList(row.numerator(), row.denominator())
                    : List.of(row.value() == null ? 0L : row.value().longValue());
            long fewest = people.stream().filter(n -> n != null && n > 0).mapToLong(Long::longValue).min().orElse(0);
            if (fewest == 0 || fewest >= SMALL_COUNT) {
                continue;
            }
            Map<String, Object> cell = new LinkedHashMap<>();
            List<String> described = new ArrayList<>();
            boolean vietnamese = locale.getLanguage().equals("vi");
            row.cell().forEach((b, value) -> {
                cell.put(b.key, Report.jsonValue(b, value));
                // value names are Vietnamese only (the files'); in English the cell is said by its keys
                described.add(vietnamese ? b.headingVi + ": " + report.labels().of(b, value) : b.key + "=" + value);
            });
            String message = Messages.get(locale, "flag.small_count", row.indicator().label(locale),
                    String.join("; ", described), fewest, SMALL_COUNT);
            flags.add(new Flag(Flag.Kind.small_count, message, (int) fewest, SMALL_COUNT, null, List.of(), List.of(),
                    row.indicator().code(), cell));
        }
        return flags;
    }

    /**
     * Most telling first: by kind, then by the first course's code and the session's date; a stable
     * sort, so small counts keep the report's order.
     */
    static void sort(List<Flag> flags) {
        flags.sort(Comparator.comparing(Flag::kind)
                .thenComparing(f -> f.courses().isEmpty() ? "" : f.courses().get(0).code())
                .thenComparing(f -> f.sessions().isEmpty() ? LocalDate.MIN : f.sessions().get(0).date()));
    }
}
