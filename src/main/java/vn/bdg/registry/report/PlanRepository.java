package vn.bdg.registry.report;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.impl.DSL;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.db.tables.records.AnnualPlanRecord;
import vn.bdg.registry.sql.Locks;
import vn.bdg.registry.text.VietnameseText;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /**
     * Whether the province has another plan (than except; null: any) of this number issued in the
     * same calendar year (numbers restart yearly). Numbers are compared as people read them, without
     * letter case or spaces: 58/kh-ubnd and 58 / KH-UBND are 58/KH-UBND. Holds the province's plan
     * numbers until tx ends, so that the same number sent twice at once is found by the second.
     */
    boolean numberTaken(DSLContext tx, String province, String number, LocalDate issuedOn, UUID except) {
        Locks.hold(tx, "annual_plan.number:" + province);
        return tx.fetchExists(ANNUAL_PLAN, ANNUAL_PLAN.PROVINCE_CODE.eq(province)
                .and(comparable(ANNUAL_PLAN.NUMBER).eq(comparable(DSL.val(number))))
                .and(DSL.extract(ANNUAL_PLAN.ISSUED_ON, DatePart.YEAR).eq(issuedOn.getYear()))
                .and(except == null ? DSL.noCondition() : ANNUAL_PLAN.ID.ne(except)));
    }

    /**
     * A number as numbers are compared: without spaces, in capitals by ICU's Vietnamese case rules
     * (upper() under the database's own locale changes only ASCII letters when that is C, so "bđg"
     * would stay apart from "BĐG").
     */
    private static Field<String> comparable(Field<String> number) {
        return DSL.upper(DSL.regexpReplaceAll(number, "\\s", "").collate(VietnameseText.COLLATION));
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
                    .set(activityFields(a))
                    .execute();
        }
        return id;
    }

    /**
     * Writes the amended plan over the stored one (locked by {@link #lockForChange}): its
     * activities with an id are updated, those without are added, the removed ones deleted.
     * Positions are unique within a plan, so the stored ones are first moved out of the way
     * (negated).
     */
    void update(DSLContext tx, UUID planId, String province, Plan amended, Collection<UUID> removed) {
        tx.update(ANNUAL_PLAN)
                .set(ANNUAL_PLAN.NUMBER, amended.number())
                .set(ANNUAL_PLAN.ISSUED_ON, amended.issuedOn())
                .set(ANNUAL_PLAN.YEAR, amended.year())
                .set(ANNUAL_PLAN.TITLE, amended.title())
                .where(ANNUAL_PLAN.ID.eq(planId)).execute();
        tx.update(PLAN_ACTIVITY).set(PLAN_ACTIVITY.POSITION, PLAN_ACTIVITY.POSITION.neg())
                .where(PLAN_ACTIVITY.PLAN_ID.eq(planId)).execute();
        for (Plan.Activity a : amended.activities()) {
            if (a.id() == null) {
                tx.insertInto(PLAN_ACTIVITY)
                        .set(PLAN_ACTIVITY.PLAN_ID, planId)
                        .set(PLAN_ACTIVITY.PROVINCE_CODE, province)
                        .set(activityFields(a))
                        .execute();
            } else {
                tx.update(PLAN_ACTIVITY).set(activityFields(a)).where(PLAN_ACTIVITY.ID.eq(a.id())).execute();
            }
        }
        tx.deleteFrom(PLAN_ACTIVITY).where(PLAN_ACTIVITY.ID.in(removed)).execute();
    }

    private static Map<Field<?>, Object> activityFields(Plan.Activity a) {
        Map<Field<?>, Object> fields = new LinkedHashMap<>();
        fields.put(PLAN_ACTIVITY.POSITION, a.position());
        fields.put(PLAN_ACTIVITY.DESCRIPTION, a.description());
        fields.put(PLAN_ACTIVITY.TOPIC, a.topic());
        fields.put(PLAN_ACTIVITY.TARGET_GROUP, a.targetGroup());
        fields.put(PLAN_ACTIVITY.LEVEL, a.level());
        fields.put(PLAN_ACTIVITY.PLANNED_COURSES, a.plannedCourses());
        fields.put(PLAN_ACTIVITY.PLANNED_PARTICIPANTS, a.plannedParticipants());
        fields.put(PLAN_ACTIVITY.BUDGET, a.budget());
        return fields;
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

    /**
     * The year of the plan the activity belongs to, if it is an activity of the province's plans.
     * The plan is locked (key share) before the activity is read: amendments and deletions lock
     * the plan first (see {@link #lockForChange}), so a link waits for one under way and then
     * reads the plan and the activity as it left them, and none can start until the link is made.
     */
    Optional<Integer> activityYear(DSLContext tx, String province, UUID activityId) {
        Condition activity = PLAN_ACTIVITY.ID.eq(activityId).and(PLAN_ACTIVITY.PROVINCE_CODE.eq(province));
        Optional<UUID> planId = tx.select(PLAN_ACTIVITY.PLAN_ID).from(PLAN_ACTIVITY).where(activity)
                .fetchOptional(PLAN_ACTIVITY.PLAN_ID);
        Optional<Integer> year = planId.flatMap(plan -> tx.select(ANNUAL_PLAN.YEAR).from(ANNUAL_PLAN)
                .where(ANNUAL_PLAN.ID.eq(plan)).forKeyShare().fetchOptional(ANNUAL_PLAN.YEAR));
        // read again after the lock's wait: the activity may have gone with an amendment
        return year.filter(y -> tx.fetchExists(PLAN_ACTIVITY, activity));
    }

    /**
     * Locks the province's plan and its activities for a change or deletion and reads it, with the
     * courses linked to each activity; empty for no such plan. The plan is locked before the links
     * are counted, so a link made at the same moment is either counted or waits (its key share
     * lock, see {@link #activityYear}) and then finds the plan as changed.
     */
    Optional<Plan> lockForChange(DSLContext tx, String province, UUID planId) {
        if (tx.selectFrom(ANNUAL_PLAN).where(ANNUAL_PLAN.ID.eq(planId).and(ANNUAL_PLAN.PROVINCE_CODE.eq(province)))
                .forUpdate().fetchOptional().isEmpty()) {
            return Optional.empty();
        }
        tx.selectFrom(PLAN_ACTIVITY).where(PLAN_ACTIVITY.PLAN_ID.eq(planId)).forUpdate().execute();
        return find(tx, province, planId);
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
