package vn.bdg.registry.report;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Something a report compiler should look at before trusting or publishing a period's numbers (see
 * the Flag schema): the courses and sessions it is about, or the report cell, and a sentence saying
 * what is odd about them.
 */
public record Flag(Kind kind, String message, int count, Integer limit, UUID participantId, List<FlagCourse> courses,
                   List<FlagSession> sessions, String indicator, Map<String, Object> cell) {

    /** The kinds, in the order a compiler sees them. */
    public enum Kind {
        /** More trainees present at a session than the course has places (capacity counts trainees). */
        attendance_above_capacity,
        /** More people present at a session than are on the course's list (some withdrawn after attending). */
        attendance_above_enrolled,
        /** One person present at two courses' sessions that overlap in time. */
        two_places_at_once,
        /** Courses of different units attended by exactly the same people: a list copied? */
        identical_lists,
        /** Trainees of a course with no unit kept with their enrollment: no district or commune counts them. */
        trainees_without_unit,
        /** Trainees in a group of women (as enrolled) not recorded as women: the group's indicators leave them out. */
        not_women_in_women_groups,
        /** A course linked to an activity of a plan of another year than its own: no plan row of the period counts it. */
        plan_of_another_year,
        /** A course linked to an activity whose topic, target group or level is not the course's: a wrong link? */
        plan_activity_mismatch,
        /** A report cell by ethnicity or age of so few people that each could be recognised. */
        small_count
    }

    public record FlagCourse(UUID id, String code, String title, String unitCode, LocalDate startDate) {
    }

    public record FlagSession(UUID id, UUID courseId, LocalDate date,
                              @JsonFormat(pattern = "HH:mm") LocalTime startTime,
                              @JsonFormat(pattern = "HH:mm") LocalTime endTime) {
    }

    /** The answer (FlagList): the period and unit asked for, the flags, and whether more were left out. */
    public record Listing(String period, LocalDate from, LocalDate to, String unit, String unitName, List<Flag> items,
                          boolean truncated) {
    }
}
