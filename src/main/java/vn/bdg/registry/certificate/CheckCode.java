package vn.bdg.registry.certificate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * A certificate's check code (mã tra cứu): random, printed beside the sequential number and carried
 * in the QR link, so that whoever holds the certificate can see the holder's full name on the public
 * check while someone counting through numbers sees only initials. Ten characters of Crockford's
 * base32 (no I, L, O or U): 50 bits, stored as ten characters, shown as two groups of five.
 */
final class CheckCode {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 10;
    /** Far longer than any way of writing a code: such input is no code, and is not worked through. */
    private static final int LONGEST_GIVEN = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CheckCode() {
    }

    static String generate() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** As printed and shown: "7K3QD-M9XWA", easier to read out and to type. */
    static String printed(String code) {
        return code.substring(0, LENGTH / 2) + "-" + code.substring(LENGTH / 2);
    }

    /**
     * Whether the text someone gave is the code, compared in constant time. Case, hyphens and
     * spaces do not matter, and Crockford's look-alikes read as meant (O as 0, I and L as 1).
     */
    static boolean matches(String code, String given) {
        if (given == null || given.length() > LONGEST_GIVEN) {
            return false;
        }
        return MessageDigest.isEqual(canonical(code).getBytes(StandardCharsets.UTF_8),
                canonical(given).getBytes(StandardCharsets.UTF_8));
    }

    private static String canonical(String text) {
        StringBuilder out = new StringBuilder(LENGTH);
        for (char ch : text.toCharArray()) {
            char c = ch < 128 ? Character.toUpperCase(ch) : ch;
            switch (c) {
                case '-', ' ' -> {
                }
                case 'O' -> out.append('0');
                case 'I', 'L' -> out.append('1');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
