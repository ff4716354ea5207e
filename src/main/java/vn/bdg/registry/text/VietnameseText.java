package vn.bdg.registry.text;

import org.jooq.Field;
import org.jooq.impl.DSL;

import java.text.Normalizer;

/**
 * Vietnamese text as stored and searched: names in Unicode NFC with single spaces; search keys
 * without tone marks (the database's f_unaccent(lower(...)), the same function behind the
 * indexed name_key columns, so query and index can never disagree).
 */
public final class VietnameseText {
    private VietnameseText() {
    }

    /** NFC, trimmed, inner whitespace collapsed; null stays null, blank becomes null. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        String nfc = Normalizer.normalize(s, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
        return nfc.isEmpty() ? null : nfc;
    }

    /** The accent-free, lower-case search key of a query string, computed by PostgreSQL. */
    public static Field<String> searchKey(String query) {
        return DSL.field("f_unaccent(lower({0}))", String.class, DSL.val(clean(query)));
    }
}
