package vn.bdg.registry.certificate;

import java.util.regex.Pattern;

/**
 * Certificate numbers: the province code, the year of issue and a counter of that province and
 * year, e.g. {@code 06-2026-000123}. Readable over the phone, stable, and never given twice.
 */
final class CertificateNumber {
    private static final Pattern FORM = Pattern.compile("[0-9]{2,6}-[0-9]{4}-[0-9]{6,9}");

    private CertificateNumber() {
    }

    static String of(String provinceCode, int year, int counter) {
        return provinceCode + "-" + year + "-" + String.format("%06d", counter);
    }

    /** A well-formed number's parts: province, year of issue and the counter of that province and year. */
    record Parts(String province, int year, int counter) {
        static Parts of(String number) {
            String[] p = number.split("-");
            return new Parts(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        }
    }

    /** Whether text has the form of a number; anything else names no certificate. */
    static boolean wellFormed(String text) {
        return text != null && FORM.matcher(text).matches();
    }
}
