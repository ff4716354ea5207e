package vn.bdg.registry.participant;

import org.jooq.DSLContext;
import vn.bdg.registry.Core;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.card.CardService;
import vn.bdg.registry.certificate.CertificateService;
import vn.bdg.registry.db.tables.records.ParticipantRecord;
import vn.bdg.registry.web.ApiException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Erasure of a person's personal data at their request (Law 91/2025/QH15 on personal data
 * protection), in one transaction. What identifies or reaches the person goes, everywhere the
 * registry keeps it: the record's name (replaced by {@link Erased#NAME}), phone, national ID, birth
 * date, ethnicity (sensitive data), organisation and position, on the record and on the records
 * merged into it (the same person); their QR cards (revoked, none issued again); what their
 * certificates print and sign about them (revoked, so that verifiers see they no longer hold); the
 * free-text reasons written about them; and the personal values in the audit log's earlier entries
 * about them. What reports count stays: sex, birth year, unit and target groups of the record, and
 * its enrollments, check-ins and excuses, so every indicator, for any period, gives the numbers it
 * gave before (the ethnicMinority breakdown excepted: the person moves to "not recorded").
 * <p>
 * The birth year is kept exact, not coarsened: age bands are computed against each course's start
 * year, so even a year rounded to five would move the person to another band for some courses,
 * changing reports already submitted (their diff) and reports to come. Without name, contact,
 * numbers or birth date it identifies nobody by itself; the small_count flag already warns
 * compilers about breakdown cells small enough to point at someone.
 */
public final class ParticipantErasure {
    static final int MAX_REASON = 500;
    /** A run of digits as long as a phone or national ID number, spaces, dots, dashes and brackets aside. */
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{9,}");
    private static final Pattern NUMBER_SEPARATORS = Pattern.compile("(?<=\\d)[\\s.\\-()]+(?=\\d)");

    /**
     * What an erasure did (ParticipantErasure in the contract): the record as it now stands, every
     * record erased (it and those merged into it), the cards and certificates it revoked, how many
     * audit entries it scrubbed, and the records of the caller's scope whose duplicate flag named an
     * erased one (cleared: they may be the same person, registered again; an admin checks them with
     * the person).
     */
    public record Result(Participant participant, List<UUID> erasedRecords, int revokedCards,
                         List<String> revokedCertificates, int auditEntriesScrubbed,
                         List<UUID> clearedDuplicateFlags) {
    }

    private final DSLContext dsl;
    private final ParticipantRepository participants;
    private final CardService cards;
    private final CertificateService certificates;
    private final AuditLog audit;

    public ParticipantErasure(Core core, CardService cards, CertificateService certificates) {
        this.dsl = core.dsl();
        this.participants = new ParticipantRepository(core.dsl());
        this.cards = cards;
        this.certificates = certificates;
        this.audit = core.audit();
    }

    /**
     * Erases the personal data of the participant (in the caller's scope, else 404) and of the
     * records merged into it. reason: why (the date and channel of the person's request), cleaned,
     * kept in the audit log; it must not repeat the person's name, phone or ID number (422). 409
     * already_erased when it was erased before; 409 merged for a record merged into another (the
     * person is that record: erasing it erases this one).
     */
    Result erase(Caller caller, UUID id, String reason) {
        ParticipantRecord seen = participants.find(ParticipantService.scope(caller), id)
                .orElseThrow(ApiException::notFound);
        if (seen.getErasedAt() != null) {
            throw ApiException.conflict("already_erased");
        }
        if (seen.getMergedInto() != null) {
            throw ParticipantService.merged(seen);
        }
        String province = seen.getProvinceCode();
        String reasonKey = participants.nameKeys(List.of(reason)).get(0); // the same key as the names
        return dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            // first, before any record is locked: a registration or import matching this person is
            // waited for (or waits), and never applies a row to nor flags a duplicate of the erased record
            participants.holdAllRegistrations(tx, province);
            // The person's records: this one and those merged into it, at any depth. Locked in id
            // order, as merges lock theirs; none can be merged into them meanwhile, as a merge
            // locks the record it keeps.
            SortedSet<UUID> ids = MergedRecords.withMerged(tx, province, id);
            Map<UUID, ParticipantRecord> locked = new HashMap<>();
            participants.lockAll(tx, ids).forEach(r -> locked.put(r.getId(), r));
            ParticipantRecord self = locked.get(id);
            if (self.getErasedAt() != null) {
                throw ApiException.conflict("already_erased");
            }
            if (self.getMergedInto() != null || !ids.equals(MergedRecords.withMerged(tx, province, id))) {
                throw ApiException.conflict("conflict"); // merged since it was read: try again
            }
            requireNoPersonalData(reason, reasonKey, locked.values());
            List<UUID> erasedIds = new ArrayList<>(ids);

            Map<UUID, UUID> unflagged = participants.clearDuplicateFlags(tx, province, erasedIds);
            Participant erased = participants.erase(tx, erasedIds, caller.userId()).stream()
                    .filter(r -> r.getId().equals(id)).map(ParticipantRepository::toParticipant)
                    .findFirst().orElseThrow();
            participants.eraseReasons(tx, erasedIds, Erased.MARKER);
            int revokedCards = cards.revokeErased(tx, erasedIds, Erased.REVOCATION_REASON, Erased.MARKER);
            CertificateService.ErasedCertificates erasedCertificates = certificates.eraseHolders(tx, caller,
                    erasedIds);
            // before this erasure's own entries, which are about the record too and name no one
            int scrubbed = audit.scrub(tx, province, erasedIds, erasedCertificates.all(), Erased.AUDIT_FIELDS,
                    Erased.MARKER);
            for (Map.Entry<UUID, UUID> flag : unflagged.entrySet()) {
                Map<String, Object> after = new HashMap<>();
                after.put("duplicateOf", null);
                audit.record(tx, caller, "clear_duplicate_flag", "participant", flag.getKey(),
                        Map.of("duplicateOf", flag.getValue()), after);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("reason", reason);
            entry.put("erasedRecords", erasedIds);
            entry.put("revokedCards", revokedCards);
            entry.put("revokedCertificates", erasedCertificates.revoked());
            entry.put("auditEntriesScrubbed", scrubbed);
            entry.put("clearedDuplicateFlags", List.copyOf(unflagged.keySet()));
            audit.record(tx, caller, "erase", "participant", id, null, entry);
            // the answer names the flagged records the admin may see and check: another district's
            // record is that district's (the audit entry, for province-wide admins, names them all)
            List<UUID> clearedInScope = unflagged.keySet().stream()
                    .filter(r -> participants.find(tx, ParticipantService.scope(caller), r).isPresent()).toList();
            return new Result(erased, erasedIds, revokedCards, erasedCertificates.revoked(), scrubbed,
                    clearedInScope);
        });
    }

    /**
     * The reason is kept in the audit log for as long as the log: it must not carry what the
     * erasure removes. Refused (422) when it holds one of the records' names (accents and case
     * aside) or a number as long as a phone or ID number.
     */
    private static void requireNoPersonalData(String reason, String reasonKey, Collection<ParticipantRecord> records) {
        boolean namesSomeone = records.stream().map(ParticipantRecord::getNameKey)
                .anyMatch(key -> key != null && !key.isBlank() && reasonKey.contains(key));
        boolean hasNumber = LONG_NUMBER.matcher(NUMBER_SEPARATORS.matcher(reason).replaceAll("")).find();
        if (namesSomeone || hasNumber) {
            throw ApiException.unprocessable("reason", "personal_data");
        }
    }
}
