package vn.bdg.registry.card;

import org.jooq.DSLContext;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.participant.Erased;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.Sha256;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * QR cards: a compact JWS over {typ: "card", iss: province, sub: participant id, ver: card version},
 * signed with the province's Ed25519 key, so a phone holding the public keys checks it offline.
 */
public final class CardService {
    /** What the holder of a card sees about it. */
    public record Card(UUID participantId, int version, String token, OffsetDateTime issuedAt) {
    }

    /** A card whose signature, key and form are good (revocation is checked separately). */
    public record VerifiedCard(String provinceCode, UUID participantId, int version) {
        public String revocationKey() {
            return participantId + "/" + version;
        }
    }

    private final DSLContext dsl;
    private final CardRepository cards;
    private final SigningKeys keys;
    private final AuditLog audit;

    public CardService(DSLContext dsl, SigningKeys keys, AuditLog audit) {
        this.dsl = dsl;
        this.cards = new CardRepository(dsl);
        this.keys = keys;
        this.audit = audit;
    }

    /**
     * A new signing key for the caller's province, audit-logged (rotate_key, filed under the new
     * key, with the key it follows) in the same transaction.
     */
    public SigningKeys.Key rotateKey(Caller caller) {
        return dsl.transactionResult(trx -> {
            SigningKeys.Rotation rotation = keys.rotate(trx.dsl(), caller.provinceCode());
            String newKid = rotation.signing().kid();
            audit.record(trx.dsl(), caller, "rotate_key", "signing_key", newKid,
                    rotation.rotated() == null ? null : Map.of("signingKey", rotation.rotated().kid()),
                    Map.of("signingKey", newKid));
            return rotation.signing();
        });
    }

    /** The holder of a card, in the caller's scope; 409 erased when their personal data was erased. */
    public CardRepository.Holder holder(Caller caller, UUID participantId) {
        CardRepository.Holder holder = cards.visibleHolder(caller, participantId).orElseThrow(ApiException::notFound);
        if (holder.erased()) {
            throw ApiException.conflict("erased"); // a card would stand for a person the registry no longer knows
        }
        return holder;
    }

    public Card card(Caller caller, UUID participantId) {
        CardRepository.Holder holder = holder(caller, participantId);
        return dsl.transactionResult(trx -> {
            requireNotErased(trx.dsl(), holder.id()); // erased since it was read
            return toCard(trx.dsl(), cards.currentCard(trx.dsl(), holder.id(), holder.provinceCode()));
        });
    }

    private void requireNotErased(DSLContext tx, UUID participantId) {
        if (Erased.held(tx, participantId)) {
            throw ApiException.conflict("erased");
        }
    }

    /**
     * The live card of a participant known to be in scope (badge and sign-in sheets of a course);
     * empty for a person whose personal data was erased, who gets no card any more.
     */
    public Optional<Card> cardOf(UUID participantId, String provinceCode) {
        return dsl.transactionResult(trx -> Erased.held(trx.dsl(), participantId) ? Optional.<Card>empty()
                : Optional.of(toCard(trx.dsl(), cards.currentCard(trx.dsl(), participantId, provinceCode))));
    }

    /**
     * Erasure of the personal data of these records, inside the erasing transaction tx: their live
     * cards are revoked (none is issued again), so a lost card no longer names them nor checks them
     * in; the reasons of cards revoked before become marker. Answers how many cards were live.
     */
    public int revokeErased(DSLContext tx, Collection<UUID> participantIds, String reason, String marker) {
        return cards.revokeErased(tx, participantIds, reason, marker);
    }

    /** A lost card: revoke it and issue the next version. */
    public Card revokeAndReissue(Caller caller, UUID participantId, String reason) {
        CardRepository.Holder holder = holder(caller, participantId);
        return dsl.transactionResult(trx -> {
            // locked before it is read, not shared then upgraded: two revocations at once would deadlock
            CardRepository.HolderNow now = cards.lockHolder(trx.dsl(), holder.id());
            if (now == CardRepository.HolderNow.ERASED) {
                throw ApiException.conflict("erased"); // erased since it was read
            }
            if (now == CardRepository.HolderNow.MERGED) {
                throw ApiException.notFound(); // merged since it was read: as any merged record
            }
            CardRepository.CardRow row = cards.revokeAndReissue(trx.dsl(), holder.id(), holder.provinceCode(), reason);
            audit.record(trx.dsl(), caller, "revoke_card", "participant", holder.id(),
                    Map.of("cardVersion", row.version() - 1), Map.of("cardVersion", row.version(), "reason", reason));
            return toCard(trx.dsl(), row);
        });
    }

    /**
     * The longest text taken for a card token: a card is about 250 characters (short claims, a kid);
     * longer text is not parsed at all.
     */
    public static final int MAX_CARD_TOKEN = 2048;

    /** Checks form, length, key and signature; empty when the card is not a genuine card of any province. */
    public Optional<VerifiedCard> verify(String token) {
        if (token == null || token.length() > MAX_CARD_TOKEN) {
            return Optional.empty();
        }
        return Ed25519.parse(token).flatMap(parsed -> {
            Map<String, Object> c = parsed.claims();
            if (!"card".equals(c.get("typ")) || !(c.get("iss") instanceof String province)
                    || !(c.get("sub") instanceof String sub) || !(c.get("ver") instanceof Number ver)) {
                return Optional.empty();
            }
            Optional<SigningKeys.Key> key = keys.verificationKey(parsed.kid())
                    .filter(k -> k.provinceCode().equals(province));
            if (key.isEmpty() || !parsed.verifiesWith(key.get().verifying())) {
                return Optional.empty();
            }
            try {
                return Optional.of(new VerifiedCard(province, UUID.fromString(sub), ver.intValue()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Every revoked card of a province, each named by its {@link #revocationDigest digest}: a phone
     * tests a scanned card against them, but cannot tell whose cards they are.
     */
    public record RevokedCardDigests(String provinceCode, List<String> revokedCardDigests) {
    }

    /**
     * The revoked cards of the caller's province (its cards are the only ones valid at its
     * sessions), as digests ordered by themselves: no participant id leaves for people outside the
     * caller's rosters.
     */
    public RevokedCardDigests revokedCardDigestsOfProvince(Caller caller) {
        String province = caller.provinceCode();
        return new RevokedCardDigests(province, cards.revokedInProvince(province).stream()
                .map(r -> revocationDigest(province, r.participantId(), r.version())).sorted().toList());
    }

    /**
     * What names a revoked card in the province's list (openapi.yaml, RevokedCardDigests): the
     * first 16 bytes of SHA-256 over the UTF-8 text {@code card:<iss>:<sub>:<ver>}, the card's claims
     * as a verified card has them (the participant id in lower case, the version in decimal), in
     * base64url without padding. Whoever holds a card computes it from the card; the list alone
     * names no one (participant ids are random).
     */
    public static String revocationDigest(String provinceCode, UUID participantId, int version) {
        String text = "card:" + provinceCode + ":" + participantId + ":" + version;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(Sha256.of(text), 16));
    }

    /** The "participant/version" keys of revoked cards among these participants. */
    public Set<String> revokedCards(Collection<UUID> participantIds) {
        Set<String> revoked = new HashSet<>();
        if (!participantIds.isEmpty()) {
            cards.revoked(participantIds).forEach(r -> revoked.add(r.value1() + "/" + r.value2()));
        }
        return revoked;
    }

    /**
     * The card signed with the province's signing key, read on the transaction tx's connection: a
     * second one, taken while tx holds its own, would let as many card requests at once as the pool
     * has connections wait for each other until they fail; and the key is held until tx ends.
     */
    private static Card toCard(DSLContext tx, CardRepository.CardRow row) {
        SigningKeys.Key key = SigningKeys.signingKey(tx, row.provinceCode());
        Map<String, Object> claims = new LinkedHashMap<>(); // fixed order: the same card gives the same token
        claims.put("typ", "card");
        claims.put("iss", row.provinceCode());
        claims.put("sub", row.participantId().toString());
        claims.put("ver", row.version());
        String token = Ed25519.sign(key.kid(), key.privateKey(), claims);
        return new Card(row.participantId(), row.version(), token, row.issuedAt());
    }
}
