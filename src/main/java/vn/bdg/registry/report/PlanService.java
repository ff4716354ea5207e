package vn.bdg.registry.report;

import org.jooq.DSLContext;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.catalog.Catalogs;
import vn.bdg.registry.sql.Unique;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.FieldError;
import vn.bdg.registry.web.Page;
import vn.bdg.registry.web.PageRequest;

import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rules for annual plans: a plan is the province's (entered by province-wide users), its number is
 * unique in the province and calendar year of issue (document numbers restart every year), its
 * activities use the catalogues; courses of the caller's scope are linked to an activity of the
 * province's plan of the year they start in.
 */
public final class PlanService {
    private final DSLContext dsl;
    private final PlanRepository plans;
    private final Catalogs catalogs;
    private final AuditLog audit;
    private final ReportRepository settings;

    public PlanService(DSLContext dsl, Catalogs catalogs, AuditLog audit) {
        this.dsl = dsl;
        this.plans = new PlanRepository(dsl);
        this.catalogs = catalogs;
        this.audit = audit;
        this.settings = new ReportRepository(dsl);
    }

    Plan create(Caller caller, Plan plan) {
        if (!caller.provinceWide()) {
            throw ApiException.forbidden();
        }
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < plan.activities().size(); i++) {
            Plan.Activity a = plan.activities().get(i);
            if (a.topic() != null && !catalogs.contains(Catalogs.TOPICS, a.topic())) {
                unknown.add(new FieldError("activities[" + i + "].topic", "unknown_code"));
            }
            if (a.targetGroup() != null && !catalogs.contains(Catalogs.TARGET_GROUPS, a.targetGroup())) {
                unknown.add(new FieldError("activities[" + i + "].targetGroup", "unknown_code"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ApiException(422, "rule_violated", unknown);
        }
        // the check answers most repeats; one sent at the same moment passes it and meets the unique key
        return Unique.orConflict("plan_number_taken", () -> dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            if (plans.numberTaken(tx, caller.provinceCode(), plan.number(), plan.issuedOn())) {
                throw ApiException.conflict("plan_number_taken");
            }
            UUID id = plans.insert(tx, caller.provinceCode(), plan, caller.userId());
            Plan created = plans.find(tx, caller.provinceCode(), id).orElseThrow();
            audit.record(tx, caller, "create", "annual_plan", id, null, created);
            return created;
        }));
    }

    /**
     * Deletes a plan entered by mistake (a wrong number, date or planned figure: plans are not
     * edited, a corrected one is entered again), province-wide users only, while no course is
     * linked to its activities (409 plan_in_use: unlink them first). Submitted reports keep the
     * planned numbers they froze.
     */
    void delete(Caller caller, UUID id) {
        if (!caller.provinceWide()) {
            throw ApiException.forbidden();
        }
        dsl.transaction(trx -> {
            DSLContext tx = trx.dsl();
            int linked = plans.lockForDelete(tx, caller.provinceCode(), id).orElseThrow(ApiException::notFound);
            if (linked > 0) {
                throw ApiException.conflict("plan_in_use", linked);
            }
            Plan before = plans.find(tx, caller.provinceCode(), id).orElseThrow();
            plans.delete(tx, id);
            audit.record(tx, caller, "delete", "annual_plan", id, before, null);
        });
    }

    Plan get(Caller caller, UUID id) {
        return plans.find(dsl, caller.provinceCode(), id).orElseThrow(ApiException::notFound);
    }

    Page<Plan> list(Caller caller, Integer year, PageRequest page) {
        List<String> after = page.after();
        if (after != null && (after.size() != 2 || !after.get(0).matches("\\d{4}")
                || !ReportService.isUuid(after.get(1)))) {
            throw ApiException.invalid("cursor", "invalid_cursor");
        }
        return page.page(plans.list(caller.provinceCode(), year, after, page.limit() + 1),
                p -> List.of(String.valueOf(p.year()), p.id().toString()));
    }

    /**
     * Links a course of the caller's scope to an activity of the province's plans, or unlinks it
     * (null). The activity must be of the plan of the year the course starts in (under the
     * province's cut-off): reports count a course only under its own year's plans, so a link to
     * another year's would count it nowhere.
     */
    Map<String, Object> linkCourse(Caller caller, UUID courseId, UUID activityId) {
        return dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            PlanRepository.CourseLink course = plans.courseActivityForUpdate(tx, caller, courseId)
                    .orElseThrow(ApiException::notFound);
            UUID before = course.activityId();
            if (activityId != null) {
                int year = plans.activityYear(tx, caller.provinceCode(), activityId)
                        .orElseThrow(() -> ApiException.unprocessable("activityId", "unknown_activity"));
                MonthDay cutOff = MonthDay.parse("--" + settings.halfYearStart(tx, caller.provinceCode())
                        .orElse(ReportService.CALENDAR_HALVES));
                if (Period.planYear(course.startDate(), cutOff) != year) {
                    throw ApiException.unprocessable("activityId", "activity_of_another_year");
                }
            }
            plans.linkCourse(tx, courseId, activityId);
            audit.record(tx, caller, "update", "course", courseId, activityOf(before), activityOf(activityId));
            return linkOf(courseId, activityId);
        });
    }

    private static Map<String, Object> activityOf(UUID activityId) {
        Map<String, Object> m = new HashMap<>();
        m.put("planActivityId", activityId);
        return m;
    }

    private static Map<String, Object> linkOf(UUID courseId, UUID activityId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("courseId", courseId);
        m.put("planActivityId", activityId);
        return m;
    }
}
