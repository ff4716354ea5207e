package vn.bdg.registry.attendance;

import org.jooq.DSLContext;
import org.jooq.Record;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.card.CardService;
import vn.bdg.registry.participant.Erased;
import vn.bdg.registry.participant.MergedRecords;
import vn.bdg.registry.db.tables.records.CheckInRecord;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.Sha256;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.COURSE;

/** A trainer's day (sessions, rosters), the attendance sheet of a course, and its corrections. */
public final class AttendanceService {
    public record SessionView(UUID id, UUID courseId, String courseTitle, String courseStatus, LocalDate date,
                              String startTime, String endTime, String venue, OffsetDateTime opensAt,
                              OffsetDateTime closesAt) {
        static SessionView of(SessionContext s) {
            return new SessionView(s.sessionId(), s.courseId(), s.courseTitle(), s.courseStatus(), s.date(),
                    hhmm(s.startTime()), hhmm(s.endTime()), s.venue(), s.opensAt(), s.closesAt());
        }
    }

    public record RosterPerson(UUID id, String fullName, String unitCode, String role) {
    }

    public record RevokedCard(UUID participantId, int version) {
    }

    public record Alias(UUID cardParticipantId, UUID participantId) {
    }

    public record Attended(UUID participantId, OffsetDateTime scannedAt) {
    }

    /** Everything a phone needs to check people in at a session with no network. */
    public record Roster(SessionView session, String provinceCode, long clockToleranceSeconds,
                         List<RosterPerson> participants, List<RevokedCard> revokedCards, List<Alias> aliases,
                         List<Attended> checkedIn) {
    }

    /** checkInId: the attendance's check-in (present or late), which DELETE /api/v1/check-ins/{id} undoes. */
    public record SessionMark(UUID sessionId, String status, OffsetDateTime scannedAt, String reason, UUID checkInId) {
    }

    public record PersonAttendance(UUID participantId, String fullName, String sex, String unitCode, String role,
                                   List<SessionMark> sessions, int attended, int excused, BigDecimal share,
                                   boolean completed) {
    }

    public record CourseAttendance(UUID courseId, String courseCode, String courseTitle, LocalDate startDate,
                                   LocalDate endDate, BigDecimal minAttendanceShare, List<SessionView> sessions,
                                   List<PersonAttendance> participants) {
    }

    private final DSLContext dsl;
    private final AttendanceRepository repository;
    private final CardService cards;
    private final AuditLog audit;
    private final long clockToleranceSeconds;

    public AttendanceService(DSLContext dsl, CardService cards, AuditLog audit, long clockToleranceSeconds) {
        this.dsl = dsl;
        this.repository = new AttendanceRepository(dsl);
        this.cards = cards;
        this.audit = audit;
        this.clockToleranceSeconds = clockToleranceSeconds;
    }

    /** This service reading and writing inside the transaction tx (on its connection). */
    public AttendanceService within(DSLContext tx) {
        return new AttendanceService(tx, cards, audit, clockToleranceSeconds);
    }

    public List<SessionView> sessionsOn(Caller caller, LocalDate date) {
        return repository.scannableSessionsOn(caller, date).stream().map(SessionView::of).toList();
    }

    public Roster roster(Caller caller, UUID sessionId) {
        SessionContext session = scannable(caller, sessionId);
        List<AttendanceRepository.Enrolled> enrolled = repository.enrolledIn(session.courseId());
        List<UUID> ids = enrolled.stream().map(AttendanceRepository.Enrolled::participantId).toList();
        // the cards of records merged into the enrolled stand for them: the phone needs those and their revocations
        Map<UUID, UUID> mergedInto = MergedRecords.into(dsl, session.provinceCode(), ids);
        List<UUID> cardHolders = new ArrayList<>(ids);
        cardHolders.addAll(mergedInto.keySet());
        List<RevokedCard> revoked = cards.revokedCards(cardHolders).stream().sorted().map(key -> {
            String[] parts = key.split("/");
            return new RevokedCard(UUID.fromString(parts[0]), Integer.parseInt(parts[1]));
        }).toList();
        List<Alias> aliases = mergedInto.entrySet().stream()
                .map(e -> new Alias(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparing(Alias::cardParticipantId)).toList();
        Map<UUID, AttendanceRepository.Seen> present = repository.attendance(List.of(sessionId))
                .getOrDefault(sessionId, Map.of());
        List<Attended> checkedIn = present.entrySet().stream()
                .map(e -> new Attended(e.getKey(), e.getValue().at()))
                .sorted(java.util.Comparator.comparing(Attended::participantId)).toList();
        return new Roster(SessionView.of(session), session.provinceCode(), clockToleranceSeconds,
                enrolled.stream().map(e -> new RosterPerson(e.participantId(), e.fullName(), e.unitCode(), e.role()))
                        .toList(),
                revoked, aliases, checkedIn);
    }

    public record CourseRoster(String title, List<RosterPerson> participants) {
    }

    /** The people enrolled in a course the caller may read, for printing their badges. */
    public CourseRoster courseRoster(Caller caller, UUID courseId) {
        Record course = repository.visibleCourse(caller, courseId).orElseThrow(ApiException::notFound);
        return new CourseRoster(course.get(COURSE.TITLE), repository.enrolledIn(courseId).stream()
                .map(e -> new RosterPerson(e.participantId(), e.fullName(), e.unitCode(), e.role())).toList());
    }

    public CourseAttendance courseAttendance(Caller caller, UUID courseId) {
        Record course = repository.visibleCourse(caller, courseId).orElseThrow(ApiException::notFound);
        BigDecimal minimum = course.get(COURSE.MIN_ATTENDANCE_SHARE);
        List<SessionContext> sessions = repository.sessionsOfCourse(caller, courseId);
        List<UUID> sessionIds = sessions.stream().map(SessionContext::sessionId).toList();
        Map<UUID, Map<UUID, AttendanceRepository.Seen>> present = repository.attendance(sessionIds);
        Map<UUID, Map<UUID, String>> excused = repository.excused(sessionIds);
        // a reason may tell of health or family matters: only those who enter excuses read them
        boolean readsReasons = caller.is(Role.MANAGERS);
        List<PersonAttendance> people = new ArrayList<>();
        for (AttendanceRepository.Enrolled person : repository.enrolledIn(courseId)) {
            List<SessionMark> marks = new ArrayList<>();
            int attended = 0;
            int excusedCount = 0;
            for (SessionContext s : sessions) {
                AttendanceRepository.Seen seen = present.getOrDefault(s.sessionId(), Map.of()).get(person.participantId());
                String reason = excused.getOrDefault(s.sessionId(), Map.of()).get(person.participantId());
                if (seen != null) {
                    attended++;
                    marks.add(new SessionMark(s.sessionId(), s.isLate(seen.at()) ? "late" : "present", seen.at(), null,
                            seen.checkInId()));
                } else if (reason != null) {
                    excusedCount++;
                    marks.add(new SessionMark(s.sessionId(), "excused", null, readsReasons ? reason : null, null));
                } else {
                    marks.add(new SessionMark(s.sessionId(), "absent", null, null, null));
                }
            }
            Completion completion = Completion.of(attended, excusedCount, sessions.size(), minimum);
            people.add(new PersonAttendance(person.participantId(), person.fullName(), person.sex(), person.unitCode(),
                    person.role(), marks, attended, excusedCount, completion.share(), completion.completed()));
        }
        return new CourseAttendance(courseId, course.get(COURSE.CODE), course.get(COURSE.TITLE),
                course.get(COURSE.START_DATE), course.get(COURSE.END_DATE), minimum,
                sessions.stream().map(SessionView::of).toList(), people);
    }

    public void excuse(Caller caller, UUID sessionId, UUID participantId, String reason) {
        SessionContext session = managed(caller, sessionId);
        dsl.transaction(trx -> {
            requireSessionHeld(trx.dsl(), sessionId);
            boolean erased = Erased.held(trx.dsl(), participantId);
            // read under the person's lock: a merge (which moves the record's enrollments and excuses
            // to the kept one) under way is waited for, and a merge or withdrawal made before is seen
            if (!repository.enrolledHeld(trx.dsl(), session.courseId(), participantId)) {
                // asked first: anyone off the list (another district's, another province's) is
                // unknown, whether or not erased, so the answer does not tell an erased record exists
                throw ApiException.unprocessable("participantId", "unknown_participant");
            }
            if (erased) {
                // the reason may hold health or family matters: nothing of an erased person is kept
                throw ApiException.conflict("erased");
            }
            Optional<String> replaced = repository.excuse(trx.dsl(), sessionId, participantId, session.provinceCode(),
                    reason, caller.userId());
            audit.record(trx.dsl(), caller, "excuse", "session", sessionId,
                    replaced.map(r -> Map.of("participantId", participantId, "reason", r)).orElse(null),
                    Map.of("participantId", participantId, "reason", reason));
        });
    }

    public void unexcuse(Caller caller, UUID sessionId, UUID participantId) {
        managed(caller, sessionId);
        dsl.transaction(trx -> {
            String reason = repository.unexcuse(trx.dsl(), sessionId, participantId)
                    .orElseThrow(ApiException::notFound);
            audit.record(trx.dsl(), caller, "unexcuse", "session", sessionId,
                    Map.of("participantId", participantId, "reason", reason), null);
        });
    }

    /** Undoes a mistaken scan: the attendance ends, the scan stays as evidence, the audit log says who. */
    public void undo(Caller caller, UUID checkInId) {
        CheckInRecord row = repository.checkIn(checkInId).orElseThrow(ApiException::notFound);
        scannable(caller, row.getSessionId());
        dsl.transaction(trx -> {
            if (repository.undo(trx.dsl(), checkInId, caller.userId()) == 0) {
                throw ApiException.conflict("not_an_attendance");
            }
            audit.record(trx.dsl(), caller, "undo", "check_in", checkInId,
                    Map.of("outcome", row.getOutcome(), "participantId", String.valueOf(row.getParticipantId())),
                    Map.of("undone", true));
        });
    }

    public record SheetView(UUID id, String contentType, String sha256, long size, OffsetDateTime uploadedAt,
                            UUID uploadedBy) {
    }

    /** The kinds of file a signed sheet may be, and the bytes each starts with. */
    private static final Map<String, byte[]> SHEET_TYPES = Map.of(
            "image/jpeg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
            "application/pdf", "%PDF-".getBytes(StandardCharsets.US_ASCII));

    /** A stored photo or scan of a signed sheet. */
    public record SheetFile(String contentType, byte[] content) {
    }

    /** Keeps a photo or scan of a signed paper sheet as evidence, with its SHA-256. */
    public SheetView attachSheet(Caller caller, UUID sessionId, String contentType, byte[] content) {
        SessionContext session = managed(caller, sessionId);
        if (contentType == null || !SHEET_TYPES.containsKey(contentType)) {
            throw new ApiException(415, "unsupported_media_type",
                    String.join(", ", new TreeSet<>(SHEET_TYPES.keySet())));
        }
        if (content.length == 0) {
            throw ApiException.invalid("body", "required");
        }
        // evidence must be what it says it is: a file that is not a JPEG, PNG or PDF would not open later
        byte[] start = SHEET_TYPES.get(contentType);
        if (content.length < start.length || !Arrays.equals(content, 0, start.length, start, 0, start.length)) {
            throw ApiException.invalid("body", "not_of_content_type", contentType);
        }
        byte[] hash = Sha256.of(content);
        return dsl.transactionResult(trx -> {
            requireSessionHeld(trx.dsl(), sessionId);
            var stored = repository.storeSheet(trx.dsl(), sessionId, session.provinceCode(), contentType, content,
                    hash, caller.userId());
            SheetView view = new SheetView(stored.value1(), contentType, HexFormat.of().formatHex(hash),
                    content.length, stored.value2(), caller.userId());
            audit.record(trx.dsl(), caller, "attach_sheet", "session", sessionId, null, view);
            return view;
        });
    }

    /** One stored sheet, for whoever may see the session's list of sheets. */
    public SheetFile sheet(Caller caller, UUID sessionId, UUID sheetId) {
        scannable(caller, sessionId);
        return repository.sheet(sessionId, sheetId).map(r -> new SheetFile(r.value1(), r.value2()))
                .orElseThrow(ApiException::notFound);
    }

    public List<SheetView> sheets(Caller caller, UUID sessionId) {
        scannable(caller, sessionId);
        return repository.sheets(sessionId).stream().map(r -> new SheetView(
                r.get(0, UUID.class), r.get(1, String.class), HexFormat.of().formatHex(r.get(2, byte[].class)),
                r.get("size", Long.class), r.get(3, OffsetDateTime.class), r.get(4, UUID.class))).toList();
    }

    /** The session if the caller may scan it (trainers: assigned courses), else 404. */
    public SessionContext scannable(Caller caller, UUID sessionId) {
        SessionContext session = repository.scannableSessions(caller, List.of(sessionId)).get(sessionId);
        if (session == null) {
            throw ApiException.notFound();
        }
        return session;
    }

    private SessionContext managed(Caller caller, UUID sessionId) {
        SessionContext session = scannable(caller, sessionId);
        if (!AttendanceRepository.managesCourses(caller)) {
            throw ApiException.forbidden();
        }
        return session;
    }

    /**
     * The session, held (key share) until tx ends, else 404: deleted since it was read, nothing is
     * recorded at it; a delete under way is waited for, and one that comes later finds the record.
     */
    private void requireSessionHeld(DSLContext tx, UUID sessionId) {
        if (repository.holdSessions(tx, List.of(sessionId)).isEmpty()) {
            throw ApiException.notFound();
        }
    }

    /** Whether the person is on the course's list (enrolled, not withdrawn). */
    boolean isEnrolled(UUID courseId, UUID participantId) {
        return repository.enrolled(List.of(courseId), List.of(participantId)).contains(courseId + "/" + participantId);
    }

    static String hhmm(LocalTime t) {
        return String.format("%02d:%02d", t.getHour(), t.getMinute());
    }

}
