package vn.bdg.registry.attendance;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.card.CardService;
import vn.bdg.registry.db.tables.records.CheckInRecord;
import vn.bdg.registry.web.ApiException;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides the outcome of scans, live or uploaded later in batches, and stores every scan, refused
 * ones too, as evidence. One path for one scan and for 10,000: verify cards (once per distinct
 * card), load sessions, people and enrollments in a few queries, then insert in one transaction.
 * The partial unique index on check_in keeps exactly one attendance per person and session, whatever
 * the order, repetition or concurrency of uploads; a resent client scan id gets its first answer.
 */
public final class CheckInService {
    private final DSLContext dsl;
    private final AttendanceRepository repository;
    private final CardService cards;
    private final Duration clockTolerance;

    public CheckInService(DSLContext dsl, CardService cards, Duration clockTolerance) {
        this.dsl = dsl;
        this.repository = new AttendanceRepository(dsl);
        this.cards = cards;
        this.clockTolerance = clockTolerance;
    }

    /** This service working inside the transaction tx (its own transactions become savepoints). */
    public CheckInService within(DSLContext tx) {
        return new CheckInService(tx, cards, clockTolerance);
    }

    /** One live scan: an unknown or unscannable session is a 404. */
    public ScanResult checkIn(Caller caller, Scan scan) {
        ScanResult result = process(caller, List.of(scan), null).get(0);
        if (Outcome.UNKNOWN_SESSION.equals(result.outcome())) {
            throw ApiException.notFound();
        }
        return result;
    }

    /**
     * Scans in any order, for any sessions; answers in the same order. sentAt is the phone's clock
     * when it sent the batch: with it, a phone clock that is off is measured and corrected for.
     */
    public List<ScanResult> process(Caller caller, List<Scan> scans, OffsetDateTime sentAt) {
        OffsetDateTime receivedAt = storable(OffsetDateTime.now());
        Duration skew = sentAt == null ? null : Duration.between(receivedAt, sentAt);
        boolean clockOff = skew != null && skew.abs().compareTo(clockTolerance) > 0;

        Map<UUID, SessionContext> sessions = repository.scannableSessions(caller,
                scans.stream().map(Scan::sessionId).collect(Collectors.toSet()));
        // One decision per client scan id; a scan stored before is not inserted again (on conflict
        // do nothing), and its stored answer comes back.
        List<Scan> fresh = scans.stream()
                .filter(s -> sessions.containsKey(s.sessionId()))
                .collect(Collectors.toMap(Scan::clientScanId, s -> s, (a, b) -> a, LinkedHashMap::new))
                .values().stream().toList();
        Decisions decided = decide(caller, fresh, sessions, receivedAt, skew, clockOff);
        List<UUID> scanIds = scans.stream().map(Scan::clientScanId).toList();
        Map<UUID, ScanResult> answers = storeWithRetry(decided, scanIds);

        // A resent scan may name a session other than the stored one: answer only if that one is scannable too.
        Set<UUID> storedSessions = answers.values().stream().map(a -> a.checkIn().sessionId())
                .filter(id -> !sessions.containsKey(id)).collect(Collectors.toSet());
        if (!storedSessions.isEmpty()) {
            sessions.putAll(repository.scannableSessions(caller, storedSessions));
        }
        List<ScanResult> results = new ArrayList<>(scans.size());
        for (Scan scan : scans) {
            ScanResult answer = answers.get(scan.clientScanId());
            results.add(answer == null || !sessions.containsKey(answer.checkIn().sessionId())
                    ? ScanResult.unknownSession(scan.clientScanId()) : answer);
        }
        return results;
    }

    /** The stored answers to these client scan ids, for scans of sessions the caller may scan. */
    public List<ScanResult> stored(Caller caller, List<UUID> scanIds) {
        Map<UUID, ScanResult> answers = repository.answers(dsl, scanIds, Set.of());
        Set<UUID> scannable = repository.scannableSessions(caller,
                answers.values().stream().map(a -> a.checkIn().sessionId()).collect(Collectors.toSet())).keySet();
        return scanIds.stream().filter(id -> answers.containsKey(id)
                && scannable.contains(answers.get(id).checkIn().sessionId())).map(answers::get).toList();
    }

    /** The decided rows, and the people they name (with merges followed). */
    private record Decisions(List<CheckInRecord> rows, Map<UUID, AttendanceRepository.ParticipantRow> people) {
    }

    private Decisions decide(Caller caller, List<Scan> scans, Map<UUID, SessionContext> sessions,
                             OffsetDateTime receivedAt, Duration skew, boolean clockOff) {
        // Each distinct card is verified once (a batch repeats the same few hundred cards); a batch on
        // all cores, a live scan on its own thread.
        var cardStream = scans.stream().map(Scan::qr).filter(q -> q != null).distinct();
        Map<String, Optional<CardService.VerifiedCard>> verified = (scans.size() > 1 ? cardStream.parallel() : cardStream)
                .collect(Collectors.toConcurrentMap(Function.identity(), cards::verify));

        Set<UUID> named = new HashSet<>();
        for (Scan s : scans) {
            if (s.qr() != null) {
                verified.get(s.qr()).ifPresent(c -> named.add(c.participantId()));
            } else {
                named.add(s.participantId());
            }
        }
        Set<UUID> courseIds = sessions.values().stream().map(SessionContext::courseId).collect(Collectors.toSet());
        Map<UUID, AttendanceRepository.ParticipantRow> people = repository.people(named, courseIds, sessions.keySet());

        List<CheckInRecord> rows = new ArrayList<>();
        for (Scan scan : scans) {
            SessionContext session = sessions.get(scan.sessionId());
            // judge by the phone's clock, corrected when the batch showed how far off it is
            OffsetDateTime judgedAt = skew == null ? scan.scannedAt() : scan.scannedAt().minus(skew);
            boolean suspect = clockOff || judgedAt.isAfter(receivedAt.plus(clockTolerance));
            CheckInRecord row = new CheckInRecord();
            row.setProvinceCode(session.provinceCode());
            row.setClientScanId(scan.clientScanId());
            row.setSessionId(session.sessionId());
            row.setMethod(scan.method());
            row.setScannedAt(storable(scan.scannedAt()));
            row.setReceivedAt(receivedAt);
            row.setClockSuspect(suspect);
            row.setDeviceId(scan.deviceId());
            row.setScannedBy(caller.userId());

            UUID personId;
            if (scan.qr() != null) {
                Optional<CardService.VerifiedCard> card = verified.get(scan.qr());
                if (card.isEmpty() || !card.get().provinceCode().equals(session.provinceCode())) {
                    rows.add(refused(row, Outcome.INVALID_CARD, null));
                    continue;
                }
                row.setCardVersion(card.get().version());
                personId = card.get().participantId();
                AttendanceRepository.ParticipantRow holder = people.get(personId);
                if (holder != null && holder.revokedCardVersions().contains(card.get().version())) {
                    rows.add(refused(row, Outcome.REVOKED_CARD, resolve(people, personId, session)));
                    continue;
                }
            } else {
                personId = scan.participantId();
            }
            UUID person = resolve(people, personId, session);
            if (!session.accepts(judgedAt, clockTolerance)) {
                rows.add(refused(row, Outcome.SESSION_NOT_OPEN, person));
            } else if (person == null || !people.get(person).enrolledIn().contains(session.courseId())) {
                rows.add(refused(row, Outcome.NOT_ENROLLED, person));
            } else if (people.get(person).attendedSessions().contains(session.sessionId())) {
                rows.add(refused(row, Outcome.ALREADY_CHECKED_IN, person));
            } else {
                row.setParticipantId(person);
                row.setOutcome(Outcome.ACCEPTED);
                rows.add(row);
            }
        }
        return new Decisions(rows, people);
    }

    /**
     * A time as the database keeps it (microseconds, UTC), so that the answer given now and the one
     * rebuilt from the stored row for a resent scan are the same.
     */
    private static OffsetDateTime storable(OffsetDateTime time) {
        return time.truncatedTo(ChronoUnit.MICROS).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The record a person's card or id stands for today (following merges), if of the session's province. */
    private static UUID resolve(Map<UUID, AttendanceRepository.ParticipantRow> people, UUID id, SessionContext session) {
        AttendanceRepository.ParticipantRow row = people.get(id);
        for (int depth = 0; row != null && row.mergedInto() != null && depth < 5; depth++) {
            row = people.get(row.mergedInto());
        }
        return row == null || !row.provinceCode().equals(session.provinceCode()) ? null : row.id();
    }

    private static CheckInRecord refused(CheckInRecord row, String outcome, UUID person) {
        row.setOutcome(outcome);
        row.setParticipantId(person);
        return row;
    }

    private Map<UUID, ScanResult> storeWithRetry(Decisions decided, List<UUID> scanIds) {
        for (int attempt = 1; ; attempt++) {
            try {
                return dsl.transactionResult(trx -> store(trx.dsl(), decided, scanIds));
            } catch (DataAccessException e) {
                // two uploads touching the same people in another order can deadlock: try again
                if (attempt >= 3 || !"40P01".equals(e.sqlState())) {
                    throw e;
                }
            }
        }
    }

    private Map<UUID, ScanResult> store(DSLContext tx, Decisions decided, List<UUID> scanIds) {
        // A repeat decided before the transaction stays one only if that attendance is still there:
        // if it was undone (or moved by a merge) in between, the scan is a candidate attendance again.
        List<CheckInRecord> decidedRepeats = decided.rows().stream()
                .filter(r -> Outcome.ALREADY_CHECKED_IN.equals(r.getOutcome())).toList();
        Map<String, ScanResult.FirstCheckIn> firstCheckIns = new HashMap<>(attendancesOf(tx, decidedRepeats));
        decidedRepeats.stream().filter(r -> !firstCheckIns.containsKey(pair(r)))
                .forEach(r -> r.setOutcome(Outcome.ACCEPTED));

        // Within the batch, the earliest scan of a person at a session is the candidate attendance.
        Map<String, CheckInRecord> candidates = new HashMap<>();
        List<CheckInRecord> others = new ArrayList<>();
        decided.rows().stream()
                .sorted(Comparator.comparing(CheckInRecord::getScannedAt).thenComparing(CheckInRecord::getClientScanId))
                .forEach(r -> {
                    if (Outcome.ACCEPTED.equals(r.getOutcome()) && candidates.putIfAbsent(pair(r), r) != null) {
                        r.setOutcome(Outcome.ALREADY_CHECKED_IN);
                    }
                    if (!Outcome.ACCEPTED.equals(r.getOutcome())) {
                        others.add(r);
                    }
                });
        // Same lock order in every transaction: by session, then person.
        List<CheckInRecord> accepted = candidates.values().stream()
                .sorted(Comparator.comparing(CheckInRecord::getSessionId).thenComparing(CheckInRecord::getParticipantId))
                .toList();
        Map<UUID, UUID> inserted = new HashMap<>(repository.insertSkippingConflicts(tx, accepted));

        // Candidates that lost to an attendance already stored (or stored concurrently) are repeats.
        List<CheckInRecord> lost = accepted.stream().filter(r -> !inserted.containsKey(r.getClientScanId())).toList();
        Set<UUID> resentMeanwhile = repository.storedScanIds(tx, lost.stream().map(CheckInRecord::getClientScanId).toList());
        for (CheckInRecord r : lost) {
            if (!resentMeanwhile.contains(r.getClientScanId())) {
                r.setOutcome(Outcome.ALREADY_CHECKED_IN);
                others.add(r);
            }
        }
        List<CheckInRecord> repeats = others.stream()
                .filter(r -> Outcome.ALREADY_CHECKED_IN.equals(r.getOutcome())).toList();
        firstCheckIns.putAll(attendancesOf(tx, repeats.stream().filter(r -> !firstCheckIns.containsKey(pair(r))).toList()));
        repeats.forEach(r -> {
            ScanResult.FirstCheckIn first = firstCheckIns.get(pair(r));
            r.setFirstCheckInId(first == null ? null : first.id());
        });
        others.sort(Comparator.comparing(CheckInRecord::getClientScanId));
        inserted.putAll(repository.insertSkippingConflicts(tx, others));

        // Rows stored just now are answered from memory; scans stored by an earlier upload are read back.
        Map<UUID, ScanResult> answers = new HashMap<>();
        for (CheckInRecord r : decided.rows()) {
            UUID checkInId = inserted.get(r.getClientScanId());
            if (checkInId != null) {
                answers.put(r.getClientScanId(), answer(r, checkInId, decided.people().get(r.getParticipantId()),
                        r.getFirstCheckInId() == null ? null : firstCheckIns.get(pair(r))));
            }
        }
        List<UUID> unanswered = scanIds.stream().filter(id -> !answers.containsKey(id)).distinct().toList();
        if (!unanswered.isEmpty()) {
            answers.putAll(repository.answers(tx, unanswered, inserted.keySet()));
        }
        return answers;
    }

    /** The live attendances of the (session, person) pairs of these rows, by "session/person". */
    private Map<String, ScanResult.FirstCheckIn> attendancesOf(DSLContext tx, List<CheckInRecord> rows) {
        return repository.attendances(tx, rows.stream().map(CheckInRecord::getSessionId).collect(Collectors.toSet()),
                rows.stream().map(CheckInRecord::getParticipantId).collect(Collectors.toSet()));
    }

    /** The answer to a scan stored just now, as {@link AttendanceRepository#answers} would rebuild it. */
    private static ScanResult answer(CheckInRecord r, UUID checkInId, AttendanceRepository.ParticipantRow person,
                                     ScanResult.FirstCheckIn first) {
        return new ScanResult(r.getClientScanId(), r.getOutcome(), new ScanResult.CheckIn(checkInId, r.getSessionId(),
                r.getParticipantId(), r.getOutcome(), r.getMethod(), r.getScannedAt(), r.getReceivedAt(),
                r.getDeviceId(), r.getClockSuspect()),
                person == null ? null : new ScanResult.Person(person.id(), person.fullName(), person.unitCode()),
                first, false);
    }

    private static String pair(CheckInRecord r) {
        return r.getSessionId() + "/" + r.getParticipantId();
    }
}
