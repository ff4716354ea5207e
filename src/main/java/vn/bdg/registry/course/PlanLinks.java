package vn.bdg.registry.course;

import org.jooq.DSLContext;
import vn.bdg.registry.auth.Caller;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What a course's start date must respect while the course carries out an activity of an annual
 * plan. Plans, and the province's cut-off that decides which year a day is in, are the reports'
 * business: {@code report.PlanService} answers.
 */
@FunctionalInterface
public interface PlanLinks {
    /**
     * Throws 422 (field {@code startDate}) when the course is linked to an activity of a plan and
     * start moves it into a year that is neither the plan's nor the one it is in: the reports would
     * count the course under no plan.
     */
    void checkStart(DSLContext tx, Caller caller, UUID courseId, LocalDate start);
}
