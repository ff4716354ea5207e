package vn.bdg.registry.auth;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.text.Normalizer;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Argon2id (Spring Security's encoder over Bouncy Castle), with the PHC string stored as is.
 *
 * <p>Passwords are hashed in Unicode NFC: the same Vietnamese password arrives precomposed ("ờ" as
 * one code point) from most keyboards and decomposed ("o" + horn + grave) from others (Unikey's
 * "Unicode tổ hợp", some phone keyboards), and must be the same password either way.
 */
public final class PasswordHasher {
    /**
     * The longest password accepted, in characters: far beyond any passphrase, and it keeps a login
     * from making the server hash megabytes (the request body may be up to MAX_REQUEST_BYTES).
     */
    public static final int MAX_LENGTH = 256;

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    // Verified against when the username is unknown, so both cases take the same time.
    private final String decoy = encoder.encode("decoy-password-for-timing");
    /**
     * Permits to hash: each hash takes 16 MB and a core for tens of milliseconds, so logins sent at
     * once from many addresses (which the per-address throttle lets through) wait for a permit
     * instead of hashing all together until memory runs out. Two per core keeps every core busy.
     */
    private final Semaphore hashing;

    public PasswordHasher() {
        this(new Semaphore(2 * Runtime.getRuntime().availableProcessors(), true));
    }

    PasswordHasher(Semaphore hashing) {
        this.hashing = hashing;
    }

    public String hash(String password) {
        return withPermit(() -> encoder.encode(Normalizer.normalize(password, Normalizer.Form.NFC)));
    }

    /**
     * Whether the password is the one hashed. Hashes made before passwords were normalised hold the
     * form typed then, so a password that has other forms is also tried decomposed and as typed; that
     * depends on the password alone, never on whether the account exists (unknown users are checked
     * against the decoy the same way).
     */
    public boolean matches(String password, String storedHash) {
        if (tooLong(password)) {
            return false; // no account has such a password: not worth hashing, whoever it names
        }
        String hash = storedHash == null ? decoy : storedHash;
        String nfc = Normalizer.normalize(password, Normalizer.Form.NFC);
        String nfd = Normalizer.normalize(password, Normalizer.Form.NFD);
        return withPermit(() -> encoder.matches(nfc, hash)
                || !nfd.equals(nfc) && encoder.matches(nfd, hash)
                || !password.equals(nfc) && !password.equals(nfd) && encoder.matches(password, hash));
    }

    private <T> T withPermit(Supplier<T> work) {
        hashing.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            hashing.release();
        }
    }

    /** Longer than {@link #MAX_LENGTH} characters (checked without normalising megabytes first). */
    public static boolean tooLong(String password) {
        // NFC never lengthens a string, and a character is at most 2 UTF-16 units in it
        return password.length() > 8 * MAX_LENGTH || length(password) > MAX_LENGTH;
    }

    /** The length of a password as its user counts it: characters of its NFC form, not UTF-16 units. */
    public static int length(String password) {
        String nfc = Normalizer.normalize(password, Normalizer.Form.NFC);
        return nfc.codePointCount(0, nfc.length());
    }
}
