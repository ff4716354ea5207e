package vn.bdg.registry.enrollment;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.SelectConditionStep;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.course.CourseRepository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.APP_USER;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.COURSE_TRAINER;

/**
 * SQL for trainer assignments (course_trainer); an assignment is visible exactly when its course
 * is. What an assignment lets a trainer see is decided in {@link CourseRepository#visibleTo}.
 */
public final class TrainerRepository {
    private final DSLContext dsl;

    public TrainerRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<CourseTrainer> list(Caller caller, UUID courseId) {
        return visible(dsl, caller, COURSE_TRAINER.COURSE_ID.eq(courseId))
                .orderBy(COURSE_TRAINER.ASSIGNED_AT, APP_USER.USERNAME)
                .fetch(TrainerRepository::toTrainer);
    }

    /** A user account that may be assigned: as it would appear once assigned, and the unit it is scoped to (null: province-wide). */
    public record Assignable(CourseTrainer trainer, String unitCode) {
    }

    /**
     * An active trainer or organizer account of the caller's province, locked (shared) until tx
     * ends: a change of its unit, role or active flag at the same moment (UserService.update, which
     * checks the courses the account holds) either is waited for and read as it left the account, or
     * waits for the assignment and then sees it.
     */
    public Optional<Assignable> assignable(DSLContext tx, Caller caller, UUID userId) {
        return tx.select(APP_USER.ID, APP_USER.USERNAME, APP_USER.FULL_NAME, APP_USER.UNIT_CODE)
                .from(APP_USER)
                .where(APP_USER.ID.eq(userId).and(APP_USER.PROVINCE_CODE.eq(caller.provinceCode()))
                        .and(APP_USER.ACTIVE).and(APP_USER.ROLE.in(Role.trainer.name(), Role.organizer.name())))
                .forShare()
                .fetchOptional(r -> new Assignable(new CourseTrainer(r.value1(), r.value2(), r.value3(), null),
                        r.value4()));
    }

    /** The new assignment, or empty when the user is already assigned to the course. */
    public Optional<CourseTrainer> insert(DSLContext tx, Caller caller, UUID courseId, CourseTrainer user) {
        return tx.insertInto(COURSE_TRAINER)
                .set(COURSE_TRAINER.COURSE_ID, courseId)
                .set(COURSE_TRAINER.USER_ID, user.userId())
                .set(COURSE_TRAINER.PROVINCE_CODE, caller.provinceCode())
                .onConflictDoNothing()
                .returning(COURSE_TRAINER.ASSIGNED_AT)
                .fetchOptional()
                .map(r -> new CourseTrainer(user.userId(), user.username(), user.fullName(), r.getAssignedAt()));
    }

    /** The removed assignment, or empty when there was none. */
    public Optional<CourseTrainer> delete(DSLContext tx, Caller caller, UUID courseId, UUID userId) {
        Condition assignment = COURSE_TRAINER.COURSE_ID.eq(courseId).and(COURSE_TRAINER.USER_ID.eq(userId));
        Optional<CourseTrainer> existing = visible(tx, caller, assignment).forUpdate().of(COURSE_TRAINER)
                .fetchOptional(TrainerRepository::toTrainer);
        existing.ifPresent(t -> tx.deleteFrom(COURSE_TRAINER).where(assignment).execute());
        return existing;
    }

    private static SelectConditionStep<Record4<UUID, String, String, OffsetDateTime>> visible(DSLContext tx, Caller caller, Condition c) {
        return tx.select(COURSE_TRAINER.USER_ID, APP_USER.USERNAME, APP_USER.FULL_NAME, COURSE_TRAINER.ASSIGNED_AT)
                .from(COURSE_TRAINER)
                .join(COURSE).on(COURSE.ID.eq(COURSE_TRAINER.COURSE_ID))
                .join(APP_USER).on(APP_USER.ID.eq(COURSE_TRAINER.USER_ID))
                .where(c.and(COURSE_TRAINER.PROVINCE_CODE.eq(caller.provinceCode()))
                        .and(CourseRepository.visibleTo(caller)));
    }

    private static CourseTrainer toTrainer(Record r) {
        return new CourseTrainer(r.get(COURSE_TRAINER.USER_ID), r.get(APP_USER.USERNAME), r.get(APP_USER.FULL_NAME),
                r.get(COURSE_TRAINER.ASSIGNED_AT));
    }
}
