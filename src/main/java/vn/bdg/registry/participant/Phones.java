package vn.bdg.registry.participant;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Vietnamese phone numbers, written any common way, to E.164. Mobiles are +84 and 9 digits
 * (3, 5, 7, 8 or 9 first); landlines since 2017 are +84 and 10 digits (area code 2xx first).
 */
final class Phones {
    /** Also no-break and other Unicode spaces, as numbers copied from a document or a sheet have. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\p{Z}.\\-()/]");

    private Phones() {
    }

    /** The number in E.164 (+84...), or empty when it is not a Vietnamese phone number. */
    static Optional<String> toE164(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = SEPARATORS.matcher(raw).replaceAll("");
        String national;
        if (s.startsWith("+84")) {
            national = s.substring(3);
        } else if (s.startsWith("0084")) {
            national = s.substring(4);
        } else if (s.startsWith("84") && (s.length() == 11 || s.length() == 12)) {
            national = s.substring(2);
        } else {
            // also a number whose leading 0 a spreadsheet dropped (912345678)
            national = s;
        }
        if (national.startsWith("0")) {
            national = national.substring(1); // the trunk 0, also when written after +84
        }
        if (national.isEmpty() || !national.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        boolean mobile = national.length() == 9 && "35789".indexOf(national.charAt(0)) >= 0;
        boolean landline = national.length() == 10 && national.charAt(0) == '2';
        return mobile || landline ? Optional.of("+84" + national) : Optional.empty();
    }
}
