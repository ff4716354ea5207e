package vn.bdg.registry.attendance;

import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.course.CourseRepository;
import vn.bdg.registry.participant.MergedRecords;
import vn.bdg.registry.sql.Ids;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.db.tables.CheckIn;
import vn.bdg.registry.db.tables.records.CheckInRecord;
import vn.bdg.registry.sql.Locks;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

import static vn.bdg.registry.db.Tables.APP_USER;
import static vn.bdg.registry.db.Tables.CHECK_IN;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.COURSE_SESSION;
import static vn.bdg.registry.db.Tables.ENROLLMENT;
import static vn.bdg.registry.db.Tables.EXCUSED_ABSENCE;
import static vn.bdg.registry.db.Tables.PARTICIPANT;
import static vn.bdg.registry.db.Tables.PARTICIPANT_CARD;
import static vn.bdg.registry.db.Tables.SIGN_IN_SHEET;

/** SQL for scans and attendance. Set-based, so that a batch of 10,000 scans is a few statements. */
final class AttendanceRepository {
    /** A participant as a scan's decision needs it. */
    record ParticipantRow(UUID id, String provinceCode, UUID mergedInto, String fullName, String unitCode,
                          Set<UUID> enrolledIn, Map<Integer, OffsetDateTime> revokedCards) {
    }

    // Array types made once: DSL.val(array) without its type makes a new array type for every value,
    // normalising its name with a regular expression (about a twentieth of the service's CPU
    // in a scan benchmark, JFR).
    private static final DataType<String[]> TEXTS = SQLDataType.CLOB.array();
    private static final DataType<UUID[]> UUIDS = SQLDataType.UUID.array();
    private static final DataType<Integer[]> INTS = SQLDataType.INTEGER.array();
    private static final DataType<OffsetDateTime[]> TIMES = SQLDataType.TIMESTAMPWITHTIMEZONE.array();
    private static final DataType<Boolean[]> BOOLEANS = SQLDataType.BOOLEAN.array();

    private final DSLContext dsl;

    AttendanceRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Which courses the caller may scan: those they may see (organisers and admins: in their scope;
     * trainers: assigned to them, CourseRepository.visibleTo). Reporters none.
     */
    static Condition mayScan(Caller caller) {
        return caller.is(Role.reporter) ? DSL.falseCondition() : CourseRepository.visibleTo(caller);
    }

    Map<UUID, SessionContext> scannableSessions(Caller caller, Collection<UUID> sessionIds) {
        Map<UUID, SessionContext> sessions = new HashMap<>();
        sessionsWhere(Ids.in(COURSE_SESSION.ID, sessionIds).and(mayScan(caller)))
                .forEach(s -> sessions.put(s.sessionId(), s));
        return sessions;
    }

    List<SessionContext> scannableSessionsOn(Caller caller, LocalDate date) {
        return sessionsWhere(COURSE_SESSION.SESSION_DATE.eq(date).and(mayScan(caller)));
    }

    private List<SessionContext> sessionsWhere(Condition condition) {
        return dsl.select(COURSE_SESSION.ID, COURSE.ID, COURSE.TITLE, COURSE.STATUS, COURSE.PROVINCE_CODE,
                        COURSE.UNIT_CODE, COURSE_SESSION.SESSION_DATE, COURSE_SESSION.START_TIME,
                        COURSE_SESSION.END_TIME, COURSE_SESSION.VENUE)
                .from(COURSE_SESSION).join(COURSE).on(COURSE.ID.eq(COURSE_SESSION.COURSE_ID))
                .where(condition)
                .orderBy(COURSE_SESSION.SESSION_DATE, COURSE_SESSION.START_TIME)
                .fetch(r -> new SessionContext(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9(), r.value10()));
    }

    /**
     * Everything a scan's decision needs about people: the participants with these ids and, following
     * merges, every record a merge points to; each with the courses among these it is enrolled in
     * and the versions of its cards that were revoked, with when. One query unless a record was merged. Written
     * so that a prepared statement keeps one plan for every call (= any over the few course ids, an
     * equality for one person): planning it afresh for each scan cost more than running it.
     */
    Map<UUID, ParticipantRow> people(Collection<UUID> ids, Collection<UUID> courseIds) {
        Map<UUID, ParticipantRow> rows = new HashMap<>();
        Field<UUID[]> enrolledIn = DSL.array(DSL.select(ENROLLMENT.COURSE_ID).from(ENROLLMENT)
                .where(ENROLLMENT.PARTICIPANT_ID.eq(PARTICIPANT.ID).and(ENROLLMENT.STATUS.eq("enrolled"))
                        .and(ENROLLMENT.COURSE_ID.eq(DSL.any(DSL.val(courseIds.toArray(UUID[]::new), UUIDS))))));
        // the revoked versions and when, side by side, from one read of the person's cards (null: none)
        Table<?> revokedCards = DSL.lateral(DSL.select(
                        DSL.arrayAgg(PARTICIPANT_CARD.VERSION).orderBy(PARTICIPANT_CARD.VERSION).as("versions"),
                        DSL.arrayAgg(PARTICIPANT_CARD.REVOKED_AT).orderBy(PARTICIPANT_CARD.VERSION).as("revoked_at"))
                .from(PARTICIPANT_CARD)
                .where(PARTICIPANT_CARD.PARTICIPANT_ID.eq(PARTICIPANT.ID).and(PARTICIPANT_CARD.REVOKED_AT.isNotNull())))
                .as("revoked_cards");
        Field<Integer[]> revokedVersions = revokedCards.field("versions", Integer[].class);
        Field<OffsetDateTime[]> revokedAt = revokedCards.field("revoked_at", OffsetDateTime[].class);
        Set<UUID> wanted = new HashSet<>(ids);
        // a chain of MAX_CHAIN merges has one record more than merges (the roster follows as many)
        for (int depth = 0; depth <= MergedRecords.MAX_CHAIN && !wanted.isEmpty(); depth++) {
            Set<UUID> next = new HashSet<>();
            dsl.select(PARTICIPANT.ID, PARTICIPANT.PROVINCE_CODE, PARTICIPANT.MERGED_INTO, PARTICIPANT.FULL_NAME,
                            PARTICIPANT.UNIT_CODE, enrolledIn, revokedVersions, revokedAt)
                    .from(PARTICIPANT).crossJoin(revokedCards).where(Ids.in(PARTICIPANT.ID, wanted))
                    .forEach(r -> {
                        Map<Integer, OffsetDateTime> revoked = new HashMap<>();
                        for (int i = 0; r.value7() != null && i < r.value7().length; i++) {
                            revoked.put(r.value7()[i], r.value8()[i]);
                        }
                        rows.put(r.value1(), new ParticipantRow(r.value1(), r.value2(), r.value3(), r.value4(),
                                r.value5(), Set.of(r.value6()), revoked));
                        if (r.value3() != null && !rows.containsKey(r.value3())) {
                            next.add(r.value3());
                        }
                    });
            wanted = next;
        }
        return rows;
    }

    /** "course/participant" keys of active enrollments among these courses and people. */
    Set<String> enrolled(Collection<UUID> courseIds, Collection<UUID> participantIds) {
        Set<String> keys = new HashSet<>();
        if (courseIds.isEmpty() || participantIds.isEmpty()) {
            return keys;
        }
        dsl.select(ENROLLMENT.COURSE_ID, ENROLLMENT.PARTICIPANT_ID).from(ENROLLMENT)
                .where(ENROLLMENT.COURSE_ID.in(courseIds).and(Ids.in(ENROLLMENT.PARTICIPANT_ID, participantIds))
                        .and(ENROLLMENT.STATUS.eq("enrolled")))
                .forEach(r -> keys.add(r.value1() + "/" + r.value2()));
        return keys;
    }

    /**
     * Waits until no other transaction holds this client scan id, then holds it until this one
     * ends (a transaction-level advisory lock on its hash; a rare collision only makes two wait).
     */
    void holdScanId(DSLContext tx, UUID clientScanId) {
        Locks.hold(tx, clientScanId.toString());
    }

    /**
     * Whether the person is on the course's list (enrolled, not withdrawn), the enrollment locked
     * (shared) until tx ends: a merge moving it to the kept record, or a withdrawal, waits, or has
     * been made and is seen.
     */
    boolean enrolledHeld(DSLContext tx, UUID courseId, UUID participantId) {
        return !tx.select(ENROLLMENT.ID).from(ENROLLMENT)
                .where(ENROLLMENT.COURSE_ID.eq(courseId).and(ENROLLMENT.PARTICIPANT_ID.eq(participantId))
                        .and(ENROLLMENT.STATUS.eq("enrolled")))
                .forShare().fetch().isEmpty();
    }

    /**
     * Of these sessions, the ones that still exist, locked (key share) until tx ends: a session's
     * delete waits for what is recorded at them, then finds it (409 session_has_records); one deleted
     * before is missing from the answer, for the caller to refuse its records (404) rather than fail
     * on their foreign key.
     */
    Set<UUID> holdSessions(DSLContext tx, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(tx.select(COURSE_SESSION.ID).from(COURSE_SESSION)
                .where(Ids.in(COURSE_SESSION.ID, ids)).orderBy(COURSE_SESSION.ID).forKeyShare()
                .fetch(COURSE_SESSION.ID));
    }

    /**
     * Holds these people until tx ends, in one order (key share: what the scans' foreign keys would
     * take at their insert anyway), and answers those merged into another record by now.
     */
    Set<UUID> holdPeople(DSLContext tx, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<UUID> merged = new HashSet<>();
        tx.select(PARTICIPANT.ID, PARTICIPANT.MERGED_INTO).from(PARTICIPANT)
                .where(Ids.in(PARTICIPANT.ID, ids)).orderBy(PARTICIPANT.ID).forKeyShare()
                .forEach(r -> {
                    if (r.value2() != null) {
                        merged.add(r.value1());
                    }
                });
        return merged;
    }

    Set<UUID> storedScanIds(DSLContext tx, Collection<UUID> clientScanIds) {
        if (clientScanIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(tx.select(CHECK_IN.CLIENT_SCAN_ID).from(CHECK_IN)
                .where(Ids.in(CHECK_IN.CLIENT_SCAN_ID, clientScanIds))
                .fetch(CHECK_IN.CLIENT_SCAN_ID));
    }

    /**
     * One statement for one row or 10,000: an array per column, unnested. Its text never changes, so
     * it is not rendered again for every scan (jOOQ rendering the multi-row insert was about a
     * twentieth of a live scan's CPU) and PostgreSQL keeps it prepared; rows go in in the order given
     * (the lock order the caller chose).
     */
    private static final String INSERT_SKIPPING_CONFLICTS = """
            insert into check_in (province_code, client_scan_id, session_id, participant_id, outcome, method,
                                  card_version, scanned_at, judged_at, received_at, clock_suspect, device_id,
                                  scanned_by, first_check_in_id)
            select * from unnest({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, {13})
            on conflict do nothing
            returning client_scan_id, id""";

    /** Inserts rows, skipping any that conflict; returns the check-in ids of those inserted, by client scan id. */
    Map<UUID, UUID> insertSkippingConflicts(DSLContext tx, List<CheckInRecord> rows) {
        Map<UUID, UUID> inserted = new HashMap<>();
        if (rows.isEmpty()) {
            return inserted;
        }
        tx.resultQuery(INSERT_SKIPPING_CONFLICTS,
                        column(rows, CheckInRecord::getProvinceCode, String[]::new, TEXTS),
                        column(rows, CheckInRecord::getClientScanId, UUID[]::new, UUIDS),
                        column(rows, CheckInRecord::getSessionId, UUID[]::new, UUIDS),
                        column(rows, CheckInRecord::getParticipantId, UUID[]::new, UUIDS),
                        column(rows, CheckInRecord::getOutcome, String[]::new, TEXTS),
                        column(rows, CheckInRecord::getMethod, String[]::new, TEXTS),
                        column(rows, CheckInRecord::getCardVersion, Integer[]::new, INTS),
                        column(rows, CheckInRecord::getScannedAt, OffsetDateTime[]::new, TIMES),
                        column(rows, CheckInRecord::getJudgedAt, OffsetDateTime[]::new, TIMES),
                        column(rows, CheckInRecord::getReceivedAt, OffsetDateTime[]::new, TIMES),
                        column(rows, CheckInRecord::getClockSuspect, Boolean[]::new, BOOLEANS),
                        column(rows, CheckInRecord::getDeviceId, String[]::new, TEXTS),
                        column(rows, CheckInRecord::getScannedBy, UUID[]::new, UUIDS),
                        column(rows, CheckInRecord::getFirstCheckInId, UUID[]::new, UUIDS))
                .forEach(r -> inserted.put(r.get(0, UUID.class), r.get(1, UUID.class)));
        return inserted;
    }

    private static <T> Field<T[]> column(List<CheckInRecord> rows, Function<CheckInRecord, T> value,
                                         IntFunction<T[]> array, DataType<T[]> type) {
        return DSL.val(rows.stream().map(value).toArray(array), type);
    }

    /**
     * The live attendances of (session, person) pairs: the pairs go as two arrays unnested side by
     * side, and each is one probe of the partial unique index check_in_attendance (the limit keeps
     * the planner from turning the probes into a join, which a generic plan made while check_in was
     * small did by reading the whole index: 15 ms a call in pg_stat_statements, 11 s for a batch).
     */
    private static final String ATTENDANCES_OF_PAIRS = """
            select c.session_id, c.participant_id, c.id, c.scanned_at, c.received_at, c.method, c.device_id,
                   c.scanned_by, coalesce(u.full_name, u.username)
            from unnest({0}, {1}) pair (session_id, participant_id)
            cross join lateral (
                select * from check_in c
                where c.session_id = pair.session_id and c.participant_id = pair.participant_id
                  and c.outcome = 'accepted' and c.undone_at is null
                limit 1) c
            join app_user u on u.id = c.scanned_by""";

    /**
     * The live attendances (accepted, not undone) of the (session, person) pairs of these rows, by
     * "session/participant", with when and by whom they were made.
     */
    Map<String, ScanResult.FirstCheckIn> attendances(DSLContext tx, List<CheckInRecord> rows) {
        Map<String, ScanResult.FirstCheckIn> found = new HashMap<>();
        if (rows.isEmpty()) {
            return found;
        }
        tx.resultQuery(ATTENDANCES_OF_PAIRS, column(rows, CheckInRecord::getSessionId, UUID[]::new, UUIDS),
                        column(rows, CheckInRecord::getParticipantId, UUID[]::new, UUIDS))
                .forEach(r -> found.put(r.get(0) + "/" + r.get(1), new ScanResult.FirstCheckIn(r.get(2, UUID.class),
                        r.get(3, OffsetDateTime.class), r.get(4, OffsetDateTime.class), r.get(5, String.class),
                        r.get(6, String.class), r.get(7, UUID.class), r.get(8, String.class))));
        return found;
    }

    /** Stored check-ins by client scan id, with their person and first check-in, as answers. */
    Map<UUID, ScanResult> answers(DSLContext tx, Collection<UUID> clientScanIds, Set<UUID> insertedNow) {
        CheckIn first = CHECK_IN.as("first");
        var firstUser = APP_USER.as("first_user");
        Map<UUID, ScanResult> answers = new HashMap<>();
        for (Record r : tx.select(CHECK_IN.asterisk(), PARTICIPANT.FULL_NAME, PARTICIPANT.UNIT_CODE,
                        first.ID, first.SCANNED_AT, first.RECEIVED_AT, first.METHOD, first.DEVICE_ID, first.SCANNED_BY,
                        firstUser.FULL_NAME, firstUser.USERNAME)
                .from(CHECK_IN)
                .leftJoin(PARTICIPANT).on(PARTICIPANT.ID.eq(CHECK_IN.PARTICIPANT_ID))
                .leftJoin(first).on(first.ID.eq(CHECK_IN.FIRST_CHECK_IN_ID))
                .leftJoin(firstUser).on(firstUser.ID.eq(first.SCANNED_BY))
                .where(Ids.in(CHECK_IN.CLIENT_SCAN_ID, clientScanIds))
                .fetch()) {
            UUID scanId = r.get(CHECK_IN.CLIENT_SCAN_ID);
            UUID participantId = r.get(CHECK_IN.PARTICIPANT_ID);
            ScanResult.Person person = participantId == null ? null
                    : new ScanResult.Person(participantId, r.get(PARTICIPANT.FULL_NAME), r.get(PARTICIPANT.UNIT_CODE));
            ScanResult.FirstCheckIn firstCheckIn = r.get(first.ID) == null ? null
                    : new ScanResult.FirstCheckIn(r.get(first.ID), r.get(first.SCANNED_AT), r.get(first.RECEIVED_AT),
                    r.get(first.METHOD), r.get(first.DEVICE_ID), r.get(first.SCANNED_BY),
                    Optional.ofNullable(r.get(firstUser.FULL_NAME)).orElse(r.get(firstUser.USERNAME)));
            answers.put(scanId, new ScanResult(scanId, r.get(CHECK_IN.OUTCOME), new ScanResult.CheckIn(
                    r.get(CHECK_IN.ID), r.get(CHECK_IN.SESSION_ID), participantId, r.get(CHECK_IN.OUTCOME),
                    r.get(CHECK_IN.METHOD), r.get(CHECK_IN.SCANNED_AT), r.get(CHECK_IN.RECEIVED_AT),
                    r.get(CHECK_IN.DEVICE_ID), r.get(CHECK_IN.CLOCK_SUSPECT), r.get(CHECK_IN.UNDONE_AT)),
                    person, firstCheckIn, !insertedNow.contains(scanId)));
        }
        return answers;
    }

    Optional<CheckInRecord> checkIn(UUID id) {
        return dsl.selectFrom(CHECK_IN).where(CHECK_IN.ID.eq(id)).fetchOptional();
    }

    int undo(DSLContext tx, UUID id, UUID userId) {
        return tx.update(CHECK_IN).set(CHECK_IN.UNDONE_AT, OffsetDateTime.now()).set(CHECK_IN.UNDONE_BY, userId)
                .where(CHECK_IN.ID.eq(id).and(Outcome.liveAttendance(CHECK_IN)))
                .execute();
    }

    static boolean managesCourses(Caller caller) {
        return caller.is(Role.admin, Role.organizer);
    }

    /**
     * One enrolled person of a course, as a roster or attendance sheet lists them; unitCode: the one
     * they have for the course (the enrollment's, as reports count them).
     */
    record Enrolled(UUID participantId, String fullName, String sex, String unitCode, String role) {
    }

    /** The people enrolled in a course, in the order of a Vietnamese list ({@link VietnameseText#inListOrder}). */
    List<Enrolled> enrolledIn(UUID courseId) {
        return VietnameseText.inListOrder(dsl.select(PARTICIPANT.ID, PARTICIPANT.FULL_NAME, PARTICIPANT.SEX,
                                ENROLLMENT.UNIT_CODE, ENROLLMENT.ROLE)
                .from(ENROLLMENT).join(PARTICIPANT).on(PARTICIPANT.ID.eq(ENROLLMENT.PARTICIPANT_ID))
                .where(ENROLLMENT.COURSE_ID.eq(courseId).and(ENROLLMENT.STATUS.eq("enrolled")))
                .orderBy(PARTICIPANT.ID) // ties of the list order stay in a fixed order
                .fetch(r -> new Enrolled(r.value1(), r.value2(), r.value3(), r.value4(), r.value5())),
                Enrolled::fullName);
    }

    /** A live attendance: its check-in (the one an undo names) and when the person was first seen. */
    record Seen(UUID checkInId, OffsetDateTime at) {
    }

    /**
     * The live attendances of a course's sessions: session -> participant -> the attendance's
     * check-in and when the person was first seen there, by the server's clock as far as known
     * (see check_in.judged_at). That is the
     * earliest of the attendance and its repeats (already_checked_in): a phone that scanned the
     * person earlier but uploaded later stores a repeat of the scan stored first, and whether the
     * person came late must not depend on which phone uploaded first.
     */
    Map<UUID, Map<UUID, Seen>> attendance(Collection<UUID> sessionIds) {
        CheckIn repeat = CHECK_IN.as("repeat");
        Field<OffsetDateTime> firstSeen = DSL.least(DSL.coalesce(CHECK_IN.JUDGED_AT, CHECK_IN.SCANNED_AT),
                DSL.min(DSL.coalesce(repeat.JUDGED_AT, repeat.SCANNED_AT)));
        Map<UUID, Map<UUID, Seen>> bySession = new HashMap<>();
        dsl.select(CHECK_IN.SESSION_ID, CHECK_IN.PARTICIPANT_ID, firstSeen, CHECK_IN.ID)
                .from(CHECK_IN)
                // by the person's index: their few scans
                .leftJoin(repeat).on(repeat.PARTICIPANT_ID.eq(CHECK_IN.PARTICIPANT_ID)
                        .and(repeat.SESSION_ID.eq(CHECK_IN.SESSION_ID)).and(repeat.FIRST_CHECK_IN_ID.eq(CHECK_IN.ID))
                        .and(repeat.UNDONE_AT.isNull()))
                .where(CHECK_IN.SESSION_ID.in(sessionIds).and(Outcome.liveAttendance(CHECK_IN)))
                .groupBy(CHECK_IN.ID)
                .forEach(r -> bySession.computeIfAbsent(r.value1(), k -> new HashMap<>())
                        .put(r.value2(), new Seen(r.value4(), r.value3())));
        return bySession;
    }

    /** Excused absences: session -> participant -> reason. */
    Map<UUID, Map<UUID, String>> excused(Collection<UUID> sessionIds) {
        Map<UUID, Map<UUID, String>> bySession = new HashMap<>();
        dsl.select(EXCUSED_ABSENCE.SESSION_ID, EXCUSED_ABSENCE.PARTICIPANT_ID, EXCUSED_ABSENCE.REASON)
                .from(EXCUSED_ABSENCE).where(EXCUSED_ABSENCE.SESSION_ID.in(sessionIds))
                .forEach(r -> bySession.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value3()));
        return bySession;
    }

    List<SessionContext> sessionsOfCourse(Caller caller, UUID courseId) {
        return sessionsWhere(COURSE.ID.eq(courseId).and(CourseRepository.visibleTo(caller)));
    }

    /** The course if the caller may see it (CourseRepository.visibleTo). */
    Optional<Record> visibleCourse(Caller caller, UUID courseId) {
        return dsl.selectFrom(COURSE).where(COURSE.ID.eq(courseId).and(CourseRepository.visibleTo(caller)))
                .fetchOptional().map(r -> r);
    }

    /**
     * Records (or replaces the reason of) an excused absence; answers the reason it replaced, or
     * empty when there was none.
     */
    Optional<String> excuse(DSLContext tx, UUID sessionId, UUID participantId, String provinceCode, String reason,
                            UUID userId) {
        Optional<String> before = tx.select(EXCUSED_ABSENCE.REASON).from(EXCUSED_ABSENCE)
                .where(EXCUSED_ABSENCE.SESSION_ID.eq(sessionId).and(EXCUSED_ABSENCE.PARTICIPANT_ID.eq(participantId)))
                .forUpdate().fetchOptional(EXCUSED_ABSENCE.REASON);
        tx.insertInto(EXCUSED_ABSENCE)
                .set(EXCUSED_ABSENCE.SESSION_ID, sessionId).set(EXCUSED_ABSENCE.PARTICIPANT_ID, participantId)
                .set(EXCUSED_ABSENCE.PROVINCE_CODE, provinceCode).set(EXCUSED_ABSENCE.REASON, reason)
                .set(EXCUSED_ABSENCE.ENTERED_BY, userId)
                .onConflict(EXCUSED_ABSENCE.SESSION_ID, EXCUSED_ABSENCE.PARTICIPANT_ID).doUpdate()
                .set(EXCUSED_ABSENCE.REASON, reason).set(EXCUSED_ABSENCE.ENTERED_BY, userId)
                .set(EXCUSED_ABSENCE.ENTERED_AT, OffsetDateTime.now())
                .execute();
        return before;
    }

    /** Removes an excused absence; answers its reason, or empty when there was none. */
    Optional<String> unexcuse(DSLContext tx, UUID sessionId, UUID participantId) {
        return tx.deleteFrom(EXCUSED_ABSENCE)
                .where(EXCUSED_ABSENCE.SESSION_ID.eq(sessionId).and(EXCUSED_ABSENCE.PARTICIPANT_ID.eq(participantId)))
                .returning(EXCUSED_ABSENCE.REASON)
                .fetchOptional(EXCUSED_ABSENCE.REASON);
    }

    /** Stores a sheet; answers its id and when it was stored, as the database keeps it. */
    Record2<UUID, OffsetDateTime> storeSheet(DSLContext tx, UUID sessionId, String provinceCode, String contentType,
                                             byte[] content, byte[] sha256, UUID userId) {
        return tx.insertInto(SIGN_IN_SHEET)
                .set(SIGN_IN_SHEET.SESSION_ID, sessionId).set(SIGN_IN_SHEET.PROVINCE_CODE, provinceCode)
                .set(SIGN_IN_SHEET.CONTENT_TYPE, contentType).set(SIGN_IN_SHEET.CONTENT, content)
                .set(SIGN_IN_SHEET.SHA256, sha256).set(SIGN_IN_SHEET.UPLOADED_BY, userId)
                .returningResult(SIGN_IN_SHEET.ID, SIGN_IN_SHEET.UPLOADED_AT).fetchOne();
    }

    /** The stored file of one sheet of the session: its content type and bytes. */
    Optional<Record2<String, byte[]>> sheet(UUID sessionId, UUID sheetId) {
        return dsl.select(SIGN_IN_SHEET.CONTENT_TYPE, SIGN_IN_SHEET.CONTENT).from(SIGN_IN_SHEET)
                .where(SIGN_IN_SHEET.SESSION_ID.eq(sessionId).and(SIGN_IN_SHEET.ID.eq(sheetId))).fetchOptional();
    }

    List<Record> sheets(UUID sessionId) {
        return dsl.select(SIGN_IN_SHEET.ID, SIGN_IN_SHEET.CONTENT_TYPE, SIGN_IN_SHEET.SHA256, SIGN_IN_SHEET.UPLOADED_AT,
                        SIGN_IN_SHEET.UPLOADED_BY, DSL.field("octet_length({0})", Long.class, SIGN_IN_SHEET.CONTENT).as("size"))
                .from(SIGN_IN_SHEET).where(SIGN_IN_SHEET.SESSION_ID.eq(sessionId))
                .orderBy(SIGN_IN_SHEET.UPLOADED_AT).fetch().stream().map(r -> (Record) r).toList();
    }
}
