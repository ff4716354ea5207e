package vn.bdg.registry.auth;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/** Argon2id (Spring Security's encoder over Bouncy Castle), with the PHC string stored as is. */
public final class PasswordHasher {
    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    // Verified against when the username is unknown, so both cases take the same time.
    private final String decoy = encoder.encode("decoy-password-for-timing");

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String storedHash) {
        return encoder.matches(password, storedHash == null ? decoy : storedHash);
    }
}
