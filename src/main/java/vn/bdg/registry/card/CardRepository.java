package vn.bdg.registry.card;

import org.jooq.DSLContext;
import org.jooq.Record2;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.participant.MergedRecords;
import vn.bdg.registry.sql.Ids;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.PARTICIPANT;
import static vn.bdg.registry.db.Tables.PARTICIPANT_CARD;

/** SQL for participants' QR cards. */
final class CardRepository {
    record CardRow(UUID participantId, int version, String provinceCode, OffsetDateTime issuedAt) {
    }

    /** A revoked version of a participant's card. */
    record RevokedRow(UUID participantId, int version) {
    }

    /** A participant as printed on a badge; erased: their personal data was erased (they have no card). */
    record Holder(UUID id, String provinceCode, String fullName, String unitCode, boolean erased) {
    }

    private final DSLContext dsl;

    CardRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Holder> visibleHolder(Caller caller, UUID participantId) {
        return dsl.select(PARTICIPANT.ID, PARTICIPANT.PROVINCE_CODE, PARTICIPANT.FULL_NAME, PARTICIPANT.UNIT_CODE,
                        PARTICIPANT.ERASED_AT)
                .from(PARTICIPANT)
                .where(PARTICIPANT.ID.eq(participantId)
                        .and(caller.scope(PARTICIPANT.PROVINCE_CODE, PARTICIPANT.UNIT_CODE))
                        .and(PARTICIPANT.MERGED_INTO.isNull()))
                .fetchOptional(r -> new Holder(r.value1(), r.value2(), r.value3(), r.value4(), r.value5() != null));
    }

    /** What a holder read before the lock has become by the time it is held. */
    enum HolderNow { OWN_RECORD, ERASED, MERGED }

    /**
     * Locks the participant's row for a change of their cards (FOR NO KEY UPDATE: revocations of
     * the same person take turns, and a merge or erasure under way is waited for) and answers what
     * the record is now.
     */
    HolderNow lockHolder(DSLContext tx, UUID participantId) {
        var now = tx.select(PARTICIPANT.ERASED_AT, PARTICIPANT.MERGED_INTO).from(PARTICIPANT)
                .where(PARTICIPANT.ID.eq(participantId)).forNoKeyUpdate().fetchOne();
        return now.value2() != null ? HolderNow.MERGED : now.value1() != null ? HolderNow.ERASED : HolderNow.OWN_RECORD;
    }

    /**
     * Erasure: revokes every live card of these records with the reason given, issuing none, and
     * replaces the reasons of their cards revoked before (free text about the person) with marker.
     * Answers how many live cards were revoked.
     */
    int revokeErased(DSLContext tx, Collection<UUID> participantIds, String reason, String marker) {
        tx.update(PARTICIPANT_CARD)
                .set(PARTICIPANT_CARD.REVOCATION_REASON, marker)
                .where(PARTICIPANT_CARD.PARTICIPANT_ID.in(participantIds).and(PARTICIPANT_CARD.REVOKED_AT.isNotNull())
                        .and(PARTICIPANT_CARD.REVOCATION_REASON.isNotNull()))
                .execute();
        return tx.update(PARTICIPANT_CARD)
                .set(PARTICIPANT_CARD.REVOKED_AT, OffsetDateTime.now())
                .set(PARTICIPANT_CARD.REVOCATION_REASON, reason)
                .where(PARTICIPANT_CARD.PARTICIPANT_ID.in(participantIds).and(PARTICIPANT_CARD.REVOKED_AT.isNull()))
                .execute();
    }

    /** The live card, version 1 being created on first use. */
    CardRow currentCard(DSLContext tx, UUID participantId, String provinceCode) {
        tx.insertInto(PARTICIPANT_CARD)
                .set(PARTICIPANT_CARD.PARTICIPANT_ID, participantId)
                .set(PARTICIPANT_CARD.VERSION, 1)
                .set(PARTICIPANT_CARD.PROVINCE_CODE, provinceCode)
                .onConflictDoNothing()
                .execute();
        return tx.selectFrom(PARTICIPANT_CARD)
                .where(PARTICIPANT_CARD.PARTICIPANT_ID.eq(participantId).and(PARTICIPANT_CARD.REVOKED_AT.isNull()))
                .orderBy(PARTICIPANT_CARD.VERSION.desc()).limit(1)
                .fetchOptional(r -> new CardRow(r.getParticipantId(), r.getVersion(), r.getProvinceCode(), r.getIssuedAt()))
                .orElseGet(() -> nextCard(tx, participantId, provinceCode));
    }

    /**
     * Revokes every live card of the participant and issues the next version. The caller has locked
     * the participant's row ({@link #lockHolder}): a second revocation at the same time waits, then
     * sees (and revokes) the card the first issued, so one card at most stays live.
     */
    CardRow revokeAndReissue(DSLContext tx, UUID participantId, String provinceCode, String reason) {
        currentCard(tx, participantId, provinceCode);
        // the person's every live card: also those of duplicate records merged into theirs, which
        // still check them in (a lost old badge of a merged record is revoked through the person)
        Set<UUID> holders = MergedRecords.withMerged(tx, provinceCode, participantId);
        tx.update(PARTICIPANT_CARD)
                .set(PARTICIPANT_CARD.REVOKED_AT, OffsetDateTime.now())
                .set(PARTICIPANT_CARD.REVOCATION_REASON, reason)
                .where(PARTICIPANT_CARD.PARTICIPANT_ID.in(holders).and(PARTICIPANT_CARD.REVOKED_AT.isNull()))
                .execute();
        return nextCard(tx, participantId, provinceCode);
    }

    private CardRow nextCard(DSLContext tx, UUID participantId, String provinceCode) {
        int next = tx.select(org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.max(PARTICIPANT_CARD.VERSION), 0))
                .from(PARTICIPANT_CARD).where(PARTICIPANT_CARD.PARTICIPANT_ID.eq(participantId))
                .fetchOne(0, Integer.class) + 1;
        return tx.insertInto(PARTICIPANT_CARD)
                .set(PARTICIPANT_CARD.PARTICIPANT_ID, participantId)
                .set(PARTICIPANT_CARD.VERSION, next)
                .set(PARTICIPANT_CARD.PROVINCE_CODE, provinceCode)
                .returning()
                .fetchOne(r -> new CardRow(r.getParticipantId(), r.getVersion(), r.getProvinceCode(), r.getIssuedAt()));
    }

    /** Revoked (participant, version) pairs among the given participants. */
    List<Record2<UUID, Integer>> revoked(Collection<UUID> participantIds) {
        return dsl.select(PARTICIPANT_CARD.PARTICIPANT_ID, PARTICIPANT_CARD.VERSION).from(PARTICIPANT_CARD)
                .where(Ids.in(PARTICIPANT_CARD.PARTICIPANT_ID, participantIds).and(PARTICIPANT_CARD.REVOKED_AT.isNotNull()))
                .fetch();
    }

    /**
     * Every revoked card of the province (the cards whose iss is the province), in no order: what
     * an offline phone needs, as digests, to refuse a revoked card of anyone, on its session's
     * roster or not. Reads the small partial index participant_card_revoked.
     */
    List<RevokedRow> revokedInProvince(String provinceCode) {
        return dsl.select(PARTICIPANT_CARD.PARTICIPANT_ID, PARTICIPANT_CARD.VERSION).from(PARTICIPANT_CARD)
                .where(PARTICIPANT_CARD.PROVINCE_CODE.eq(provinceCode).and(PARTICIPANT_CARD.REVOKED_AT.isNotNull()))
                .fetch(r -> new RevokedRow(r.value1(), r.value2()));
    }
}
