package vn.bdg.registry.participant;

import com.fasterxml.jackson.core.type.TypeReference;
import org.jooq.Condition;
import org.jooq.DSLContext;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.catalog.Catalogs;
import vn.bdg.registry.db.tables.records.EnrollmentRecord;
import vn.bdg.registry.db.tables.records.ParticipantRecord;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.Json;
import vn.bdg.registry.web.Page;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.web.Versioned;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import static vn.bdg.registry.db.Tables.PARTICIPANT;

/** Rules and transactions for participants: scope, duplicate flags, search and merge. */
final class ParticipantService {
    /** A query made only of digits and phone punctuation is a phone or national ID number, not a name. */
    private static final Pattern NUMBER_QUERY = Pattern.compile("[+\\d\\s\\p{Z}.\\-()]*\\d[+\\d\\s\\p{Z}.\\-()]*");
    private static final String LIST_CURSOR = "l";
    private static final String SEARCH_CURSOR = "s";
    /** Deep pages of a relevance search are not served: refine the query or filter by unit instead. */
    private static final int MAX_SEARCH_OFFSET = 10_000;

    /** The audit log's fields holding sensitive data (ethnicity), cleared when its consent is withdrawn. */
    private static final Set<String> SENSITIVE_AUDIT_FIELDS = Set.of("ethnicityCode", "ethnicity_code");

    /** One likely duplicate of a participant and why (DuplicateCandidate). */
    record DuplicateCandidate(Participant participant, List<Duplicates.Reason> reasons) {
    }

    /** The outcome of a merge (MergeResult). */
    record MergeResult(Participant kept, UUID mergedId, int movedEnrollments) {
    }

    private final DSLContext dsl;
    private final ParticipantRepository participants;
    private final ParticipantRules rules;
    private final NationalIdHasher hasher;
    private final Catalogs catalogs;
    private final UnitRepository units;
    private final AuditLog audit;

    ParticipantService(DSLContext dsl, ParticipantRepository participants, ParticipantRules rules,
                       NationalIdHasher hasher, Catalogs catalogs, UnitRepository units, AuditLog audit) {
        this.dsl = dsl;
        this.participants = participants;
        this.rules = rules;
        this.hasher = hasher;
        this.catalogs = catalogs;
        this.units = units;
        this.audit = audit;
    }

    static Condition scope(Caller caller) {
        return caller.scope(PARTICIPANT.PROVINCE_CODE, PARTICIPANT.UNIT_CODE);
    }

    /** The participant and its version (the ETag). */
    Versioned<Participant> get(Caller caller, UUID id) {
        return Versioned.of(participants.find(scope(caller), id).map(ParticipantRepository::toParticipant)
                .orElseThrow(ApiException::notFound));
    }

    Participant create(Caller caller, ParticipantInput input) {
        ParticipantData data = checked(caller, input);
        String nameKey = participants.nameKeys(List.of(data.fullName())).get(0);
        UUID id = UUID.randomUUID();
        return dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            Duplicates.Person person = person(id, data, nameKey);
            // the same person created at the same time by someone else is flagged, not missed
            participants.holdMatchingKeys(tx, caller.provinceCode(), person);
            UUID duplicateOf = likelyDuplicateOf(tx, caller, person, null);
            participants.insert(tx, caller.provinceCode(),
                    List.of(new ParticipantRepository.NewParticipant(id, data, duplicateOf)));
            Participant created = ParticipantRepository.toParticipant(
                    participants.find(tx, scope(caller), id).orElseThrow());
            audit.record(tx, caller, "create", "participant", id, null, audited(created));
            return created;
        });
    }

    /**
     * A participant as the audit log keeps it: phone, birth date and ethnicity (personal data, the
     * last sensitive) as keyed fingerprints, so an entry shows that one changed without keeping
     * either value in a log that outlives corrections.
     */
    private Map<String, Object> audited(Participant p) {
        Map<String, Object> entry = Json.MAPPER.convertValue(p, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        for (String personal : List.of("phone", "birthDate", "ethnicityCode")) {
            Object value = entry.get(personal);
            if (value != null) {
                entry.put(personal, hasher.fingerprint(value.toString()));
            }
        }
        return entry;
    }

    /** This service working inside the transaction tx (its own transactions become savepoints). */
    ParticipantService within(DSLContext tx) {
        return new ParticipantService(tx, new ParticipantRepository(tx), rules, hasher, catalogs, units, audit);
    }

    /**
     * Someone who turned up uninvited: the record they most likely are (the duplicate rules,
     * uncontradicted; a national ID by other names too, see Duplicates.best), or a new record. Answers the record and, when found, by what it matched.
     * A consent and a unit given at the walk-in are recorded on a found record that has none (see
     * ParticipantRepository.recordFirstConsents and recordFirstUnits); nothing else of the details
     * changes it.
     * Within a transaction (see within): the same person registered at the same time by another
     * phone waits for it, then matches its record.
     */
    ParticipantRegistry.Registered findOrCreate(Caller caller, ParticipantInput input) {
        ParticipantData data = checked(caller, input);
        String nameKey = participants.nameKeys(List.of(data.fullName())).get(0);
        Duplicates.Person person = person(null, data, nameKey);
        participants.holdMatchingKeys(dsl, caller.provinceCode(), person);
        List<Duplicates.Person> found = candidates(dsl, caller, person, null).stream()
                .map(ParticipantRepository::toPerson).toList();
        Optional<Duplicates.Match> match = new Duplicates(found).best(person, true).filter(m -> !m.contradicted());
        if (match.isPresent()) {
            UUID id = match.get().person().id();
            Participant existing = get(caller, id).value();
            boolean consentRecorded = data.consent() != null
                    && !participants.recordFirstConsents(dsl, Map.of(id, data.consent())).isEmpty();
            Integer unitRecorded = data.unitCode() == null ? null
                    : participants.recordFirstUnits(dsl, Map.of(id, data.unitCode())).get(id);
            if (consentRecorded || unitRecorded != null) {
                Participant completed = get(caller, id).value();
                Map<String, Object> after = audited(completed);
                if (unitRecorded != null && unitRecorded > 0) {
                    // as an edit's entry: the courses that had no unit now count the person in this one
                    after.put("enrollmentsGivenTheUnit", unitRecorded);
                }
                audit.record(dsl, caller, "update", "participant", id, audited(existing), after);
                existing = completed;
            }
            return new ParticipantRegistry.Registered(existing, match.get().reason().matchedBy);
        }
        return new ParticipantRegistry.Registered(create(caller, input), null);
    }

    /**
     * Absent fields keep their value, null clears; the result is checked as a whole. A consent sent
     * replaces the one on record (recorded by the caller); one that does not cover sensitive data
     * clears the ethnicity in the same write. With ifMatch
     * (the If-Match header; null: none), only the version it names is changed, else 412. A new unit
     * is also the unit of the person's enrollments in courses not yet ended or with no unit;
     * unitCorrected: of all their enrollments, the unit sent (new or not) being the right one all
     * along (see ParticipantRepository.enrollmentsFollowUnit). The audit entry says how many changed.
     */
    Versioned<Participant> update(Caller caller, UUID id, String ifMatch, Bodies.Patch<ParticipantInput> patch,
                                  boolean unitCorrected) {
        ParticipantRecord current = participants.find(scope(caller), id).orElseThrow(ApiException::notFound);
        if (current.getErasedAt() != null) {
            throw ApiException.conflict("erased");
        }
        if (current.getMergedInto() != null) {
            throw merged(current);
        }
        ParticipantInput p = patch.value();
        if (patch.has("consent") && p.consent() == null) {
            throw ApiException.invalid("consent", "required"); // a consent is replaced, never removed
        }
        ParticipantInput merged = new ParticipantInput(
                patch.has("fullName") ? p.fullName() : current.getFullName(),
                patch.has("sex") ? p.sex() : current.getSex(),
                // a new birth date alone brings its year; a new year alone must agree with the kept date
                patch.has("birthYear") ? p.birthYear()
                        : patch.has("birthDate") && p.birthDate() != null ? null : current.getBirthYear(),
                patch.has("birthDate") ? p.birthDate() : current.getBirthDate(),
                patch.has("phone") ? p.phone() : current.getPhone(),
                patch.has("nationalId") ? p.nationalId() : null,
                patch.has("ethnicityCode") ? p.ethnicityCode() : current.getEthnicityCode(),
                patch.has("unitCode") ? p.unitCode() : current.getUnitCode(),
                patch.has("organization") ? p.organization() : current.getOrganization(),
                patch.has("position") ? p.position() : current.getPosition(),
                patch.has("targetGroups") ? p.targetGroups() : List.of(current.getTargetGroups()),
                patch.has("consent") ? p.consent() : null);
        ParticipantData checked = checked(caller, merged, ParticipantRepository.consent(current),
                patch.has("ethnicityCode"));
        ParticipantData data = patch.has("nationalId") ? checked
                : checked.withNationalId(ParticipantRepository.digest(current));
        String nameKey = participants.nameKeys(List.of(data.fullName())).get(0);
        Duplicates.Person asMatched = person(id, data, nameKey);
        return dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            // as a registration: a record it matches is not erased or merged away unseen meanwhile (a
            // flag naming it would outlive the erasure), and the same person registered at once is flagged
            participants.holdMatchingKeys(tx, caller.provinceCode(), asMatched);
            ParticipantRecord locked = participants.findForUpdate(tx, scope(caller), id)
                    .orElseThrow(ApiException::notFound);
            if (locked.getErasedAt() != null) {
                throw ApiException.conflict("erased"); // erased since it was checked
            }
            Participant before = Versioned.of(ParticipantRepository.toParticipant(locked))
                    .requireMatch(ifMatch).value();
            if (locked.getMergedInto() != null) {
                throw merged(locked);
            }
            if (!locked.getUpdatedAt().equals(current.getUpdatedAt())) {
                throw ApiException.conflict("conflict"); // changed since it was checked
            }
            UUID duplicateOf = flagAfterEdit(tx, caller, asMatched, locked);
            ParticipantRecord updated = participants.update(tx, id, data, duplicateOf);
            Participant after = ParticipantRepository.toParticipant(updated);
            Map<String, Object> afterEntry = audited(after);
            boolean unitSent = patch.has("unitCode");
            if (unitSent && (unitCorrected || !Objects.equals(locked.getUnitCode(), updated.getUnitCode()))) {
                int realigned = participants.enrollmentsFollowUnit(tx, List.of(id), unitCorrected,
                        caller.provinceWide() ? null : caller.unitScope()).getOrDefault(id, 0);
                if (realigned > 0) {
                    afterEntry.put("unitChange", unitCorrected ? "corrected" : "moved");
                    afterEntry.put("enrollmentsGivenTheUnit", realigned);
                }
            }
            Map<String, Object> beforeEntry = audited(before);
            if (patch.has("consent") && !data.consent().coversSensitiveData()) {
                // the ethnicity is kept only under a consent that covers it, and so are its fingerprints
                // (equal for equal values: with 54 of them, one person's known ethnicity tells the others'),
                // on the person's records merged into this one too
                List<UUID> person = List.copyOf(MergedRecords.withMerged(tx, caller.provinceCode(), id));
                participants.clearEthnicity(tx, person);
                audit.scrub(tx, caller.provinceCode(), person, List.of(), SENSITIVE_AUDIT_FIELDS, Erased.MARKER);
                beforeEntry.computeIfPresent("ethnicityCode", (k, v) -> Erased.MARKER);
            }
            audit.record(tx, caller, "update", "participant", id, beforeEntry, afterEntry);
            return Versioned.of(after);
        });
    }

    /**
     * Without q: in the order of a Vietnamese list (by given name), keyset-paginated. With q: a phone or national ID number (exact), or a
     * name (without diacritics, typos tolerated), best match first.
     */
    Page<Participant> list(Caller caller, String q, String unit, String targetGroup, PageRequest page) {
        if (targetGroup != null && !catalogs.contains(Catalogs.TARGET_GROUPS, targetGroup)) {
            throw ApiException.invalid("targetGroup", "unknown_code");
        }
        Condition filter = participants.listFilter(scope(caller), unit == null ? null : units.scopeOf(unit),
                targetGroup);
        if (q == null) {
            List<String> after = cursor(page, LIST_CURSOR);
            List<ParticipantRecord> rows = participants.list(filter, after == null ? null : after.get(1),
                    after == null ? null : cursorId(after), page.limit() + 1);
            return views(page.page(rows, r -> List.of(LIST_CURSOR, r.getListName(), r.getId().toString())),
                    r -> r);
        }
        // Search pages are by relevance, so the cursor is the offset of the next page.
        List<String> after = cursor(page, SEARCH_CURSOR);
        int offset = after == null ? 0 : cursorOffset(after);
        List<ParticipantRepository.Scored> rows;
        if (NUMBER_QUERY.matcher(q).matches()) {
            String phone = Phones.toE164(q).orElse(null);
            byte[] hmac = NationalId.parse(q).map(id -> hasher.digest(id).hmac()).orElse(null);
            rows = phone == null && hmac == null ? List.of()
                    : participants.searchExact(filter, phone, hmac, offset, page.limit() + 1);
        } else {
            rows = participants.searchByName(filter, q, offset, page.limit() + 1);
        }
        int next = offset + page.limit();
        return views(page.page(rows, s -> List.of(SEARCH_CURSOR, Integer.toString(next))),
                ParticipantRepository.Scored::participant);
    }

    /** Other live participants in the caller's scope that are likely the same person, with why. */
    List<DuplicateCandidate> duplicates(Caller caller, UUID id) {
        ParticipantRecord self = participants.find(scope(caller), id).orElseThrow(ApiException::notFound);
        Duplicates.Person me = ParticipantRepository.toPerson(self);
        List<DuplicateCandidate> found = new ArrayList<>();
        for (ParticipantRecord other : candidates(dsl, caller, me, null)) {
            List<Duplicates.Reason> reasons = Duplicates.reasons(me, ParticipantRepository.toPerson(other));
            if (!other.getId().equals(id) && !reasons.isEmpty()) {
                found.add(new DuplicateCandidate(ParticipantRepository.toParticipant(other).listed(), reasons));
            }
        }
        return found;
    }

    /** A merged record changes no more: the answer names the record it was merged into. */
    static ApiException merged(ParticipantRecord r) {
        return ApiException.conflict("merged", r.getId().toString(), r.getMergedInto().toString());
    }

    /**
     * Merges the duplicate into the kept record in one transaction (refused while both hold a valid
     * certificate of the same course: one is revoked first): its enrollments move (where
     * both were enrolled in a course, one enrollment stays: the kept one's, unless only the
     * duplicate's is still active), the kept record's empty fields are filled from it, flags that
     * named it now name the kept record, and it is marked merged_into.
     */
    MergeResult merge(Caller caller, UUID keptId, UUID duplicateId) {
        return dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            // first, before any record is locked: a registration or import matching either record is
            // waited for (or waits), and never applies a row to nor flags a duplicate of the merged record
            participants.holdAllRegistrations(tx, caller.provinceCode());
            // locked in the database's id order, as erasures and enrollments lock theirs, so that
            // none of them deadlocks with a merge (Java orders UUIDs otherwise: as signed numbers)
            Map<UUID, ParticipantRecord> locked = new HashMap<>();
            participants.lockAll(tx, scope(caller), List.of(keptId, duplicateId)).forEach(r -> locked.put(r.getId(), r));
            ParticipantRecord kept = locked.get(keptId);
            ParticipantRecord duplicate = locked.get(duplicateId);
            if (kept == null || duplicate == null) {
                throw ApiException.notFound();
            }
            if (keptId.equals(duplicateId)) {
                throw ApiException.conflict("same_record");
            }
            for (ParticipantRecord r : List.of(kept, duplicate)) {
                if (r.getMergedInto() != null) {
                    throw merged(r);
                }
            }
            if (kept.getErasedAt() != null || duplicate.getErasedAt() != null) {
                // nobody can tell any more that an erased record is the same person as another
                throw ApiException.conflict("erased");
            }
            // one person holds one valid certificate of a course: with one each (or through records
            // merged into them before), the merge would leave two, and the course's list only one
            List<String> twice = participants.liveCertificatesOfSameCourse(tx,
                    MergedRecords.withMerged(tx, caller.provinceCode(), keptId),
                    MergedRecords.withMerged(tx, caller.provinceCode(), duplicateId));
            if (!twice.isEmpty()) {
                throw ApiException.conflict("both_certified", String.join(", ", twice));
            }

            Map<UUID, EnrollmentRecord> keptByCourse = new HashMap<>();
            participants.enrollmentsForUpdate(tx, keptId).forEach(e -> keptByCourse.put(e.getCourseId(), e));
            List<EnrollmentRecord> dropped = new ArrayList<>();
            List<EnrollmentRecord> moved = new ArrayList<>();
            for (EnrollmentRecord e : participants.enrollmentsForUpdate(tx, duplicateId)) {
                EnrollmentRecord other = keptByCourse.get(e.getCourseId());
                if (other == null) {
                    moved.add(e);
                } else if (weight(e) > weight(other)) {
                    dropped.add(other);
                    moved.add(e);
                } else {
                    dropped.add(e);
                }
            }
            participants.deleteEnrollments(tx, dropped.stream().map(EnrollmentRecord::getId).toList());
            participants.moveEnrollments(tx, moved.stream().map(EnrollmentRecord::getId).toList(), keptId);
            int movedCheckIns = participants.moveAttendance(tx, duplicateId, keptId, caller.userId());

            ParticipantRecord mergedAfter = participants.markMerged(tx, duplicateId, keptId);
            List<UUID> reflagged = participants.repointDuplicateFlags(tx, caller.provinceCode(), duplicateId, keptId);
            UUID keptFlag = duplicateId.equals(kept.getDuplicateOf()) ? null : kept.getDuplicateOf();
            ParticipantRecord keptAfter = participants.update(tx, keptId,
                    absorb(ParticipantRepository.toData(kept), ParticipantRepository.toData(duplicate)), keptFlag);
            // the courses the person has yet to attend, the duplicate's among them, take the kept unit
            participants.enrollmentsFollowUnit(tx, List.of(keptId), false);
            participants.insertMerge(tx, caller.provinceCode(), keptId, duplicateId, moved.size(), caller.userId());
            audit.record(tx, caller, "merge", "check_in", duplicateId, Map.of("participantId", duplicateId),
                    Map.of("participantId", keptId, "movedCheckIns", movedCheckIns));

            Participant keptView = ParticipantRepository.toParticipant(keptAfter);
            List<Map<String, Object>> mergeEntries = List.of(audited(ParticipantRepository.toParticipant(kept)),
                    audited(keptView), audited(ParticipantRepository.toParticipant(duplicate)),
                    audited(ParticipantRepository.toParticipant(mergedAfter)));
            Consent consent = ParticipantRepository.consent(keptAfter);
            if (consent != null && !consent.coversSensitiveData()) {
                // the person's consent leaves out sensitive data: no ethnicity, on any of their records,
                // nor its fingerprints (see update)
                List<UUID> person = List.copyOf(MergedRecords.withMerged(tx, caller.provinceCode(), keptId));
                participants.clearEthnicity(tx, person);
                audit.scrub(tx, caller.provinceCode(), person, List.of(), SENSITIVE_AUDIT_FIELDS, Erased.MARKER);
                mergeEntries.forEach(e -> e.computeIfPresent("ethnicityCode", (k, v) -> Erased.MARKER));
            }
            audit.record(tx, caller, "merge", "participant", keptId, mergeEntries.get(0), mergeEntries.get(1));
            audit.record(tx, caller, "merge", "participant", duplicateId, mergeEntries.get(2), mergeEntries.get(3));
            for (EnrollmentRecord e : dropped) {
                audit.record(tx, caller, "merge", "enrollment", e.getId(), e.intoMap(), null);
            }
            // each enrollment the merge changed, as it now stands: moved, or given the kept unit (the unit
            // reports count it in, last year's too where it had none)
            Map<UUID, EnrollmentRecord> enrollmentsBefore = new HashMap<>();
            keptByCourse.values().forEach(e -> enrollmentsBefore.put(e.getId(), e));
            moved.forEach(e -> enrollmentsBefore.put(e.getId(), e));
            for (EnrollmentRecord e : participants.enrollmentsForUpdate(tx, keptId)) {
                Map<String, Object> before = enrollmentsBefore.get(e.getId()).intoMap();
                if (!before.equals(e.intoMap())) {
                    audit.record(tx, caller, "merge", "enrollment", e.getId(), before, e.intoMap());
                }
            }
            for (UUID id : reflagged) {
                audit.record(tx, caller, "merge", "participant", id, Map.of("duplicateOf", duplicateId),
                        Map.of("duplicateOf", keptId));
            }
            return new MergeResult(keptView, duplicateId, moved.size());
        });
    }

    // ------------------------------------------------------------------------------------ helpers

    /** The checked data, or a 400 (malformed) or 422 (unknown codes or units) with every error. */
    ParticipantData checked(Caller caller, ParticipantInput input) {
        return checked(caller, input, null, true);
    }

    /** The same, for a record with the consent recorded (null: none); see ParticipantRules.check. */
    private ParticipantData checked(Caller caller, ParticipantInput input, Consent recorded, boolean ethnicitySent) {
        ParticipantRules.Checked c = rules.check(caller, input, recorded, ethnicitySent);
        if (!c.invalid().isEmpty()) {
            throw ApiException.invalid(c.invalid());
        }
        if (!c.unprocessable().isEmpty()) {
            throw new ApiException(422, "rule_violated", c.unprocessable());
        }
        return c.data();
    }

    /** The record the person is likely a duplicate of (older than olderThan, when given), or null. */
    private UUID likelyDuplicateOf(DSLContext tx, Caller caller, Duplicates.Person person,
                                   ParticipantRecord olderThan) {
        List<Duplicates.Person> found = candidates(tx, caller, person, olderThan).stream()
                .map(ParticipantRepository::toPerson).toList();
        return new Duplicates(found).best(person).map(m -> m.person().id()).orElse(null);
    }

    /**
     * The flag an edit leaves: the likely duplicate among the records the caller sees, else the
     * flag already naming a record they cannot see (set by someone who sees both, for them to
     * review: not dropped by an edit that could not compare the two).
     */
    private UUID flagAfterEdit(DSLContext tx, Caller caller, Duplicates.Person person, ParticipantRecord before) {
        UUID found = likelyDuplicateOf(tx, caller, person, before);
        UUID flagged = before.getDuplicateOf();
        return found != null || flagged == null || participants.find(tx, scope(caller), flagged).isPresent()
                ? found : flagged;
    }

    private List<ParticipantRecord> candidates(DSLContext tx, Caller caller, Duplicates.Person p,
                                               ParticipantRecord olderThan) {
        return participants.matchCandidates(tx, scope(caller), listOf(p.nationalIdHmac()), listOf(p.phone()),
                listOf(p.nameKey()), olderThan);
    }

    /**
     * What the duplicate rules compare of a person. Without a birth year, the year their CCCD
     * states: a daughter with her mother's name and phone whose CCCD says 1990 is not the mother
     * born in 1965.
     */
    static Duplicates.Person person(UUID id, ParticipantData d, String nameKey) {
        Integer birthYear = d.birthYear() != null || d.nationalId() == null ? d.birthYear() : d.nationalId().birthYear();
        return new Duplicates.Person(id, d.nationalId() == null ? null : d.nationalId().hmac(), d.phone(), nameKey,
                birthYear, d.unitCode(), d.sex());
    }

    /**
     * The kept record's data with its empty fields taken from the merged one (its unit too: a kept
     * record with none would otherwise take its courses not yet ended out of the duplicate's unit),
     * target groups united.
     * Without a consent of its own, the kept record takes the merged one's. A consent that leaves
     * out sensitive data keeps no ethnicity, whichever record held it: as a PATCH with that consent
     * clears it (a record from before consents were recorded may hold one).
     */
    static ParticipantData absorb(ParticipantData kept, ParticipantData merged) {
        boolean yearAgrees = kept.birthYear() == null || kept.birthYear().equals(merged.birthYear());
        LocalDate birthDate = kept.birthDate() != null ? kept.birthDate() : yearAgrees ? merged.birthDate() : null;
        Set<String> groups = new LinkedHashSet<>(kept.targetGroups());
        groups.addAll(merged.targetGroups());
        Consent consent = or(kept.consent(), merged.consent());
        return new ParticipantData(kept.fullName(), kept.sex(), or(kept.birthYear(), merged.birthYear()), birthDate,
                or(kept.phone(), merged.phone()), or(kept.nationalId(), merged.nationalId()),
                consent == null || consent.coversSensitiveData() ? or(kept.ethnicityCode(), merged.ethnicityCode()) : null,
                or(kept.unitCode(), merged.unitCode()), or(kept.organization(), merged.organization()),
                or(kept.position(), merged.position()),
                List.copyOf(groups), consent);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /**
     * Which of two enrolments of one person in one course the merged record keeps: an enrolled one
     * over a withdrawn one, then a trainee over an observer or trainer (a trainee enrolment is what
     * counts in reports and earns a certificate); on a tie, the kept record's.
     */
    private static int weight(EnrollmentRecord e) {
        return ("withdrawn".equals(e.getStatus()) ? 0 : 2) + ("trainee".equals(e.getRole()) ? 1 : 0);
    }

    private static <T> Page<Participant> views(Page<T> rows, Function<T, ParticipantRecord> record) {
        return new Page<>(rows.items().stream().map(r -> ParticipantRepository.toParticipant(record.apply(r)).listed())
                .toList(), rows.nextCursor());
    }

    private static <T> Collection<T> listOf(T value) {
        return value == null ? List.of() : List.of(value);
    }

    /**
     * The cursor's values after its kind tag (a list cursor has a list name and an id, a search one an
     * offset); a cursor of another kind, or of an earlier list order, is a 400.
     */
    private static List<String> cursor(PageRequest page, String kind) {
        if (!page.hasCursor()) {
            return null;
        }
        List<String> after = page.after();
        int size = LIST_CURSOR.equals(kind) ? 3 : 2;
        if (after.size() != size || !kind.equals(after.get(0))) {
            throw ApiException.invalid("cursor", "invalid_cursor");
        }
        return after;
    }

    private static UUID cursorId(List<String> after) {
        try {
            return UUID.fromString(after.get(2));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("cursor", "invalid_cursor");
        }
    }

    private static int cursorOffset(List<String> after) {
        try {
            int offset = Integer.parseInt(after.get(1));
            if (offset < 0 || offset > MAX_SEARCH_OFFSET) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw ApiException.invalid("cursor", "invalid_cursor");
        }
    }
}
