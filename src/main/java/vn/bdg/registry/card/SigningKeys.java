package vn.bdg.registry.card;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import org.jooq.Condition;
import org.jooq.DSLContext;
import vn.bdg.registry.attendance.SessionContext;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.db.tables.records.SigningKeyRecord;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static vn.bdg.registry.db.Tables.SIGNING_KEY;

/**
 * The provinces' Ed25519 keys, created on first use and kept in the database. Rotation makes a
 * new key the signing one while the old one still verifies; retirement ends verification.
 * Verification keys are cached briefly, so a retirement reaches every instance within a minute.
 */
public final class SigningKeys {
    /** verifying: the public key decoded once, for the signatures it checks while cached. */
    public record Key(String kid, String provinceCode, byte[] publicKey, Ed25519.PublicKey verifying, byte[] privateKey,
                      OffsetDateTime createdAt, OffsetDateTime rotatedAt, OffsetDateTime retiredAt) {
    }

    private record Cached(Optional<Key> key, Instant loadedAt) {
    }

    /**
     * What else a retirement does, in its transaction: signing is the province's signing key after
     * it (a new one when the retired key was the signing one).
     */
    public interface Retirement {
        void retired(DSLContext tx, Caller caller, Key retired, Key signing);
    }

    private static final Duration CACHE_TTL = Duration.ofSeconds(60);
    /**
     * The cache's size beyond which a kid that names no key is not kept (kids that name keys always
     * are; keys are few): misses come from scanned text, anyone's to choose.
     */
    static final int MOST_CACHED_MISSES = 1_000;
    private final DSLContext dsl;
    private final Map<String, Cached> byKid = new ConcurrentHashMap<>();
    private final List<Retirement> retirements = new CopyOnWriteArrayList<>();

    public SigningKeys(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * The province's signing key, created if it has none (safe when two requests race), for what is
     * signed and answered at once, nothing of it stored (an exported badge, a status list): read
     * without holding it, as there is nothing for a retirement to sign again.
     */
    public Key signingKey(String provinceCode) {
        return signingKey(dsl, provinceCode, false);
    }

    /**
     * The province's signing key, held (FOR SHARE) until the transaction dsl ends: a retirement of it
     * waits for what dsl signs with it to be committed, then signs that again with the next key; a
     * retirement under way is waited for, and the next key answered.
     */
    public static Key signingKey(DSLContext dsl, String provinceCode) {
        return signingKey(dsl, provinceCode, true);
    }

    private static Key signingKey(DSLContext dsl, String provinceCode, boolean held) {
        Optional<Key> current = active(dsl, provinceCode, held);
        if (current.isPresent()) {
            return current.get();
        }
        byte[][] pair = Ed25519.newKeyPair();
        dsl.insertInto(SIGNING_KEY)
                .set(SIGNING_KEY.KID, newKid(provinceCode))
                .set(SIGNING_KEY.PROVINCE_CODE, provinceCode)
                .set(SIGNING_KEY.PRIVATE_KEY, pair[0])
                .set(SIGNING_KEY.PUBLIC_KEY, pair[1])
                .onConflictDoNothing()
                .execute();
        return active(dsl, provinceCode, held).orElseThrow();
    }

    /** A key that may verify signatures now (not retired), or empty. */
    public Optional<Key> verificationKey(String kid) {
        return find(kid).filter(k -> k.retiredAt() == null);
    }

    /** Any key by id, retired ones too (to say why something no longer verifies), or empty. */
    public Optional<Key> find(String kid) {
        if (kid.indexOf('\u0000') >= 0) {
            return Optional.empty(); // no key has one, and PostgreSQL's text cannot even be asked about it
        }
        Cached cached = byKid.get(kid);
        Instant now = Instant.now();
        if (cached == null || expired(cached, now)) {
            cached = new Cached(dsl.selectFrom(SIGNING_KEY).where(SIGNING_KEY.KID.eq(kid)).fetchOptional(SigningKeys::toKey),
                    now);
            if (cached.key().isPresent() || roomForAMiss(now)) {
                byKid.put(kid, cached);
            } else {
                byKid.remove(kid);
            }
        }
        return cached.key();
    }

    private static boolean expired(Cached cached, Instant now) {
        return cached.loadedAt().plus(CACHE_TTL).isBefore(now);
    }

    /**
     * Whether a kid that names no key may be cached: keys are few, but made-up kids (in forged
     * cards, any text scanned) are not, and each one cached would stay. When full, the expired
     * entries go; if still full, the miss is not kept.
     */
    private boolean roomForAMiss(Instant now) {
        if (byKid.size() < MOST_CACHED_MISSES) {
            return true;
        }
        byKid.values().removeIf(c -> expired(c, now));
        return byKid.size() < MOST_CACHED_MISSES;
    }

    /** Kids held in the cache (for tests). */
    int cachedKids() {
        return byKid.size();
    }

    public List<Key> published(String provinceCode) {
        var condition = SIGNING_KEY.RETIRED_AT.isNull();
        if (provinceCode != null) {
            condition = condition.and(SIGNING_KEY.PROVINCE_CODE.eq(provinceCode));
        }
        return dsl.selectFrom(SIGNING_KEY).where(condition)
                .orderBy(SIGNING_KEY.PROVINCE_CODE, SIGNING_KEY.CREATED_AT).fetch(SigningKeys::toKey);
    }

    /** A rotation: the key that signed until then (null: the province had none) and the new signing key. */
    public record Rotation(Key rotated, Key signing) {
    }

    /**
     * Makes a new signing key, inside the transaction tx (with its audit entry); the old one keeps
     * verifying what it signed.
     */
    public Rotation rotate(DSLContext tx, String provinceCode) {
        Key rotated = endSigning(tx, provinceCode);
        // A rotation or retirement that ended the key while this one waited for it made the next one,
        // which the statement that waited could not see: that is the key this rotation ends, else
        // two rotations at once would both answer (and log) the key the first made.
        while (rotated == null && tx.fetchExists(SIGNING_KEY, activeOf(provinceCode))) {
            rotated = endSigning(tx, provinceCode);
        }
        return new Rotation(rotated, signingKey(tx, provinceCode));
    }

    /** Ends the province's signing key (it keeps verifying); answers it, or null when it had none. */
    private static Key endSigning(DSLContext tx, String provinceCode) {
        return tx.update(SIGNING_KEY).set(SIGNING_KEY.ROTATED_AT, OffsetDateTime.now())
                .where(activeOf(provinceCode))
                .returning()
                .fetchOptional(SigningKeys::toKey).orElse(null);
    }

    private static Condition activeOf(String provinceCode) {
        return SIGNING_KEY.PROVINCE_CODE.eq(provinceCode).and(SIGNING_KEY.ROTATED_AT.isNull())
                .and(SIGNING_KEY.RETIRED_AT.isNull());
    }

    /** Adds what a retirement does besides ending the key (e.g. signing again what is still live). */
    public void onRetirement(Retirement retirement) {
        retirements.add(retirement);
    }

    /**
     * Ends a key of the caller's province: what it signed no longer verifies, and what the
     * retirement hooks sign again is signed with the province's signing key, in the same
     * transaction. True if the province had that key live.
     */
    public boolean retire(Caller caller, String kid) {
        boolean retired = dsl.transactionResult(trx -> {
            Optional<Key> key = trx.dsl().update(SIGNING_KEY)
                    .set(SIGNING_KEY.RETIRED_AT, OffsetDateTime.now())
                    .set(SIGNING_KEY.ROTATED_AT, org.jooq.impl.DSL.coalesce(SIGNING_KEY.ROTATED_AT, OffsetDateTime.now()))
                    .where(SIGNING_KEY.KID.eq(kid).and(SIGNING_KEY.PROVINCE_CODE.eq(caller.provinceCode()))
                            .and(SIGNING_KEY.RETIRED_AT.isNull()))
                    .returning()
                    .fetchOptional(SigningKeys::toKey);
            if (key.isPresent()) {
                Key signing = signingKey(trx.dsl(), caller.provinceCode());
                retirements.forEach(r -> r.retired(trx.dsl(), caller, key.get(), signing));
            }
            return key.isPresent();
        });
        byKid.remove(kid);
        return retired;
    }

    /** The public JWK (RFC 8037 OKP) of a key, with its province and validity. */
    public static Map<String, Object> publicJwk(Key key) {
        OctetKeyPair.Builder jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(key.publicKey()))
                .keyID(key.kid())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.EdDSA)
                .issueTime(Date.from(key.createdAt().toInstant()));
        Map<String, Object> json = new LinkedHashMap<>(jwk.build().toJSONObject());
        json.put("province", key.provinceCode());
        json.put("signing", key.rotatedAt() == null);
        return json;
    }

    private static Optional<Key> active(DSLContext dsl, String provinceCode, boolean held) {
        var query = dsl.selectFrom(SIGNING_KEY).where(activeOf(provinceCode));
        return (held ? query.forShare() : query).fetchOptional(SigningKeys::toKey);
    }

    private static String newKid(String provinceCode) {
        byte[] random = new byte[3];
        new java.security.SecureRandom().nextBytes(random);
        // the day in Vietnam, not the server's zone: a key made at 06:00 there is named for that day
        LocalDate today = LocalDate.now(SessionContext.VIETNAM);
        return provinceCode + "-" + today.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + HexFormat.of().formatHex(random);
    }

    private static Key toKey(SigningKeyRecord r) {
        return new Key(r.getKid(), r.getProvinceCode(), r.getPublicKey(), new Ed25519.PublicKey(r.getPublicKey()),
                r.getPrivateKey(), r.getCreatedAt(),
                r.getRotatedAt(), r.getRetiredAt());
    }
}
