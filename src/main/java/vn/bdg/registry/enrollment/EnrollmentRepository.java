package vn.bdg.registry.enrollment;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.sql.Ids;
import vn.bdg.registry.course.CourseRepository;
import vn.bdg.registry.db.tables.records.EnrollmentRecord;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.ENROLLMENT;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/**
 * SQL for enrollments. An enrollment is visible exactly when its course is; the participants
 * who may be enrolled are those the caller may see (read here, owned by the participant feature).
 */
public final class EnrollmentRepository {
    /** Rows per INSERT statement: keeps the bind values of one statement far below PostgreSQL's limit. */
    private static final int ROWS_PER_INSERT = 1000;

    private final DSLContext dsl;

    public EnrollmentRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * A person who may be enrolled: who they are, their target groups, whether they were merged away
     * and whether their personal data was erased.
     */
    public record Candidate(Enrollment.ParticipantSummary summary, List<String> targetGroups, boolean merged,
                            boolean erased) {
    }

    /** An enrollment to write: new, or re-activating a withdrawn one. */
    public record NewEnrollment(Candidate person, String role, String targetGroup) {
    }

    /**
     * The participants among ids that the caller may see, by id; locked against a change of their
     * unit until the enrollments written with it are committed (a PATCH moving the person waits, then
     * moves these too; see ParticipantRepository.enrollmentsFollowUnit). Locked in id order, as merges
     * and erasures lock theirs, so that an enrollment of two people cannot deadlock with their merge.
     */
    public Map<UUID, Candidate> candidates(DSLContext tx, Caller caller, Collection<UUID> ids) {
        return tx.select(PARTICIPANT.ID, PARTICIPANT.FULL_NAME, PARTICIPANT.SEX, PARTICIPANT.UNIT_CODE,
                        PARTICIPANT.TARGET_GROUPS, PARTICIPANT.MERGED_INTO, PARTICIPANT.ERASED_AT)
                .from(PARTICIPANT)
                .where(Ids.in(PARTICIPANT.ID, ids)
                        .and(caller.scope(PARTICIPANT.PROVINCE_CODE, PARTICIPANT.UNIT_CODE)))
                .orderBy(PARTICIPANT.ID)
                .forKeyShare()
                .fetchMap(PARTICIPANT.ID, r -> new Candidate(
                        new Enrollment.ParticipantSummary(r.value1(), r.value2(), r.value3(), r.value4()),
                        List.of(r.value5()), r.value6() != null, r.value7() != null));
    }

    /** The course's enrollments of these participants (any status), by participant. */
    public Map<UUID, Enrollment> byParticipant(DSLContext tx, Caller caller, UUID courseId, Collection<UUID> ids) {
        return visible(tx, caller, ENROLLMENT.COURSE_ID.eq(courseId)
                .and(Ids.in(ENROLLMENT.PARTICIPANT_ID, ids)))
                .fetch(EnrollmentRepository::toEnrollment).stream()
                .collect(Collectors.toMap(Enrollment::participantId, Function.identity()));
    }

    public Optional<Enrollment> find(DSLContext tx, Caller caller, UUID courseId, UUID id) {
        return visible(tx, caller, ENROLLMENT.COURSE_ID.eq(courseId).and(ENROLLMENT.ID.eq(id)))
                .fetchOptional(EnrollmentRepository::toEnrollment);
    }

    /** Keyset page in enrollment order (enrolled at, then id), after the given key. */
    public List<Enrollment> list(Caller caller, UUID courseId, String status, OffsetDateTime afterAt, UUID afterId,
                                 int limit) {
        Condition c = ENROLLMENT.COURSE_ID.eq(courseId);
        if (status != null) {
            c = c.and(ENROLLMENT.STATUS.eq(status));
        }
        if (afterAt != null) {
            c = c.and(DSL.row(ENROLLMENT.ENROLLED_AT, ENROLLMENT.ID).gt(afterAt, afterId));
        }
        return visible(dsl, caller, c).orderBy(ENROLLMENT.ENROLLED_AT, ENROLLMENT.ID).limit(limit)
                .fetch(EnrollmentRepository::toEnrollment);
    }

    /**
     * Inserts the enrollments, in the order given; a participant's withdrawn enrollment in the
     * course becomes enrolled again.
     */
    public List<Enrollment> upsert(DSLContext tx, String provinceCode, UUID courseId, List<NewEnrollment> rows) {
        Map<UUID, EnrollmentRecord> written = new HashMap<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            var insert = tx.insertInto(ENROLLMENT, ENROLLMENT.PROVINCE_CODE, ENROLLMENT.COURSE_ID,
                    ENROLLMENT.PARTICIPANT_ID, ENROLLMENT.ROLE, ENROLLMENT.TARGET_GROUP, ENROLLMENT.UNIT_CODE);
            for (NewEnrollment n : rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT))) {
                Enrollment.ParticipantSummary person = n.person().summary();
                insert = insert.values(provinceCode, courseId, person.id(), n.role(), n.targetGroup(),
                        person.unitCode());
            }
            insert.onConflict(ENROLLMENT.COURSE_ID, ENROLLMENT.PARTICIPANT_ID).doUpdate()
                    .set(ENROLLMENT.ROLE, DSL.excluded(ENROLLMENT.ROLE))
                    .set(ENROLLMENT.TARGET_GROUP, DSL.excluded(ENROLLMENT.TARGET_GROUP))
                    // a withdrawn enrollment kept its unit (see enrollmentsFollowUnit): one of a course
                    // already held is not dated again by coming back to it
                    .set(ENROLLMENT.UNIT_CODE, DSL.coalesce(ENROLLMENT.UNIT_CODE, DSL.excluded(ENROLLMENT.UNIT_CODE)))
                    .set(ENROLLMENT.STATUS, Enrollment.ENROLLED)
                    .set(ENROLLMENT.ENROLLED_AT, DSL.currentOffsetDateTime())
                    .setNull(ENROLLMENT.WITHDRAWN_AT)
                    .setNull(ENROLLMENT.WITHDRAWAL_REASON)
                    .returning()
                    .fetch()
                    .forEach(r -> written.put(r.getParticipantId(), r));
        }
        return rows.stream()
                .map(n -> toEnrollment(written.get(n.person().summary().id()), n.person().summary()))
                .toList();
    }

    public void withdraw(DSLContext tx, UUID id, String reason) {
        tx.update(ENROLLMENT)
                .set(ENROLLMENT.STATUS, Enrollment.WITHDRAWN)
                .set(ENROLLMENT.WITHDRAWN_AT, DSL.currentOffsetDateTime())
                .set(ENROLLMENT.WITHDRAWAL_REASON, reason)
                .where(ENROLLMENT.ID.eq(id))
                .execute();
    }

    private static SelectConditionStep<Record> visible(DSLContext tx, Caller caller, Condition c) {
        return tx.select(ENROLLMENT.fields())
                .select(PARTICIPANT.FULL_NAME, PARTICIPANT.SEX, PARTICIPANT.UNIT_CODE)
                .from(ENROLLMENT)
                .join(COURSE).on(COURSE.ID.eq(ENROLLMENT.COURSE_ID))
                .join(PARTICIPANT).on(PARTICIPANT.ID.eq(ENROLLMENT.PARTICIPANT_ID))
                .where(c.and(ENROLLMENT.PROVINCE_CODE.eq(caller.provinceCode()))
                        .and(CourseRepository.visibleTo(caller)));
    }

    private static Enrollment toEnrollment(Record r) {
        return toEnrollment(r.into(ENROLLMENT), new Enrollment.ParticipantSummary(r.get(ENROLLMENT.PARTICIPANT_ID),
                r.get(PARTICIPANT.FULL_NAME), r.get(PARTICIPANT.SEX), r.get(PARTICIPANT.UNIT_CODE)));
    }

    private static Enrollment toEnrollment(EnrollmentRecord e, Enrollment.ParticipantSummary participant) {
        return new Enrollment(e.getId(), e.getCourseId(), e.getParticipantId(), e.getRole(), e.getTargetGroup(),
                e.getUnitCode(), e.getStatus(), e.getEnrolledAt(), e.getWithdrawnAt(), e.getWithdrawalReason(),
                participant);
    }
}
