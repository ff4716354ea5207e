package vn.bdg.registry.participant;

import org.jooq.DSLContext;

import java.util.Set;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.PARTICIPANT;

/**
 * What stands in for a person's data once it is erased at their request (see ParticipantErasure):
 * fixed texts, the same for everyone, so they say nothing about anyone.
 */
public final class Erased {
    /** The name of an erased record (and of its certificates); V13's constraints name it too. */
    public static final String NAME = "Đã xoá dữ liệu cá nhân";
    /** Why the person's cards and live certificates were revoked, as verifiers read it. */
    public static final String REVOCATION_REASON = "Dữ liệu cá nhân đã được xoá theo yêu cầu của chủ thể dữ liệu";
    /**
     * Replaces a value that was about the person: in the audit log, and in the free-text reasons
     * written about them (an excuse, a withdrawal, a withheld or hand-issued certificate, an earlier
     * revocation), which may hold anything, health or family matters included.
     */
    public static final String MARKER = "[đã xoá]";
    /**
     * The fields of the audit log's entries about a person whose values are personal data: the
     * participant's as written by create, update and merge (camelCase; the fingerprints of phone,
     * birth date and ethnicity too: they match the same values elsewhere), an enrollment's
     * (snake_case when a merge wrote the row itself; its participant summary nested), and the
     * reasons of excuses, withdrawals, cards, certificates.
     */
    public static final Set<String> AUDIT_FIELDS = Set.of(
            "fullName", "full_name", "phone", "birthDate", "birth_date", "nationalIdMasked", "ethnicityCode",
            "ethnicity_code", "organization", "position", "reason", "withdrawalReason", "withdrawal_reason",
            "withheldReason", "holderName");

    private Erased() {
    }

    /**
     * Whether the person's data was erased, their record held (FOR SHARE) until tx ends: an erasure
     * under way is waited for, and one to come waits for what tx writes about the person (then
     * scrubs or revokes it).
     */
    public static boolean held(DSLContext tx, UUID participantId) {
        return tx.select(PARTICIPANT.ERASED_AT).from(PARTICIPANT).where(PARTICIPANT.ID.eq(participantId))
                .forShare().fetchOptional().map(r -> r.value1() != null).orElse(false);
    }
}
