package vn.bdg.registry.participant;

import vn.bdg.registry.Config;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Turns a national ID number into what is stored: a keyed HMAC-SHA256 (matchable, not reversible
 * without the server's secret), the last 3 digits for the masked display, and the kind. The key
 * is NATIONAL_ID_HMAC_KEY (base64) when set, otherwise 32 random bytes kept in server_secret and
 * created on first use.
 */
final class NationalIdHasher {
    static final String SECRET_NAME = "national_id_hmac_key";
    private static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    /**
     * A national ID as stored; birthYear, the year a CCCD states (null for a CMND, and for one read
     * back: it is not stored), only to tell people apart when matching (see ParticipantService.person).
     */
    record Digest(byte[] hmac, String last3, NationalId.Kind kind, Integer birthYear) {
        Digest(byte[] hmac, String last3, NationalId.Kind kind) {
            this(hmac, last3, kind, null);
        }

        String masked() {
            return NationalId.mask(kind, last3);
        }
    }

    private final Supplier<byte[]> keySource;
    private volatile byte[] key;

    NationalIdHasher(Supplier<byte[]> keySource) {
        this.keySource = keySource;
    }

    /** envKey: the value of NATIONAL_ID_HMAC_KEY, or null to use (and create) the stored secret. */
    static NationalIdHasher create(String envKey, ParticipantRepository repository) {
        if (envKey == null || envKey.isBlank()) {
            return new NationalIdHasher(() -> {
                byte[] candidate = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(candidate);
                return repository.secret(SECRET_NAME, candidate);
            });
        }
        byte[] fixed;
        try {
            fixed = Base64.getDecoder().decode(envKey.trim());
        } catch (IllegalArgumentException e) {
            throw new Config.Invalid("NATIONAL_ID_HMAC_KEY is not base64: set it to at least " + KEY_BYTES
                    + " random bytes in base64 (openssl rand -base64 " + KEY_BYTES + "), or unset it to use the stored key");
        }
        if (fixed.length < KEY_BYTES) {
            throw new Config.Invalid("NATIONAL_ID_HMAC_KEY holds " + fixed.length + " bytes, at least " + KEY_BYTES
                    + " are needed (openssl rand -base64 " + KEY_BYTES + ")");
        }
        return new NationalIdHasher(() -> fixed);
    }

    Digest digest(NationalId id) {
        return new Digest(hmac(id.digits()), id.last3(), id.kind(), id.birthYear());
    }

    /**
     * A short keyed fingerprint of a personal value (12 hex digits of its HMAC): two equal values
     * have the same, so an audit entry shows that a phone changed without holding either number.
     */
    String fingerprint(String value) {
        return "hmac:" + HexFormat.of().formatHex(hmac(value)).substring(0, 12);
    }

    private byte[] hmac(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key(), ALGORITHM));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = keySource.get();
                }
                k = key;
            }
        }
        return k;
    }
}
