package vn.bdg.registry.course;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;
import vn.bdg.registry.attendance.Outcome;
import vn.bdg.registry.auth.Caller;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.COURSE_SESSION;
import static vn.bdg.registry.db.Tables.CHECK_IN;
import static vn.bdg.registry.db.Tables.EXCUSED_ABSENCE;
import static vn.bdg.registry.db.Tables.SIGN_IN_SHEET;

/** SQL for sessions. A session is visible exactly when its course is. */
public final class SessionRepository {
    private final DSLContext dsl;

    public SessionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The first and last date a course has sessions on. */
    public record DateRange(LocalDate first, LocalDate last) {
    }

    public List<Session> list(Caller caller, UUID courseId) {
        return visible(dsl, caller, COURSE_SESSION.COURSE_ID.eq(courseId))
                .orderBy(COURSE_SESSION.SESSION_DATE, COURSE_SESSION.START_TIME, COURSE_SESSION.ID)
                .fetch(SessionRepository::toSession);
    }

    public Optional<Session> find(DSLContext tx, Caller caller, UUID id) {
        return visible(tx, caller, COURSE_SESSION.ID.eq(id)).fetchOptional(SessionRepository::toSession);
    }

    /**
     * The session, its row locked until the transaction ends against any other write to it (not
     * against check-ins, which only refer to it): what a change of it checks is what it changes.
     */
    public Optional<Session> lock(DSLContext tx, Caller caller, UUID id) {
        return visible(tx, caller, COURSE_SESSION.ID.eq(id)).forNoKeyUpdate().of(COURSE_SESSION)
                .fetchOptional(SessionRepository::toSession);
    }

    private static SelectConditionStep<Record> visible(DSLContext tx, Caller caller, Condition c) {
        return tx.select(COURSE_SESSION.fields()).from(COURSE_SESSION)
                .join(COURSE).on(COURSE.ID.eq(COURSE_SESSION.COURSE_ID))
                .where(c.and(COURSE_SESSION.PROVINCE_CODE.eq(caller.provinceCode()))
                        .and(CourseRepository.visibleTo(caller)));
    }

    public Optional<Session> find(Caller caller, UUID id) {
        return find(dsl, caller, id);
    }

    /** A session of the course, other than s itself, whose time overlaps s's (on the same day). */
    public Optional<Session> overlapping(DSLContext tx, Session s) {
        return tx.select(COURSE_SESSION.fields()).from(COURSE_SESSION)
                .where(COURSE_SESSION.COURSE_ID.eq(s.courseId()).and(COURSE_SESSION.SESSION_DATE.eq(s.date()))
                        .and(COURSE_SESSION.START_TIME.lt(s.endTime())).and(COURSE_SESSION.END_TIME.gt(s.startTime()))
                        .and(s.id() == null ? DSL.noCondition() : COURSE_SESSION.ID.ne(s.id())))
                .orderBy(COURSE_SESSION.START_TIME).limit(1)
                .fetchOptional(SessionRepository::toSession);
    }

    public int count(DSLContext tx, UUID courseId) {
        return tx.fetchCount(COURSE_SESSION, COURSE_SESSION.COURSE_ID.eq(courseId));
    }

    /** Null when the course has no sessions. */
    public DateRange dateRange(DSLContext tx, UUID courseId) {
        return tx.select(DSL.min(COURSE_SESSION.SESSION_DATE), DSL.max(COURSE_SESSION.SESSION_DATE))
                .from(COURSE_SESSION).where(COURSE_SESSION.COURSE_ID.eq(courseId))
                .fetchOne(r -> r.value1() == null ? null : new DateRange(r.value1(), r.value2()));
    }

    /** When the course's last session ends, in local (Vietnam) time; null when it has no sessions. */
    public LocalDateTime lastEnd(DSLContext tx, UUID courseId) {
        return tx.select(COURSE_SESSION.SESSION_DATE, COURSE_SESSION.END_TIME).from(COURSE_SESSION)
                .where(COURSE_SESSION.COURSE_ID.eq(courseId))
                .orderBy(COURSE_SESSION.SESSION_DATE.desc(), COURSE_SESSION.END_TIME.desc()).limit(1)
                .fetchOne(r -> r.value1().atTime(r.value2()));
    }

    public Session insert(DSLContext tx, String provinceCode, UUID courseId, LocalDate date, LocalTime start,
                          LocalTime end, String venue) {
        return toSession(tx.insertInto(COURSE_SESSION)
                .set(COURSE_SESSION.PROVINCE_CODE, provinceCode)
                .set(COURSE_SESSION.COURSE_ID, courseId)
                .set(COURSE_SESSION.SESSION_DATE, date)
                .set(COURSE_SESSION.START_TIME, start)
                .set(COURSE_SESSION.END_TIME, end)
                .set(COURSE_SESSION.VENUE, venue)
                .returning().fetchOne());
    }

    public Session update(DSLContext tx, Session s) {
        return toSession(tx.update(COURSE_SESSION)
                .set(COURSE_SESSION.SESSION_DATE, s.date())
                .set(COURSE_SESSION.START_TIME, s.startTime())
                .set(COURSE_SESSION.END_TIME, s.endTime())
                .set(COURSE_SESSION.VENUE, s.venue())
                .where(COURSE_SESSION.ID.eq(s.id()))
                .returning().fetchOne());
    }

    /**
     * Whether anything was recorded at the session (scans, refused ones too, excused absences,
     * signed sheets): that evidence is not deleted with it. Locks the session, so that nothing is
     * recorded at it between this answer and the delete.
     */
    public boolean hasRecords(DSLContext tx, UUID id) {
        tx.select(COURSE_SESSION.ID).from(COURSE_SESSION).where(COURSE_SESSION.ID.eq(id)).forUpdate().execute();
        return tx.fetchExists(CHECK_IN, CHECK_IN.SESSION_ID.eq(id))
                || tx.fetchExists(EXCUSED_ABSENCE, EXCUSED_ABSENCE.SESSION_ID.eq(id))
                || tx.fetchExists(SIGN_IN_SHEET, SIGN_IN_SHEET.SESSION_ID.eq(id));
    }

    /** How many live attendances at a session were judged before a time, and how many after another. */
    public record Outside(int before, int after) {
        public boolean any() {
            return before > 0 || after > 0;
        }
    }

    /**
     * The session's live attendances (accepted scans not undone) judged, by the server's clock as far
     * as known, before from or after to. Locks the session: no scan is stored at it between this
     * answer and the change's commit (storing waits on the lock through its foreign key). A scan
     * judged against the old times just before, and stored just after, can still land outside the
     * new ones; closing that would take re-judging scans in the transaction that stores them.
     */
    public Outside attendancesOutside(DSLContext tx, UUID id, OffsetDateTime from, OffsetDateTime to) {
        tx.select(COURSE_SESSION.ID).from(COURSE_SESSION).where(COURSE_SESSION.ID.eq(id)).forUpdate().execute();
        Field<OffsetDateTime> judged = DSL.coalesce(CHECK_IN.JUDGED_AT, CHECK_IN.SCANNED_AT);
        return tx.select(DSL.count().filterWhere(judged.lt(from)), DSL.count().filterWhere(judged.gt(to)))
                .from(CHECK_IN)
                .where(CHECK_IN.SESSION_ID.eq(id).and(Outcome.liveAttendance(CHECK_IN)))
                .fetchOne(r -> new Outside(r.value1(), r.value2()));
    }

    public void delete(DSLContext tx, UUID id) {
        tx.deleteFrom(COURSE_SESSION).where(COURSE_SESSION.ID.eq(id)).execute();
    }

    static Session toSession(Record r) {
        return new Session(r.get(COURSE_SESSION.ID), r.get(COURSE_SESSION.COURSE_ID), r.get(COURSE_SESSION.SESSION_DATE),
                r.get(COURSE_SESSION.START_TIME), r.get(COURSE_SESSION.END_TIME), r.get(COURSE_SESSION.VENUE));
    }
}
