package vn.bdg.registry.report;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.impl.DSL;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.db.tables.records.AnnualPlanRecord;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.ANNUAL_PLAN;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.PLAN_ACTIVITY;

/** SQL for annual plans, their activities and the courses linked to them. */
final class PlanRepository {
    private final DSLContext dsl;

    PlanRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Whether the province has a plan of this number issued in the same calendar year (numbers restart yearly). */
    boolean numberTaken(DSLContext tx, String province, String number, LocalDate issuedOn) {
        return tx.fetchExists(ANNUAL_PLAN, ANNUAL_PLAN.PROVINCE_CODE.eq(province).and(ANNUAL_PLAN.NUMBER.eq(number))
                .and(DSL.extract(ANNUAL_PLAN.ISSUED_ON, DatePart.YEAR).eq(issuedOn.getYear())));
    }

    UUID insert(DSLContext tx, String province, Plan plan, UUID userId) {
        UUID id = tx.insertInto(ANNUAL_PLAN)
                .set(ANNUAL_PLAN.PROVINCE_CODE, province)
                .set(ANNUAL_PLAN.NUMBER, plan.number())
                .set(ANNUAL_PLAN.ISSUED_ON, plan.issuedOn())
                .set(ANNUAL_PLAN.YEAR, plan.year())
                .set(ANNUAL_PLAN.TITLE, plan.title())
                .set(ANNUAL_PLAN.CREATED_BY, userId)
                .returning(ANNUAL_PLAN.ID).fetchOne(ANNUAL_PLAN.ID);
        for (Plan.Activity a : plan.activities()) {
            tx.insertInto(PLAN_ACTIVITY)
                    .set(PLAN_ACTIVITY.PLAN_ID, id)
                    .set(PLAN_ACTIVITY.PROVINCE_CODE, province)
                    .set(PLAN_ACTIVITY.POSITION, a.position())
                    .set(PLAN_ACTIVITY.DESCRIPTION, a.description())
                    .set(PLAN_ACTIVITY.TOPIC, a.topic())
                    .set(PLAN_ACTIVITY.TARGET_GROUP, a.targetGroup())
                    .set(PLAN_ACTIVITY.LEVEL, a.level())
                    .set(PLAN_ACTIVITY.PLANNED_COURSES, a.plannedCourses())
                    .set(PLAN_ACTIVITY.PLANNED_PARTICIPANTS, a.plannedParticipants())
                    .set(PLAN_ACTIVITY.BUDGET, a.budget())
                    .execute();
        }
        return id;
    }

    Optional<Plan> find(DSLContext tx, String province, UUID id) {
        return plans(tx, ANNUAL_PLAN.PROVINCE_CODE.eq(province).and(ANNUAL_PLAN.ID.eq(id)), 1).stream().findFirst();
    }

    /** Plans of the province, newest year first; after = [year, id] of the last one served. */
    List<Plan> list(String province, Integer year, List<String> after, int limit) {
        Condition c = ANNUAL_PLAN.PROVINCE_CODE.eq(province);
        if (year != null) {
            c = c.and(ANNUAL_PLAN.YEAR.eq(year));
        }
        if (after != null) {
            c = c.and(DSL.row(ANNUAL_PLAN.YEAR.neg(), ANNUAL_PLAN.ID)
                    .gt(-Integer.parseInt(after.get(0)), UUID.fromString(after.get(1))));
        }
        return plans(dsl, c, limit);
    }

    private List<Plan> plans(DSLContext ctx, Condition condition, int limit) {
        List<AnnualPlanRecord> plans = ctx.selectFrom(ANNUAL_PLAN).where(condition)
                .orderBy(ANNUAL_PLAN.YEAR.desc(), ANNUAL_PLAN.ID).limit(limit).fetch();
        Map<UUID, List<Plan.Activity>> activities = new HashMap<>();
        var linked = DSL.field(DSL.selectCount().from(COURSE).where(COURSE.PLAN_ACTIVITY_ID.eq(PLAN_ACTIVITY.ID)));
        ctx.select(PLAN_ACTIVITY.asterisk(), linked).from(PLAN_ACTIVITY)
                .where(PLAN_ACTIVITY.PLAN_ID.in(plans.stream().map(AnnualPlanRecord::getId).toList()))
                .orderBy(PLAN_ACTIVITY.POSITION)
                .forEach(r -> activities.computeIfAbsent(r.get(PLAN_ACTIVITY.PLAN_ID), k -> new ArrayList<>())
                        .add(new Plan.Activity(r.get(PLAN_ACTIVITY.ID), r.get(PLAN_ACTIVITY.POSITION),
                                r.get(PLAN_ACTIVITY.DESCRIPTION), r.get(PLAN_ACTIVITY.TOPIC),
                                r.get(PLAN_ACTIVITY.TARGET_GROUP), r.get(PLAN_ACTIVITY.LEVEL),
                                r.get(PLAN_ACTIVITY.PLANNED_COURSES), r.get(PLAN_ACTIVITY.PLANNED_PARTICIPANTS),
                                r.get(PLAN_ACTIVITY.BUDGET), r.get(linked))));
        return plans.stream().map(p -> new Plan(p.getId(), p.getNumber(), p.getIssuedOn(), p.getYear(), p.getTitle(),
                activities.getOrDefault(p.getId(), List.of()), p.getCreatedAt())).toList();
    }

    /** The year of the plan the activity belongs to, if it is an activity of the province's plans. */
    Optional<Integer> activityYear(DSLContext tx, String province, UUID activityId) {
        return tx.select(ANNUAL_PLAN.YEAR).from(PLAN_ACTIVITY).join(ANNUAL_PLAN).on(ANNUAL_PLAN.ID.eq(PLAN_ACTIVITY.PLAN_ID))
                .where(PLAN_ACTIVITY.ID.eq(activityId).and(PLAN_ACTIVITY.PROVINCE_CODE.eq(province)))
                .forKeyShare().of(PLAN_ACTIVITY) // a deletion of the plan waits for the link (see lockForDelete)
                .fetchOptional(ANNUAL_PLAN.YEAR);
    }

    /**
     * Locks the province's plan and its activities for deletion and answers how many courses are
     * linked to them; empty for no such plan. The activities are locked before the links are
     * counted, so a link made at the same moment is either counted or waits and then finds no
     * activity.
     */
    Optional<Integer> lockForDelete(DSLContext tx, String province, UUID planId) {
        if (tx.selectFrom(ANNUAL_PLAN).where(ANNUAL_PLAN.ID.eq(planId).and(ANNUAL_PLAN.PROVINCE_CODE.eq(province)))
                .forUpdate().fetchOptional().isEmpty()) {
            return Optional.empty();
        }
        tx.selectFrom(PLAN_ACTIVITY).where(PLAN_ACTIVITY.PLAN_ID.eq(planId)).forUpdate().execute();
        return Optional.of(tx.fetchCount(COURSE, COURSE.PLAN_ACTIVITY_ID.in(
                DSL.select(PLAN_ACTIVITY.ID).from(PLAN_ACTIVITY).where(PLAN_ACTIVITY.PLAN_ID.eq(planId)))));
    }

    void delete(DSLContext tx, UUID planId) {
        tx.deleteFrom(PLAN_ACTIVITY).where(PLAN_ACTIVITY.PLAN_ID.eq(planId)).execute();
        tx.deleteFrom(ANNUAL_PLAN).where(ANNUAL_PLAN.ID.eq(planId)).execute();
    }

    /** A course's current activity and its first day. */
    record CourseLink(UUID activityId, LocalDate startDate) {
    }

    /** The course's current activity and start, locked, if the course is in the caller's scope. */
    Optional<CourseLink> courseActivityForUpdate(DSLContext tx, Caller caller, UUID courseId) {
        return tx.select(COURSE.PLAN_ACTIVITY_ID, COURSE.START_DATE).from(COURSE)
                .where(COURSE.ID.eq(courseId).and(caller.scope(COURSE.PROVINCE_CODE, COURSE.UNIT_CODE)))
                .forUpdate().fetchOptional(r -> new CourseLink(r.value1(), r.value2()));
    }

    void linkCourse(DSLContext tx, UUID courseId, UUID activityId) {
        tx.update(COURSE).set(COURSE.PLAN_ACTIVITY_ID, activityId).set(COURSE.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(COURSE.ID.eq(courseId)).execute();
    }
}
