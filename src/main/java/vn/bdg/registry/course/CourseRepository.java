package vn.bdg.registry.course;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.text.VietnameseText;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static vn.bdg.registry.db.Sequences.COURSE_CODE_SEQ;
import static vn.bdg.registry.db.Tables.APP_USER;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.COURSE_TRAINER;
import static vn.bdg.registry.db.Tables.ENROLLMENT;

/**
 * SQL for courses, and who may see them: callers see the courses held in their scope, trainers
 * only the courses assigned to them. The assignments themselves are written by the enrollment
 * feature; the counts of enrollments a course shows are read here.
 */
public final class CourseRepository {
    private static final String ENROLLED = "enrolled";
    private static final Field<Integer> ENROLLED_COUNT = DSL.field(DSL.selectCount().from(ENROLLMENT)
            .where(ENROLLMENT.COURSE_ID.eq(COURSE.ID).and(ENROLLMENT.STATUS.eq(ENROLLED)))).as("enrolled_count");

    private final DSLContext dsl;

    public CourseRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The filters of the course list; null means "any". unit: held in that unit or below. */
    public record Filter(LocalDate from, LocalDate to, CourseStatus status, String kind, String topic,
                         UUID organizer, String unit, String query) {
    }

    /** The courses the caller may see. */
    public static Condition visibleTo(Caller caller) {
        Condition inScope = caller.scope(COURSE.PROVINCE_CODE, COURSE.UNIT_CODE);
        // a trainer: the courses assigned to them within their scope; the one rule for every feature
        // (what a trainer may scan, print and issue certificates for is what they may see)
        return caller.is(Role.trainer) ? inScope.and(COURSE.ID.in(assignedCourseIds(caller.userId()))) : inScope;
    }

    private static SelectConditionStep<Record1<UUID>> assignedCourseIds(UUID userId) {
        return DSL.select(COURSE_TRAINER.COURSE_ID).from(COURSE_TRAINER).where(COURSE_TRAINER.USER_ID.eq(userId));
    }

    /** Whether the user account is assigned to the course (what lets a trainer see and scan it). */
    public boolean isAssigned(UUID userId, UUID courseId) {
        return dsl.fetchExists(COURSE_TRAINER,
                COURSE_TRAINER.USER_ID.eq(userId).and(COURSE_TRAINER.COURSE_ID.eq(courseId)));
    }

    /** The ids of the courses the user account is assigned to. */
    public List<UUID> coursesAssignedTo(UUID userId) {
        return dsl.fetch(assignedCourseIds(userId)).map(Record1::value1);
    }

    public Optional<Course> find(Caller caller, UUID id) {
        return find(dsl, caller, id);
    }

    public Optional<Course> find(DSLContext tx, Caller caller, UUID id) {
        return tx.select(COURSE.asterisk(), ENROLLED_COUNT).from(COURSE)
                .where(visibleTo(caller).and(COURSE.ID.eq(id)))
                .fetchOptional(CourseRepository::toCourse);
    }

    /**
     * The course, its row locked until the transaction ends: every write that depends on the
     * course's state (status, dates, capacity) takes this lock first, so such writes serialise.
     */
    public Optional<Course> lock(DSLContext tx, Caller caller, UUID id) {
        return tx.select(COURSE.asterisk(), ENROLLED_COUNT).from(COURSE)
                .where(visibleTo(caller).and(COURSE.ID.eq(id)))
                .forUpdate().of(COURSE)
                .fetchOptional(CourseRepository::toCourse);
    }

    /**
     * Keyset page in list order (start date, newest first, then id), after the given key; units
     * are the filter's unit and the units below it.
     */
    public List<Course> list(Caller caller, Filter f, Set<String> units, LocalDate afterStart, UUID afterId,
                             int limit) {
        Condition c = visibleTo(caller);
        if (f.from() != null) {
            c = c.and(COURSE.END_DATE.ge(f.from()));
        }
        if (f.to() != null) {
            c = c.and(COURSE.START_DATE.le(f.to()));
        }
        if (f.status() != null) {
            c = c.and(COURSE.STATUS.eq(f.status().name()));
        }
        if (f.kind() != null) {
            c = c.and(COURSE.KIND.eq(f.kind()));
        }
        if (f.topic() != null) {
            c = c.and(COURSE.TOPICS.contains(new String[] {f.topic()}));
        }
        if (f.organizer() != null) {
            c = c.and(COURSE.ORGANIZER_ID.eq(f.organizer())
                    .or(DSL.val(f.organizer()).eq(DSL.any(COURSE.CO_ORGANIZER_IDS))));
        }
        if (units != null) {
            c = c.and(COURSE.UNIT_CODE.in(units));
        }
        if (f.query() != null) {
            // the code as the title: under its accent-free key ("bdg" finds "BĐG-01"), the query cleaned to NFC
            Field<String> key = VietnameseText.searchKey(f.query());
            c = c.and(COURSE.TITLE_KEY.contains(key)
                    .or(VietnameseText.searchKey(COURSE.CODE).contains(key)));
        }
        if (afterStart != null) {
            c = c.and(COURSE.START_DATE.lt(afterStart)
                    .or(COURSE.START_DATE.eq(afterStart).and(COURSE.ID.gt(afterId))));
        }
        return dsl.select(COURSE.asterisk(), ENROLLED_COUNT).from(COURSE).where(c)
                .orderBy(COURSE.START_DATE.desc(), COURSE.ID)
                .limit(limit)
                .fetch(CourseRepository::toCourse);
    }

    /** A user account assigned to a course whose scope is a district or commune (unitCode). */
    public record ScopedTrainer(String username, String unitCode) {
    }

    /**
     * The course's assigned users scoped to a unit (the province-wide ones may teach anywhere), by
     * username. Every assigned account is locked (shared) until tx ends: a change of its unit at the
     * same moment (UserService.update, which checks the courses it holds) either waits for this
     * course's change or is read here as it left the account, so the two cannot move apart unseen.
     * Filtered in Java, not in SQL: an account made unit-scoped meanwhile is locked and read too.
     */
    public List<ScopedTrainer> scopedTrainers(DSLContext tx, UUID courseId) {
        return tx.select(APP_USER.USERNAME, APP_USER.UNIT_CODE).from(COURSE_TRAINER)
                .join(APP_USER).on(APP_USER.ID.eq(COURSE_TRAINER.USER_ID))
                .where(COURSE_TRAINER.COURSE_ID.eq(courseId))
                .orderBy(APP_USER.ID)
                .forShare().of(APP_USER)
                .fetch(r -> new ScopedTrainer(r.value1(), r.value2())).stream()
                .filter(t -> t.unitCode() != null)
                .sorted(Comparator.comparing(ScopedTrainer::username))
                .toList();
    }

    public boolean codeTaken(DSLContext tx, String provinceCode, String code) {
        return tx.fetchExists(COURSE, COURSE.PROVINCE_CODE.eq(provinceCode).and(COURSE.CODE.eq(code)));
    }

    public long nextCodeNumber(DSLContext tx) {
        return tx.nextval(COURSE_CODE_SEQ);
    }

    /** Enrolled trainees: the people a course's capacity counts. */
    public int enrolledTrainees(DSLContext tx, UUID courseId) {
        return tx.fetchCount(ENROLLMENT, ENROLLMENT.COURSE_ID.eq(courseId)
                .and(ENROLLMENT.STATUS.eq(ENROLLED)).and(ENROLLMENT.ROLE.eq("trainee")));
    }

    public UUID insert(DSLContext tx, Caller caller, String code, CourseInput in) {
        return tx.insertInto(COURSE)
                .set(COURSE.PROVINCE_CODE, caller.provinceCode())
                .set(COURSE.CODE, code)
                .set(COURSE.CREATED_BY, caller.userId())
                .set(COURSE.STATUS, CourseStatus.draft.name())
                .set(fields(in))
                .returning(COURSE.ID)
                .fetchOne(COURSE.ID);
    }

    public void update(DSLContext tx, UUID id, CourseInput in, CourseStatus status) {
        tx.update(COURSE)
                .set(COURSE.CODE, in.code())
                .set(COURSE.STATUS, status.name())
                .set(COURSE.UPDATED_AT, DSL.currentOffsetDateTime())
                .set(fields(in))
                .where(COURSE.ID.eq(id))
                .execute();
    }

    /** The columns a client writes, from validated input. */
    private static Map<Field<?>, Object> fields(CourseInput in) {
        Map<Field<?>, Object> m = new LinkedHashMap<>();
        m.put(COURSE.TITLE, in.title());
        m.put(COURSE.KIND, in.kind());
        m.put(COURSE.TOPICS, in.topics().toArray(String[]::new));
        m.put(COURSE.TARGET_GROUPS, in.targetGroups().toArray(String[]::new));
        m.put(COURSE.LEVEL, in.level());
        m.put(COURSE.ORGANIZER_ID, in.organizerId());
        m.put(COURSE.CO_ORGANIZER_IDS, in.coOrganizerIds().toArray(UUID[]::new));
        m.put(COURSE.UNIT_CODE, in.unitCode());
        m.put(COURSE.VENUE, in.venue());
        m.put(COURSE.START_DATE, in.startDate());
        m.put(COURSE.END_DATE, in.endDate());
        m.put(COURSE.PLANNED_HOURS, in.plannedHours());
        m.put(COURSE.CAPACITY, in.capacity());
        m.put(COURSE.FUNDING_SOURCE, in.fundingSource());
        m.put(COURSE.FUNDING_AMOUNT, in.fundingAmount());
        m.put(COURSE.MIN_ATTENDANCE_SHARE, in.completionRule().minAttendanceShare());
        m.put(COURSE.PLAN_NUMBER, in.planReference() == null ? null : in.planReference().number());
        m.put(COURSE.PLAN_DATE, in.planReference() == null ? null : in.planReference().date());
        return m;
    }

    static Course toCourse(Record r) {
        BigDecimal hours = r.get(COURSE.PLANNED_HOURS);
        String planNumber = r.get(COURSE.PLAN_NUMBER);
        return new Course(r.get(COURSE.ID), r.get(COURSE.CODE), r.get(COURSE.TITLE), r.get(COURSE.KIND),
                List.of(r.get(COURSE.TOPICS)), List.of(r.get(COURSE.TARGET_GROUPS)), r.get(COURSE.LEVEL),
                r.get(COURSE.ORGANIZER_ID), Arrays.asList(r.get(COURSE.CO_ORGANIZER_IDS)), r.get(COURSE.UNIT_CODE),
                r.get(COURSE.VENUE), r.get(COURSE.START_DATE), r.get(COURSE.END_DATE),
                hours == null ? null : hours.doubleValue(), r.get(COURSE.CAPACITY), r.get(COURSE.FUNDING_SOURCE),
                r.get(COURSE.FUNDING_AMOUNT),
                new Course.CompletionRule(r.get(COURSE.MIN_ATTENDANCE_SHARE).doubleValue()),
                planNumber == null ? null : new Course.PlanReference(planNumber, r.get(COURSE.PLAN_DATE)),
                CourseStatus.valueOf(r.get(COURSE.STATUS)), r.get(ENROLLED_COUNT), r.get(COURSE.CREATED_AT),
                r.get(COURSE.UPDATED_AT));
    }
}
