package vn.bdg.registry.text;

import org.jooq.Field;
import org.jooq.impl.DSL;

import java.text.BreakIterator;
import java.text.CollationKey;
import java.text.Collator;
import java.text.Normalizer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Vietnamese text as stored and searched: names in Unicode NFC with single spaces; search keys
 * without tone marks (the database's f_unaccent(lower(...)), the same function behind the
 * indexed name_key columns, so query and index can never disagree).
 */
public final class VietnameseText {
    /**
     * PostgreSQL's collation for Vietnamese alphabetical order (ICU's "vi": Đ after D, Ư after U,
     * tones after the letter), where the database's default C collation puts Đ and Ủ after Z.
     */
    public static final String COLLATION = "vi-x-icu";
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private VietnameseText() {
    }

    /**
     * Invisible characters pasted along with names (Word, Zalo, Excel): zero-width space, non-joiner
     * and joiner, word joiner, byte-order mark, soft hyphen. Left in, they make "Hoa" and "Ho\u200Ba"
     * two names, which neither search nor the duplicate rules can see are the same.
     */
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");
    /** Any Unicode space or line break, also the no-break spaces Java's \\s and strip() leave alone. */
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}\\u0085]+");

    /**
     * NFC, invisible characters removed, every kind of space (no-break, narrow, ideographic...) an
     * ordinary one, trimmed, inner spaces collapsed; null stays null, blank becomes null.
     */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        // invisible characters go first, so that a mark they separated from its letter composes with it
        String visible = INVISIBLE.matcher(s).replaceAll("");
        String nfc = SPACES.matcher(Normalizer.normalize(visible, Normalizer.Form.NFC)).replaceAll(" ").strip();
        return nfc.isEmpty() ? null : nfc;
    }

    /**
     * Free text of several lines (a reason typed in a text area): each line as {@link #clean} makes
     * it, blank lines left out, the line breaks kept; null stays null, blank becomes null.
     */
    public static String cleanLines(String s) {
        if (s == null) {
            return null;
        }
        StringJoiner lines = new StringJoiner("\n");
        s.lines().map(VietnameseText::clean).filter(line -> line != null).forEach(lines::add);
        return lines.length() == 0 ? null : lines.toString();
    }

    /**
     * A name's initials, "Nguyễn Thị Hoà" → "N. T. H.": the first letter of each word as written
     * (with its marks: "Đặng Ánh" → "Đ. Á."), in capitals; "" for no name.
     */
    public static String initials(String name) {
        String clean = clean(name);
        if (clean == null) {
            return "";
        }
        StringJoiner initials = new StringJoiner(" ");
        BreakIterator letters = BreakIterator.getCharacterInstance(VIETNAMESE);
        for (String word : clean.split(" ")) {
            letters.setText(word);
            initials.add(word.substring(0, letters.next()).toUpperCase(VIETNAMESE) + ".");
        }
        return initials.toString();
    }

    /**
     * The order of a list of people as Vietnamese lists print it (danh sách xếp theo tên): by the
     * given name, the last word, then by the whole name, both in Vietnamese alphabetical order (Đ
     * after D, Ă and Â after A, tones after the bare letter). A trainer with a paper sheet finds
     * "Nguyễn Thị Mai" under M, not among the hundred Nguyễns.
     */
    public static <T> List<T> inListOrder(List<T> people, Function<T, String> fullName) {
        // each name's collation keys made once, not again at every comparison of the sort
        Collator vietnamese = Collator.getInstance(VIETNAMESE);
        record Keyed<T>(CollationKey given, CollationKey full, T person) {
        }
        return people.stream()
                .map(p -> new Keyed<>(vietnamese.getCollationKey(givenName(fullName.apply(p))),
                        vietnamese.getCollationKey(fullName.apply(p)), p))
                .sorted(Comparator.comparing((Keyed<T> k) -> k.given()).thenComparing(Keyed::full))
                .map(Keyed::person).toList();
    }

    private static String givenName(String fullName) {
        String clean = clean(fullName);
        return clean == null ? "" : clean.substring(clean.lastIndexOf(' ') + 1);
    }

    /** The five tone marks as combining characters: huyền, sắc, ngã, hỏi, nặng. */
    private static final String TONES = "\u0300\u0301\u0303\u0309\u0323";

    /**
     * A key under which two spellings of one name are equal: letter case, spacing and where the tone
     * mark sits ("Hòa" as in the old style, "Hoà" as in the new; "Thủy", "Thuỷ") make no difference,
     * but the tone itself and the other marks do ("Hòa" and "Hoa" stay apart). Each word's tone
     * marks are taken off its letters and put after it.
     */
    public static String spellingKey(String name) {
        String clean = clean(name);
        if (clean == null) {
            return null;
        }
        StringJoiner key = new StringJoiner(" ");
        for (String word : Normalizer.normalize(clean.toLowerCase(VIETNAMESE), Normalizer.Form.NFD).split(" ")) {
            StringBuilder letters = new StringBuilder();
            StringBuilder tones = new StringBuilder();
            word.chars().forEach(c -> (TONES.indexOf(c) >= 0 ? tones : letters).append((char) c));
            key.add(Normalizer.normalize(letters, Normalizer.Form.NFC) + tones);
        }
        return key.toString();
    }

    /** The accent-free, lower-case search key of a query string, computed by PostgreSQL. */
    public static Field<String> searchKey(String query) {
        return searchKey(DSL.val(clean(query)));
    }

    /** The same key of a column's text (a course's code, say), for a column that keeps none. */
    public static Field<String> searchKey(Field<String> text) {
        return DSL.field("f_unaccent(lower({0}))", String.class, text);
    }
}
