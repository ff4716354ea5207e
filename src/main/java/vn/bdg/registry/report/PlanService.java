package vn.bdg.registry.report;

import org.jooq.DSLContext;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.catalog.Catalogs;
import vn.bdg.registry.course.PlanLinks;
import vn.bdg.registry.sql.Unique;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.FieldError;
import vn.bdg.registry.web.Page;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.web.Versioned;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Rules for annual plans: a plan is the province's (entered by province-wide users), its number is
 * unique in the province and calendar year of issue (document numbers restart every year), its
 * activities use the catalogues; courses of the caller's scope are linked to an activity of the
 * province's plan of the year they start in.
 */
public final class PlanService implements PlanLinks {
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
        requireProvinceWide(caller);
        checkEntry(plan, Set.of());
        return Unique.orConflict("plan_number_taken", () -> dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            if (plans.numberTaken(tx, caller.provinceCode(), plan.number(), plan.issuedOn(), null)) {
                throw ApiException.conflict("plan_number_taken");
            }
            UUID id = plans.insert(tx, caller.provinceCode(), plan, caller.userId());
            Plan created = plans.find(tx, caller.provinceCode(), id).orElseThrow();
            audit.record(tx, caller, "create", "annual_plan", id, null, created);
            return created;
        }));
    }

    /**
     * Deletes a plan entered by mistake, province-wide users only, while no course is linked to its
     * activities (409 plan_in_use: unlink them first). Submitted reports keep the planned numbers
     * they froze.
     */
    void delete(Caller caller, UUID id) {
        requireProvinceWide(caller);
        dsl.transaction(trx -> {
            DSLContext tx = trx.dsl();
            Plan before = plans.lockForChange(tx, caller.provinceCode(), id).orElseThrow(ApiException::notFound);
            int linked = linkedCourses(before.activities());
            if (linked > 0) {
                throw ApiException.conflict("plan_in_use", linked);
            }
            plans.delete(tx, id);
            audit.record(tx, caller, "delete", "annual_plan", id, before, null);
        });
    }

    /**
     * Replaces the plan with its amended text: number, date, year, title and activities in the
     * order sent. An activity sent with its id is kept (its linked courses stay linked, its fields
     * take the values sent); one without is new; one left out is removed, unless courses are linked
     * to it (409 activity_in_use). The year changes only while no course is linked to the plan
     * (409 plan_in_use): links are to a plan of the course's own year. With ifMatch (the If-Match
     * header; null: none), only the version it names, else 412. Submitted reports keep what they
     * froze; today's report and a submission's diff show the amended planned numbers.
     */
    Versioned<Plan> update(Caller caller, UUID id, String ifMatch, Plan amended) {
        requireProvinceWide(caller);
        return Unique.orConflict("plan_number_taken", () -> dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            Plan before = plans.lockForChange(tx, caller.provinceCode(), id).orElseThrow(ApiException::notFound);
            Set<UUID> current = before.activities().stream().map(Plan.Activity::id).collect(Collectors.toSet());
            versioned(before).requireMatch(ifMatch);
            checkEntry(amended, current);
            Set<UUID> kept = amended.activities().stream().map(Plan.Activity::id).filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            List<Plan.Activity> removed = before.activities().stream().filter(a -> !kept.contains(a.id())).toList();
            for (Plan.Activity a : removed) {
                if (a.linkedCourses() > 0) {
                    throw ApiException.conflict("activity_in_use", a.position(), a.linkedCourses());
                }
            }
            int linked = linkedCourses(before.activities());
            if (amended.year() != before.year() && linked > 0) {
                throw ApiException.conflict("plan_in_use", linked);
            }
            // checked when the number or its year changes: plans entered before numbers were compared
            // without case and spaces may share one, and each stays amendable
            boolean renumbered = !amended.number().equals(before.number())
                    || amended.issuedOn().getYear() != before.issuedOn().getYear();
            if (renumbered && plans.numberTaken(tx, caller.provinceCode(), amended.number(), amended.issuedOn(), id)) {
                throw ApiException.conflict("plan_number_taken");
            }
            if (document(before).equals(document(new Plan(id, amended.number(), amended.issuedOn(), amended.year(),
                    amended.title(), amended.activities(), before.createdAt())))) {
                return versioned(before); // sent again as it is: nothing to write, nothing to log
            }
            plans.update(tx, id, caller.provinceCode(), amended, removed.stream().map(Plan.Activity::id).toList());
            Plan after = plans.find(tx, caller.provinceCode(), id).orElseThrow();
            audit.record(tx, caller, "update", "annual_plan", id, before, after);
            return versioned(after);
        }));
    }

    /** Plans are the province's: entered, amended and deleted by province-wide users only (403). */
    private static void requireProvinceWide(Caller caller) {
        if (!caller.provinceWide()) {
            throw ApiException.forbidden();
        }
    }

    /**
     * What a plan may name: codes of the catalogues, and in an amendment only ids of the plan's own
     * activities, each once (422 naming every such field). current: the ids of the plan's
     * activities (none for a new plan).
     */
    private void checkEntry(Plan plan, Set<UUID> current) {
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < plan.activities().size(); i++) {
            Plan.Activity a = plan.activities().get(i);
            String at = "activities[" + i + "].";
            if (a.id() != null && !current.contains(a.id())) {
                errors.add(new FieldError(at + "id", "not_of_this_plan"));
            } else if (a.id() != null && !seen.add(a.id())) {
                errors.add(new FieldError(at + "id", "duplicate_in_request"));
            }
            if (a.topic() != null && !catalogs.contains(Catalogs.TOPICS, a.topic())) {
                errors.add(new FieldError(at + "topic", "unknown_code"));
            }
            if (a.targetGroup() != null && !catalogs.contains(Catalogs.TARGET_GROUPS, a.targetGroup())) {
                errors.add(new FieldError(at + "targetGroup", "unknown_code"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, "rule_violated", errors);
        }
    }

    private static int linkedCourses(List<Plan.Activity> activities) {
        return activities.stream().mapToInt(Plan.Activity::linkedCourses).sum();
    }

    /**
     * The plan with its version: of what the plan document says, not of how many courses are
     * linked to its activities, so that a course linked meanwhile does not make an amendment 412.
     */
    static Versioned<Plan> versioned(Plan plan) {
        return new Versioned<>(plan, Versioned.of(document(plan)).etag());
    }

    /** What the plan document says: the plan without the courses linked to its activities. */
    private static Plan document(Plan plan) {
        return new Plan(plan.id(), plan.number(), plan.issuedOn(), plan.year(), plan.title(),
                plan.activities().stream().map(a -> new Plan.Activity(a.id(), a.position(), a.description(), a.topic(),
                        a.targetGroup(), a.level(), a.plannedCourses(), a.plannedParticipants(), a.budget(), 0)).toList(),
                plan.createdAt());
    }

    Versioned<Plan> get(Caller caller, UUID id) {
        return versioned(plans.find(dsl, caller.provinceCode(), id).orElseThrow(ApiException::notFound));
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
                if (Period.planYear(course.startDate(), cutOff(tx, caller.provinceCode())) != year) {
                    throw ApiException.unprocessable("activityId", "activity_of_another_year");
                }
            }
            plans.linkCourse(tx, courseId, activityId);
            audit.record(tx, caller, "update", "course", courseId, activityOf(before), activityOf(activityId));
            return linkOf(courseId, activityId);
        });
    }

    /**
     * A linked course keeps its start date in its plan's year: moved to another, the reports would
     * count it under no plan (the link is to change first, through {@link #linkCourse}).
     */
    @Override
    public void checkStart(DSLContext tx, Caller caller, UUID courseId, LocalDate start) {
        Optional<PlanRepository.CourseLink> link = plans.courseActivityForUpdate(tx, caller, courseId)
                .filter(l -> l.activityId() != null);
        if (link.isEmpty()) {
            return;
        }
        Optional<Integer> year = plans.activityYear(tx, caller.provinceCode(), link.get().activityId());
        MonthDay cutOff = cutOff(tx, caller.provinceCode());
        int to = Period.planYear(start, cutOff);
        // a course already in another year (the cut-off moved since it was linked: flagged) may
        // still move within that year, or back into its plan's
        if (year.isPresent() && to != year.get() && to != Period.planYear(link.get().startDate(), cutOff)) {
            throw ApiException.unprocessable("startDate", "linked_to_plan_of_another_year", String.valueOf(year.get()));
        }
    }

    /** The province's cut-off: the day its years (as plans are named) and halves start. */
    private MonthDay cutOff(DSLContext tx, String province) {
        return MonthDay.parse("--" + settings.halfYearStart(tx, province).orElse(ReportService.CALENDAR_HALVES));
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
