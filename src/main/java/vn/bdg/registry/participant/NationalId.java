package vn.bdg.registry.participant;

import java.util.Optional;

/**
 * A national ID number: the 12-digit CCCD, whose structure is checked (3-digit province of birth
 * registration 001-096, a digit for sex and century, the last two digits of the birth year, a
 * serial), or the legacy 9-digit CMND. Never logged, never returned: only {@link #mask}.
 */
record NationalId(Kind kind, String digits) {
    enum Kind { cccd, cmnd }

    private static final int MAX_PROVINCE_CODE = 96;

    @Override
    public String toString() {
        return "NationalId[" + kind + ", " + mask(kind, last3()) + "]";
    }

    /**
     * The number as a CCCD or CMND, or empty when it is neither (spaces of any kind, dots and dashes,
     * as people group the digits, are ignored).
     */
    static Optional<NationalId> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String digits = raw.replaceAll("[\\s\\p{Z}.\\-]", "");
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        if (digits.length() == 9) {
            return Optional.of(new NationalId(Kind.cmnd, digits));
        }
        if (digits.length() != 12) {
            return Optional.empty();
        }
        int province = Integer.parseInt(digits.substring(0, 3));
        int sexCentury = digits.charAt(3) - '0';
        if (province < 1 || province > MAX_PROVINCE_CODE || sexCentury > 3) {
            return Optional.empty();
        }
        return Optional.of(new NationalId(Kind.cccd, digits));
    }

    /**
     * Why a CCCD contradicts the person's sex or birth year (an error code), or empty. The 4th
     * digit is 0/1 for a man/woman born in the 1900s and 2/3 in the 2000s; digits 5-6 are the
     * last two digits of the birth year. A CMND carries neither.
     */
    Optional<String> mismatch(String sex, Integer birthYear) {
        if (kind != Kind.cccd) {
            return Optional.empty();
        }
        int sexCentury = digits.charAt(3) - '0';
        boolean female = sexCentury % 2 == 1;
        if (("female".equals(sex) && !female) || ("male".equals(sex) && female)) {
            return Optional.of("national_id_sex_mismatch");
        }
        if (birthYear != null && !birthYear.equals(birthYear())) {
            return Optional.of("national_id_birth_year_mismatch");
        }
        return Optional.empty();
    }

    /** The birth year a CCCD states (digits 5-6, the century from the 4th), null for a CMND. */
    Integer birthYear() {
        if (kind != Kind.cccd) {
            return null;
        }
        return 1900 + ((digits.charAt(3) - '0') / 2) * 100 + Integer.parseInt(digits.substring(4, 6));
    }

    String last3() {
        return digits.substring(digits.length() - 3);
    }

    /** What clients see: all but the last 3 digits masked, e.g. *********123 for a CCCD. */
    static String mask(Kind kind, String last3) {
        return "*".repeat(kind == Kind.cccd ? 9 : 6) + last3;
    }
}
