package vn.bdg.registry.attendance;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.card.CardService;
import vn.bdg.registry.participant.MergedRecords;
import vn.bdg.registry.db.tables.records.CheckInRecord;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Json;
import vn.bdg.registry.web.Turns;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /**
     * A scan sent later (a walk-in queued offline): sentAt, the phone's clock when sending, and
     * arrivedAt, when its request came in, as for a batch.
     */
    ScanResult checkIn(Caller caller, Scan scan, OffsetDateTime sentAt, OffsetDateTime arrivedAt) {
        return liveAnswer(process(caller, List.of(scan), sentAt, arrivedAt).get(0));
    }

    /** A live scan's answer: a session the caller may not scan (or that does not exist) is a 404. */
    static ScanResult liveAnswer(ScanResult result) {
        if (Outcome.UNKNOWN_SESSION.equals(result.outcome())) {
            throw ApiException.notFound();
        }
        return result;
    }

    /**
     * Scans in any order, for any sessions; answers in the same order. sentAt is the phone's clock
     * when it sent the batch: with it, a phone clock that is off is measured and corrected for.
     * arrivedAt is when the request that carried the scans came in, which
     * sentAt is compared with. Not the time they are stored: an upload on a slow link, or one that
     * waited its turn, comes in whole seconds or minutes after the phone sent it, and measured
     * against its end a phone whose clock is right would look that much behind, and every scan
     * of it be judged (late, or outside the window) that much later than it was made.
     */
    public List<ScanResult> process(Caller caller, List<Scan> scans, OffsetDateTime sentAt, OffsetDateTime arrivedAt) {
        return process(scans.stream().map(s -> new Submitted(caller, s)).toList(), sentAt, arrivedAt);
    }

    /** A scan and who sent it: live scans of several trainers are stored together (see LiveScans). */
    public record Submitted(Caller caller, Scan scan) {
    }

    /**
     * Live scans of one or several callers (no sentAt: made as they are sent), each judged by what
     * its caller may scan; answers in the same order.
     */
    public List<ScanResult> process(List<Submitted> submitted) {
        return process(submitted, null, null);
    }

    private List<ScanResult> process(List<Submitted> submitted, OffsetDateTime sentAt, OffsetDateTime arrivedAt) {
        OffsetDateTime receivedAt = storable(OffsetDateTime.now());
        Duration skew = skew(sentAt, arrivedAt); // live scans have neither
        boolean clockOff = skew != null && skew.abs().compareTo(clockTolerance) > 0;

        Scannable scannable = new Scannable();
        scannable.load(submitted.stream().map(s -> Map.entry(s.caller(), s.scan().sessionId())).toList());
        // One decision per client scan id; a scan stored before is not inserted again (on conflict
        // do nothing), and its stored answer comes back.
        List<Submitted> fresh = submitted.stream()
                .filter(s -> scannable.session(s.caller(), s.scan().sessionId()) != null)
                .collect(Collectors.toMap(s -> s.scan().clientScanId(), s -> s, (a, b) -> a, LinkedHashMap::new))
                .values().stream().toList();
        List<UUID> scanIds = submitted.stream().map(s -> s.scan().clientScanId()).toList();
        Map<UUID, ScanResult> answers = decideAndStore(fresh, scannable, receivedAt, skew, clockOff, scanIds);

        // A resent scan may name a session other than the stored one: answer only if that one is scannable too.
        scannable.load(submitted.stream().filter(s -> answers.containsKey(s.scan().clientScanId()))
                .map(s -> Map.entry(s.caller(), answers.get(s.scan().clientScanId()).checkIn().sessionId())).toList());
        List<ScanResult> results = new ArrayList<>(submitted.size());
        for (Submitted s : submitted) {
            ScanResult answer = answers.get(s.scan().clientScanId());
            results.add(answer == null || scannable.session(s.caller(), answer.checkIn().sessionId()) == null
                    ? ScanResult.unknownSession(s.scan().clientScanId()) : answer.forPhone());
        }
        return results;
    }

    /** The sessions each caller may scan, among those asked about so far (one query per caller and call of load). */
    private final class Scannable {
        private final Map<UUID, Map<UUID, SessionContext>> byUser = new HashMap<>();

        void load(List<Map.Entry<Caller, UUID>> wanted) {
            Map<Caller, Set<UUID>> missing = new LinkedHashMap<>();
            for (Map.Entry<Caller, UUID> w : wanted) {
                if (!byUser.computeIfAbsent(w.getKey().userId(), k -> new HashMap<>()).containsKey(w.getValue())) {
                    missing.computeIfAbsent(w.getKey(), k -> new HashSet<>()).add(w.getValue());
                }
            }
            missing.forEach((caller, ids) -> byUser.get(caller.userId())
                    .putAll(repository.scannableSessions(caller, ids)));
        }

        SessionContext session(Caller caller, UUID sessionId) {
            return byUser.getOrDefault(caller.userId(), Map.of()).get(sessionId);
        }

        Set<SessionContext> all() {
            Set<SessionContext> all = new HashSet<>();
            byUser.values().forEach(m -> all.addAll(m.values()));
            return all;
        }
    }

    /**
     * Within a transaction (see within): holds this client scan id until the transaction ends, so
     * that a request sending the same scan meanwhile waits, then finds it stored.
     */
    void holdScanId(UUID clientScanId) {
        repository.holdScanId(dsl, clientScanId);
    }

    /**
     * The stored answers to these client scan ids, for scans of sessions the caller may scan, as the
     * phone gets them (see ScanResult.forPhone): a resend by another path tells no more than process.
     */
    public List<ScanResult> stored(Caller caller, List<UUID> scanIds) {
        Map<UUID, ScanResult> answers = repository.answers(dsl, scanIds, Set.of());
        Set<UUID> scannable = repository.scannableSessions(caller,
                answers.values().stream().map(a -> a.checkIn().sessionId()).collect(Collectors.toSet())).keySet();
        return scanIds.stream().filter(id -> answers.containsKey(id)
                && scannable.contains(answers.get(id).checkIn().sessionId()))
                .map(id -> answers.get(id).forPhone()).toList();
    }

    /** The decided rows, and the people they name (with merges followed). */
    private record Decisions(List<CheckInRecord> rows, Map<UUID, AttendanceRepository.ParticipantRow> people) {
    }

    private Decisions decide(List<Submitted> submitted, Scannable scannable, OffsetDateTime receivedAt, Duration skew,
                             boolean clockOff) {
        List<Scan> scans = submitted.stream().map(Submitted::scan).toList();
        // Each distinct card is verified once (a batch repeats the same few hundred cards); many on
        // all cores, one on its own thread.
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
        Set<SessionContext> sessions = scannable.all();
        Map<UUID, AttendanceRepository.ParticipantRow> people = repository.people(named,
                sessions.stream().map(SessionContext::courseId).collect(Collectors.toSet()));

        List<CheckInRecord> rows = new ArrayList<>();
        for (Submitted s : submitted) {
            Scan scan = s.scan();
            SessionContext session = scannable.session(s.caller(), scan.sessionId());
            OffsetDateTime corrected = judgedAt(scan.scannedAt(), skew);
            boolean suspect = clockOff || corrected.isAfter(receivedAt.plus(clockTolerance));
            OffsetDateTime judgedAt = noLaterThanReceipt(corrected, receivedAt, clockTolerance);
            CheckInRecord row = new CheckInRecord();
            row.setProvinceCode(session.provinceCode());
            row.setClientScanId(scan.clientScanId());
            row.setSessionId(session.sessionId());
            row.setMethod(scan.method());
            row.setScannedAt(storable(scan.scannedAt()));
            row.setJudgedAt(storable(judgedAt));
            row.setReceivedAt(receivedAt);
            row.setClockSuspect(suspect);
            row.setDeviceId(scan.deviceId());
            row.setScannedBy(s.caller().userId());

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
                OffsetDateTime revokedAt = holder == null ? null : holder.revokedCards().get(card.get().version());
                // a card counts until it is revoked: a scan made before (offline, the phone's kit
                // without the revocation) stands, unless its time is suspect or within the
                // tolerance of the revocation
                if (revokedAt != null && (suspect || !judgedAt.isBefore(revokedAt.minus(clockTolerance)))) {
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
            } else {
                row.setParticipantId(person);
                row.setOutcome(Outcome.ACCEPTED);
                rows.add(row);
            }
        }
        return new Decisions(rows, people);
    }

    /**
     * How far the phone's clock is ahead of the server's: its clock when it sent (sentAt) against
     * the server's when the request came in (null: not known).
     */
    static Duration skew(OffsetDateTime sentAt, OffsetDateTime arrivedAt) {
        return sentAt == null ? null : Duration.between(arrivedAt, sentAt);
    }

    /** How many times scans are decided and stored when a transaction cannot store them as decided. */
    private static final int MAX_ATTEMPTS = 3;

    private static final OffsetDateTime EARLIEST = OffsetDateTime.of(Json.FIRST_YEAR, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime LATEST = OffsetDateTime.of(Json.LAST_YEAR, 12, 31, 23, 59, 59, 0,
            ZoneOffset.UTC);

    /**
     * The time a scan is judged by: the phone's clock, corrected when the batch showed how far off
     * it is. A correction that leaves the years a time may have (a phone whose clock said 9999 when
     * it sent scans of year 1) stops at their edge: far outside any session, as the scan is.
     */
    static OffsetDateTime judgedAt(OffsetDateTime scannedAt, Duration skew) {
        if (skew == null) {
            return scannedAt;
        }
        Instant judged = scannedAt.toInstant().minus(skew);
        if (judged.isBefore(EARLIEST.toInstant())) {
            return EARLIEST;
        }
        return judged.isAfter(LATEST.toInstant()) ? LATEST : scannedAt.minus(skew);
    }

    /**
     * A scan cannot have been made after the server received it. A time later than its receipt by
     * more than the tolerance comes from a phone clock running ahead (uncorrected: a live scan, or
     * a batch without sentAt), so the scan is judged as made when received: never accepted for a
     * session that had not opened by then, however its phone dated it.
     */
    static OffsetDateTime noLaterThanReceipt(OffsetDateTime judgedAt, OffsetDateTime receivedAt, Duration tolerance) {
        return judgedAt.isAfter(receivedAt.plus(tolerance)) ? receivedAt : judgedAt;
    }

    /**
     * A time as the database keeps it (microseconds, UTC), so that the answer given now and the one
     * rebuilt from the stored row for a resent scan are the same.
     */
    private static OffsetDateTime storable(OffsetDateTime time) {
        return time.truncatedTo(ChronoUnit.MICROS).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /**
     * The record a person's card or id stands for today (following merges as far as the roster's
     * aliases do, MergedRecords.MAX_CHAIN, so a phone judges the same), if of the session's province.
     */
    private static UUID resolve(Map<UUID, AttendanceRepository.ParticipantRow> people, UUID id, SessionContext session) {
        AttendanceRepository.ParticipantRow row = people.get(id);
        for (int depth = 0; row != null && row.mergedInto() != null && depth < MergedRecords.MAX_CHAIN; depth++) {
            row = people.get(row.mergedInto());
        }
        return row == null || !row.provinceCode().equals(session.provinceCode()) ? null : row.id();
    }

    private static CheckInRecord refused(CheckInRecord row, String outcome, UUID person) {
        row.setOutcome(outcome);
        row.setParticipantId(person);
        return row;
    }

    /**
     * Decides the scans and stores them in one transaction. A transaction that cannot store them as
     * decided (a person merged meanwhile; a deadlock with an upload touching the same people in
     * another order) leaves nothing, and the scans are decided afresh: its rows carry what it
     * decided, such as repeats of attendances it inserted and then lost.
     */
    private Map<UUID, ScanResult> decideAndStore(List<Submitted> fresh, Scannable scannable, OffsetDateTime receivedAt,
                                                 Duration skew, boolean clockOff, List<UUID> scanIds) {
        for (int attempt = 1; ; attempt++) {
            Decisions decided = decide(fresh, scannable, receivedAt, skew, clockOff);
            try {
                return dsl.transactionResult(trx -> store(trx.dsl(), decided, scanIds));
            } catch (SessionsDeletedMeanwhile e) {
                // their scans are left unanswered (unknown_session; a live scan: 404), as when the
                // session was deleted before they came: nothing can be recorded at it any more
                fresh = fresh.stream().filter(s -> !e.sessions.contains(s.scan().sessionId())).toList();
                attempt--; // not a contention: each session is deleted once
            } catch (MergedMeanwhile e) {
                // the same people merged each time is not to be waited out: the phone sends again
                if (attempt >= MAX_ATTEMPTS) {
                    throw Turns.busy();
                }
            } catch (DataAccessException e) {
                if (attempt >= MAX_ATTEMPTS || !"40P01".equals(e.sqlState())) {
                    throw e;
                }
            }
        }
    }

    /** A person a pass decided for was merged into another record before the pass was stored. */
    private static final class MergedMeanwhile extends RuntimeException {
        MergedMeanwhile() {
            super(null, null, false, false);
        }
    }

    /** A session a pass decided for was deleted before the pass was stored. */
    private static final class SessionsDeletedMeanwhile extends RuntimeException {
        private final Set<UUID> sessions;

        SessionsDeletedMeanwhile(Set<UUID> sessions) {
            super(null, null, false, false);
            this.sessions = sessions;
        }
    }

    private Map<UUID, ScanResult> store(DSLContext tx, Decisions decided, List<UUID> scanIds) {
        // The sessions first (held until the scans are stored, as their foreign key would): a
        // session's delete under way is waited for, and one deleted is told apart from a failure.
        Set<UUID> sessions = decided.rows().stream().map(CheckInRecord::getSessionId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Set<UUID> gone = new HashSet<>(sessions);
        gone.removeAll(repository.holdSessions(tx, sessions));
        if (!gone.isEmpty()) {
            throw new SessionsDeletedMeanwhile(gone);
        }
        // The people as decided (merges followed) are held until the scans are stored: a merge
        // waits for them and then moves their scans too. One merged since it was read is decided
        // again (one read as merged, at the end of a chain longer than merges are followed, stays
        // as decided: not_enrolled, as on the phone).
        Set<UUID> named = decided.rows().stream().map(CheckInRecord::getParticipantId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        if (repository.holdPeople(tx, named).stream().anyMatch(id -> decided.people().get(id).mergedInto() == null)) {
            throw new MergedMeanwhile();
        }
        // Within the batch, the earliest scan of a person at a session is the candidate attendance;
        // the later ones (contenders) wait behind it.
        Map<String, ArrayDeque<CheckInRecord>> contenders = new HashMap<>();
        List<CheckInRecord> others = new ArrayList<>();
        decided.rows().stream()
                .sorted(Comparator.comparing(CheckInRecord::getScannedAt).thenComparing(CheckInRecord::getClientScanId))
                .forEach(r -> {
                    if (Outcome.ACCEPTED.equals(r.getOutcome())) {
                        contenders.computeIfAbsent(pair(r), k -> new ArrayDeque<>()).add(r);
                    } else {
                        others.add(r);
                    }
                });
        Map<String, ScanResult.FirstCheckIn> firstCheckIns = new HashMap<>();
        Map<UUID, UUID> inserted = new HashMap<>();
        List<CheckInRecord> candidates = contenders.values().stream().map(ArrayDeque::poll).toList();
        while (!candidates.isEmpty()) {
            // A candidate whose person already attended the session is a repeat, known before its
            // insert (two statements fewer than by the insert's conflict, which stays the guard
            // against scans stored concurrently).
            Map<String, ScanResult.FirstCheckIn> attended = repository.attendances(tx, candidates);
            firstCheckIns.putAll(attended);
            // Same lock order in every transaction: by session, then person.
            List<CheckInRecord> accepted = candidates.stream().filter(r -> !attended.containsKey(pair(r)))
                    .sorted(Comparator.comparing(CheckInRecord::getSessionId).thenComparing(CheckInRecord::getParticipantId))
                    .toList();
            inserted.putAll(repository.insertSkippingConflicts(tx, accepted));
            Set<UUID> storedBefore = repository.storedScanIds(tx, accepted.stream()
                    .map(CheckInRecord::getClientScanId).filter(id -> !inserted.containsKey(id)).toList());
            List<CheckInRecord> next = new ArrayList<>();
            for (CheckInRecord r : candidates) {
                if (storedBefore.contains(r.getClientScanId())) {
                    // sent again: it keeps its stored answer, and the attendance is still to be
                    // decided, by the next scan of the pair if there is one (the stored one may have
                    // been refused, or undone since)
                    Optional.ofNullable(contenders.get(pair(r)).poll()).ifPresent(next::add);
                } else if (!inserted.containsKey(r.getClientScanId())) {
                    // its person attended the session already, or another scan stored it meanwhile
                    r.setOutcome(Outcome.ALREADY_CHECKED_IN);
                    others.add(r);
                }
            }
            candidates = next;
        }
        contenders.values().forEach(later -> later.forEach(r -> {
            r.setOutcome(Outcome.ALREADY_CHECKED_IN);
            others.add(r);
        }));
        List<CheckInRecord> repeats = others.stream()
                .filter(r -> Outcome.ALREADY_CHECKED_IN.equals(r.getOutcome())).toList();
        firstCheckIns.putAll(repository.attendances(tx, repeats.stream().filter(r -> !firstCheckIns.containsKey(pair(r))).toList()));
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

    /** The answer to a scan stored just now, as {@link AttendanceRepository#answers} would rebuild it. */
    private static ScanResult answer(CheckInRecord r, UUID checkInId, AttendanceRepository.ParticipantRow person,
                                     ScanResult.FirstCheckIn first) {
        return new ScanResult(r.getClientScanId(), r.getOutcome(), new ScanResult.CheckIn(checkInId, r.getSessionId(),
                r.getParticipantId(), r.getOutcome(), r.getMethod(), r.getScannedAt(), r.getReceivedAt(),
                r.getDeviceId(), r.getClockSuspect(), null),
                person == null ? null : new ScanResult.Person(person.id(), person.fullName(), person.unitCode()),
                first, false);
    }

    private static String pair(CheckInRecord r) {
        return r.getSessionId() + "/" + r.getParticipantId();
    }
}
