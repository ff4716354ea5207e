package vn.bdg.registry.certificate;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record5;
import org.jooq.SelectSeekStep1;
import org.jooq.impl.DSL;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.course.CourseRepository;
import vn.bdg.registry.db.tables.records.CertificateRecord;
import vn.bdg.registry.participant.MergedRecords;
import vn.bdg.registry.text.VietnameseText;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

import static vn.bdg.registry.db.Tables.ADMIN_UNIT;
import static vn.bdg.registry.db.Tables.CERTIFICATE;
import static vn.bdg.registry.db.Tables.CERTIFICATE_COUNTER;
import static vn.bdg.registry.db.Tables.CERTIFICATE_WITHHELD;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.COURSE_SESSION;
import static vn.bdg.registry.db.Tables.ENROLLMENT;
import static vn.bdg.registry.db.Tables.ORGANIZATION;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/** SQL for certificates, their numbers and withheld decisions. Certificates are scoped through their course. */
final class CertificateRepository {
    /** A course as a certificate prints it. hours: the planned hours, or null. */
    record CourseRow(UUID id, String provinceCode, String provinceName, String status, String title,
                     LocalDate startDate, LocalDate endDate, BigDecimal hours, String organizerName) {
    }

    /** erased: the person's data was erased at their request (they get no new certificate). */
    record EnrollmentRow(UUID participantId, String fullName, String role, String status, boolean erased) {
    }

    /** A person as a certificate prints them. unitName: their organisation, else their administrative unit. */
    record HolderRow(UUID id, String fullName, Integer birthYear, String unitName) {
    }

    record Revoked(String number, OffsetDateTime revokedAt) {
    }

    /** One course of a card holder. */
    record CourseOfHolder(UUID courseId, String provinceCode, String title, LocalDate startDate, LocalDate endDate,
                          String courseStatus, String enrollmentStatus, String role) {
    }

    /** What a certificate's Open Badge takes from its course: the province's name, the organiser's id, the rule. */
    record BadgeFacts(String provinceName, UUID organizerId, BigDecimal minAttendanceShare) {
    }

    private final DSLContext dsl;

    CertificateRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The course, locked until the end of the transaction so that two issuings of it run one after the other. */
    Optional<CourseRow> lockCourse(DSLContext tx, Caller caller, UUID courseId) {
        var province = ADMIN_UNIT.as("province");
        return tx.select(COURSE.ID, COURSE.PROVINCE_CODE, province.NAME, COURSE.STATUS, COURSE.TITLE,
                        COURSE.START_DATE, COURSE.END_DATE, COURSE.PLANNED_HOURS, ORGANIZATION.NAME)
                .from(COURSE)
                .join(province).on(province.CODE.eq(COURSE.PROVINCE_CODE))
                .leftJoin(ORGANIZATION).on(ORGANIZATION.ID.eq(COURSE.ORGANIZER_ID))
                .where(COURSE.ID.eq(courseId).and(CourseRepository.visibleTo(caller)))
                .forUpdate().of(COURSE)
                .fetchOptional(r -> new CourseRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8(), r.value9()));
    }

    /** The length of the course's sessions, in hours to one decimal; null without sessions. */
    BigDecimal sessionHours(DSLContext tx, UUID courseId) {
        BigDecimal seconds = tx.select(DSL.sum(DSL.field("extract(epoch from ({0} - {1}))", BigDecimal.class,
                        COURSE_SESSION.END_TIME, COURSE_SESSION.START_TIME)))
                .from(COURSE_SESSION).where(COURSE_SESSION.COURSE_ID.eq(courseId)).fetchOne(0, BigDecimal.class);
        return seconds == null ? null : seconds.divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
    }

    boolean courseVisible(Caller caller, UUID courseId) {
        return dsl.fetchExists(DSL.selectOne().from(COURSE).where(COURSE.ID.eq(courseId).and(CourseRepository.visibleTo(caller))));
    }

    /**
     * Holds (FOR SHARE, until tx ends) the people enrolled in the course the caller sees, or only
     * the one named: taken before the course is locked. A walk-in records a consent or unit on the
     * person, then locks the course to enroll them, so the course first and the people after would
     * deadlock with it (a withdrawal holds its person first too). Someone enrolled between this and
     * the course lock is held by {@link #enrollments} after it.
     */
    void holdEnrolled(DSLContext tx, Caller caller, UUID courseId, UUID onlyParticipantId) {
        Condition where = ENROLLMENT.COURSE_ID.eq(courseId)
                .and(DSL.exists(DSL.selectOne().from(COURSE)
                        .where(COURSE.ID.eq(courseId).and(CourseRepository.visibleTo(caller)))));
        enrollmentsQuery(tx, onlyParticipantId == null ? where : where.and(ENROLLMENT.PARTICIPANT_ID.eq(onlyParticipantId)))
                .forShare().of(PARTICIPANT).execute();
    }

    /**
     * Every enrollment of the course, withdrawn ones too, in the order of a Vietnamese list (numbers
     * follow it). The people are held (FOR SHARE) until tx ends: an erasure under way is waited for
     * (then they read as erased), and one that starts meanwhile waits, then revokes what tx issues.
     */
    List<EnrollmentRow> enrollments(DSLContext tx, UUID courseId) {
        return VietnameseText.inListOrder(enrollmentsWhere(tx, ENROLLMENT.COURSE_ID.eq(courseId)),
                EnrollmentRow::fullName);
    }

    /** One person's enrollment in the course, the person held as {@link #enrollments} holds them. */
    Optional<EnrollmentRow> enrollment(DSLContext tx, UUID courseId, UUID participantId) {
        return enrollmentsWhere(tx, ENROLLMENT.COURSE_ID.eq(courseId).and(ENROLLMENT.PARTICIPANT_ID.eq(participantId)))
                .stream().findFirst();
    }

    private static List<EnrollmentRow> enrollmentsWhere(DSLContext tx, Condition where) {
        // A statement that waited for a lock sees the people as changed but the enrollments as they
        // were before it waited: after a merge under way, the duplicate's enrollment it dropped or
        // moved. So the people are locked first, then read again with what committed meanwhile
        // (merges and erasures wait for these locks; enrollments and withdrawals for the course's).
        enrollmentsQuery(tx, where).forShare().of(PARTICIPANT).execute();
        return enrollmentsQuery(tx, where)
                .fetch(r -> new EnrollmentRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5() != null));
    }

    private static SelectSeekStep1<Record5<UUID, String, String, String, OffsetDateTime>, UUID> enrollmentsQuery(
            DSLContext tx, Condition where) {
        return tx.select(ENROLLMENT.PARTICIPANT_ID, PARTICIPANT.FULL_NAME, ENROLLMENT.ROLE, ENROLLMENT.STATUS,
                        PARTICIPANT.ERASED_AT)
                .from(ENROLLMENT).join(PARTICIPANT).on(PARTICIPANT.ID.eq(ENROLLMENT.PARTICIPANT_ID))
                .where(where)
                .orderBy(PARTICIPANT.ID); // ties of the list order stay in a fixed order
    }

    /** Withheld decisions of a course: participant -> reason. */
    Map<UUID, String> withheld(DSLContext tx, UUID courseId) {
        return tx.select(CERTIFICATE_WITHHELD.PARTICIPANT_ID, CERTIFICATE_WITHHELD.REASON).from(CERTIFICATE_WITHHELD)
                .where(CERTIFICATE_WITHHELD.COURSE_ID.eq(courseId))
                .fetchMap(CERTIFICATE_WITHHELD.PARTICIPANT_ID, CERTIFICATE_WITHHELD.REASON);
    }

    void withhold(DSLContext tx, UUID courseId, UUID participantId, String provinceCode, String reason, UUID userId,
                  OffsetDateTime at) {
        tx.insertInto(CERTIFICATE_WITHHELD)
                .set(CERTIFICATE_WITHHELD.COURSE_ID, courseId).set(CERTIFICATE_WITHHELD.PARTICIPANT_ID, participantId)
                .set(CERTIFICATE_WITHHELD.PROVINCE_CODE, provinceCode).set(CERTIFICATE_WITHHELD.REASON, reason)
                .set(CERTIFICATE_WITHHELD.WITHHELD_BY, userId).set(CERTIFICATE_WITHHELD.WITHHELD_AT, at)
                .onConflict(CERTIFICATE_WITHHELD.COURSE_ID, CERTIFICATE_WITHHELD.PARTICIPANT_ID).doUpdate()
                .set(CERTIFICATE_WITHHELD.REASON, reason).set(CERTIFICATE_WITHHELD.WITHHELD_BY, userId)
                .set(CERTIFICATE_WITHHELD.WITHHELD_AT, at)
                .execute();
    }

    void unwithhold(DSLContext tx, UUID courseId, UUID participantId) {
        tx.deleteFrom(CERTIFICATE_WITHHELD).where(CERTIFICATE_WITHHELD.COURSE_ID.eq(courseId)
                .and(CERTIFICATE_WITHHELD.PARTICIPANT_ID.eq(participantId))).execute();
    }

    /** The course's certificates, revoked ones too, by number. */
    List<CertificateRecord> ofCourse(DSLContext tx, UUID courseId) {
        return tx.selectFrom(CERTIFICATE).where(CERTIFICATE.COURSE_ID.eq(courseId)).orderBy(CERTIFICATE.NUMBER).fetch();
    }

    /**
     * For each record id, the record it ended in after merges (itself when never merged), so that a
     * certificate of a merged duplicate counts as its kept record's.
     */
    Map<UUID, UUID> keptRecords(DSLContext tx, Collection<UUID> ids) {
        Map<UUID, UUID> mergedInto = new HashMap<>();
        Set<UUID> wanted = new HashSet<>(ids);
        for (int depth = 0; depth < 10 && !wanted.isEmpty(); depth++) {
            Set<UUID> next = new HashSet<>();
            tx.select(PARTICIPANT.ID, PARTICIPANT.MERGED_INTO).from(PARTICIPANT).where(PARTICIPANT.ID.in(wanted))
                    .forEach(r -> {
                        if (r.value2() != null) {
                            mergedInto.put(r.value1(), r.value2());
                            next.add(r.value2());
                        }
                    });
            wanted = next;
        }
        Map<UUID, UUID> kept = new HashMap<>();
        for (UUID id : ids) {
            UUID k = id;
            for (int depth = 0; depth < 10 && mergedInto.containsKey(k); depth++) {
                k = mergedInto.get(k);
            }
            kept.put(id, k);
        }
        return kept;
    }

    Map<UUID, UUID> keptRecords(Collection<UUID> ids) {
        return keptRecords(dsl, ids);
    }

    /** The record and every record merged into it, directly or through others. */
    Set<UUID> withMergedRecords(String provinceCode, UUID keptId) {
        return MergedRecords.withMerged(dsl, provinceCode, keptId);
    }

    Map<UUID, HolderRow> holders(DSLContext tx, Collection<UUID> ids) {
        return tx.select(PARTICIPANT.ID, PARTICIPANT.FULL_NAME,
                        DSL.coalesce(PARTICIPANT.BIRTH_YEAR, DSL.extract(PARTICIPANT.BIRTH_DATE, org.jooq.DatePart.YEAR)),
                        DSL.coalesce(PARTICIPANT.ORGANIZATION, ADMIN_UNIT.NAME))
                .from(PARTICIPANT).leftJoin(ADMIN_UNIT).on(ADMIN_UNIT.CODE.eq(PARTICIPANT.UNIT_CODE))
                .where(PARTICIPANT.ID.in(ids))
                .fetchMap(PARTICIPANT.ID, r -> new HolderRow(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Takes the next n numbers of the province and year; answers the first. Never hands a number out twice. */
    int allocate(DSLContext tx, String provinceCode, int year, int n) {
        int last = tx.insertInto(CERTIFICATE_COUNTER)
                .set(CERTIFICATE_COUNTER.PROVINCE_CODE, provinceCode)
                .set(CERTIFICATE_COUNTER.YEAR, year)
                .set(CERTIFICATE_COUNTER.LAST, n)
                .onConflict(CERTIFICATE_COUNTER.PROVINCE_CODE, CERTIFICATE_COUNTER.YEAR).doUpdate()
                .set(CERTIFICATE_COUNTER.LAST, CERTIFICATE_COUNTER.LAST.plus(n))
                .returning(CERTIFICATE_COUNTER.LAST)
                .fetchOne(CERTIFICATE_COUNTER.LAST);
        return last - n + 1;
    }

    void insert(DSLContext tx, List<CertificateRecord> rows) {
        for (int from = 0; from < rows.size(); from += 500) {
            var insert = tx.insertInto(CERTIFICATE).set(rows.get(from));
            for (CertificateRecord r : rows.subList(from + 1, Math.min(rows.size(), from + 500))) {
                insert = insert.newRecord().set(r);
            }
            insert.execute();
        }
    }

    /** A certificate of a course the caller may read. */
    Optional<CertificateRecord> visible(Caller caller, String number) {
        return dsl.select(CERTIFICATE.asterisk()).from(CERTIFICATE).join(COURSE).on(COURSE.ID.eq(CERTIFICATE.COURSE_ID))
                .where(CERTIFICATE.NUMBER.eq(number).and(CourseRepository.visibleTo(caller)))
                .fetchOptional(r -> r.into(CERTIFICATE));
    }

    BadgeFacts badgeFacts(UUID courseId) {
        return dsl.select(ADMIN_UNIT.NAME, COURSE.ORGANIZER_ID, COURSE.MIN_ATTENDANCE_SHARE)
                .from(COURSE).join(ADMIN_UNIT).on(ADMIN_UNIT.CODE.eq(COURSE.PROVINCE_CODE))
                .where(COURSE.ID.eq(courseId))
                .fetchOne(r -> new BadgeFacts(r.value1(), r.value2(), r.value3()));
    }

    /** The last number counted in the province and year; empty when none was. */
    Optional<Integer> lastCounted(String provinceCode, int year) {
        return dsl.select(CERTIFICATE_COUNTER.LAST).from(CERTIFICATE_COUNTER)
                .where(CERTIFICATE_COUNTER.PROVINCE_CODE.eq(provinceCode).and(CERTIFICATE_COUNTER.YEAR.eq(year)))
                .fetchOptional(CERTIFICATE_COUNTER.LAST);
    }

    Optional<CertificateRecord> byNumber(String number) {
        return dsl.selectFrom(CERTIFICATE).where(CERTIFICATE.NUMBER.eq(number)).fetchOptional();
    }

    /** Numbers and credentials of a province's live certificates after a number, in the order of numbers. */
    List<Map.Entry<String, String>> liveCredentials(DSLContext tx, String provinceCode, String afterNumber, int limit) {
        return tx.select(CERTIFICATE.NUMBER, CERTIFICATE.CREDENTIAL).from(CERTIFICATE)
                .where(CERTIFICATE.PROVINCE_CODE.eq(provinceCode).and(CERTIFICATE.STATUS.eq("valid"))
                        .and(CERTIFICATE.NUMBER.gt(afterNumber)))
                .orderBy(CERTIFICATE.NUMBER).limit(limit)
                .fetch(r -> Map.entry(r.value1(), r.value2()));
    }

    /** Replaces the credentials of these certificates (number to credential) in one statement. */
    void setCredentials(DSLContext tx, Map<String, String> credentials) {
        if (credentials.isEmpty()) {
            return;
        }
        tx.execute("update certificate c set credential = v.credential from unnest({0}, {1}) v (number, credential) "
                        + "where c.number = v.number",
                DSL.val(credentials.keySet().toArray(String[]::new)),
                DSL.val(credentials.values().toArray(String[]::new)));
    }

    /**
     * The provinces of these participants' certificates (their records are locked by the caller, so
     * no certificate of theirs is issued meanwhile).
     */
    List<String> provincesOfHolders(DSLContext tx, Collection<UUID> ids) {
        return tx.selectDistinct(CERTIFICATE.PROVINCE_CODE).from(CERTIFICATE).where(CERTIFICATE.PARTICIPANT_ID.in(ids))
                .orderBy(CERTIFICATE.PROVINCE_CODE).fetch(CERTIFICATE.PROVINCE_CODE);
    }

    /** The certificates of these participants, locked, by number. */
    List<CertificateRecord> ofParticipantsForUpdate(DSLContext tx, Collection<UUID> ids) {
        return tx.selectFrom(CERTIFICATE).where(CERTIFICATE.PARTICIPANT_ID.in(ids)).orderBy(CERTIFICATE.NUMBER)
                .forUpdate().fetch();
    }

    /**
     * Erasure of the holder's data from one certificate: revoked (a live one now, by userId, with
     * the reason given; one revoked before keeps its date, its reason becomes marker), the holder's
     * name replaced with name, birth year and organisation cleared, a hand-issue reason replaced
     * with marker, the credential replaced with the one given (signed without the person's data).
     */
    void eraseHolder(DSLContext tx, CertificateRecord c, String name, String credential, UUID userId, String reason,
                     String marker, OffsetDateTime at) {
        boolean live = "valid".equals(c.getStatus());
        tx.update(CERTIFICATE)
                .set(CERTIFICATE.STATUS, "revoked")
                .set(CERTIFICATE.REVOKED_AT, live ? at : c.getRevokedAt())
                .set(CERTIFICATE.REVOKED_BY, live ? userId : c.getRevokedBy())
                .set(CERTIFICATE.REVOCATION_REASON, live ? reason : marker)
                .set(CERTIFICATE.HOLDER_NAME, name)
                .set(CERTIFICATE.BIRTH_YEAR, (Integer) null)
                .set(CERTIFICATE.UNIT_NAME, (String) null)
                .set(CERTIFICATE.MANUAL_REASON, c.getManualReason() == null ? null : marker)
                .set(CERTIFICATE.CREDENTIAL, credential)
                .set(CERTIFICATE.HOLDER_ERASED_AT, at)
                .where(CERTIFICATE.NUMBER.eq(c.getNumber()))
                .execute();
    }

    /** Erasure: the reasons of the decisions to withhold a certificate from these people become marker. */
    void eraseWithheldReasons(DSLContext tx, Collection<UUID> participantIds, String marker) {
        tx.update(CERTIFICATE_WITHHELD).set(CERTIFICATE_WITHHELD.REASON, marker)
                .where(CERTIFICATE_WITHHELD.PARTICIPANT_ID.in(participantIds)).execute();
    }

    /** Revokes a live certificate, locking it; empty when it is not live. */
    Optional<CertificateRecord> revoke(DSLContext tx, String number, UUID userId, String reason, OffsetDateTime at) {
        return tx.update(CERTIFICATE)
                .set(CERTIFICATE.STATUS, "revoked").set(CERTIFICATE.REVOKED_AT, at)
                .set(CERTIFICATE.REVOKED_BY, userId).set(CERTIFICATE.REVOCATION_REASON, reason)
                .where(CERTIFICATE.NUMBER.eq(number).and(CERTIFICATE.STATUS.eq("valid")))
                .returning().fetchOptional();
    }

    List<Revoked> revokedIn(String provinceCode) {
        return dsl.select(CERTIFICATE.NUMBER, CERTIFICATE.REVOKED_AT).from(CERTIFICATE)
                .where(CERTIFICATE.PROVINCE_CODE.eq(provinceCode).and(CERTIFICATE.STATUS.eq("revoked")))
                .orderBy(CERTIFICATE.REVOKED_AT, CERTIFICATE.NUMBER)
                .fetch(r -> new Revoked(r.value1(), r.value2()));
    }

    List<CertificateRecord> ofParticipants(Collection<UUID> ids) {
        return dsl.selectFrom(CERTIFICATE).where(CERTIFICATE.PARTICIPANT_ID.in(ids))
                .orderBy(CERTIFICATE.ISSUED_AT.desc(), CERTIFICATE.NUMBER).fetch();
    }

    List<CourseOfHolder> coursesOf(Collection<UUID> participantIds) {
        return dsl.select(COURSE.ID, COURSE.PROVINCE_CODE, COURSE.TITLE, COURSE.START_DATE, COURSE.END_DATE,
                        COURSE.STATUS, ENROLLMENT.STATUS, ENROLLMENT.ROLE)
                .from(ENROLLMENT).join(COURSE).on(COURSE.ID.eq(ENROLLMENT.COURSE_ID))
                .where(ENROLLMENT.PARTICIPANT_ID.in(participantIds))
                .orderBy(COURSE.START_DATE.desc(), COURSE.ID)
                .fetch(r -> new CourseOfHolder(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8()));
    }

    Optional<String> fullName(UUID participantId) {
        return dsl.select(PARTICIPANT.FULL_NAME).from(PARTICIPANT).where(PARTICIPANT.ID.eq(participantId))
                .fetchOptional(PARTICIPANT.FULL_NAME);
    }
}
