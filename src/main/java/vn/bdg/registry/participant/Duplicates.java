package vn.bdg.registry.participant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The duplicate rules, in one place for create, update, the duplicates list and imports: two
 * records are likely the same person when they share the national ID, or the phone, or the
 * normalised name and birth year and unit (in that order of strength). An index of people answers
 * "who is this person likely a duplicate of" from memory, so an import asks the database once.
 */
final class Duplicates {
    enum Reason {
        same_national_id("national_id"), same_phone("phone"), same_name_birth_year_unit("name_birth_year_unit");

        /** The name of the reason in an import report (matchedBy). */
        final String matchedBy;

        Reason(String matchedBy) {
            this.matchedBy = matchedBy;
        }
    }

    /** What the rules compare. nameKey is the database's name_key (accent-free, lower case). */
    record Person(UUID id, byte[] nationalIdHmac, String phone, String nameKey, Integer birthYear, String unitCode,
                  String sex) {
    }

    /** The person found, why, and whether other facts show it is someone else after all. */
    record Match(Person person, Reason reason, boolean contradicted) {
    }

    private final Map<String, Person> byNationalId = new HashMap<>();
    private final Map<String, Person> byPhone = new HashMap<>();
    private final Map<String, Person> byNameYearUnit = new HashMap<>();

    /** people in order of preference: the first of several with the same key is the one matched. */
    Duplicates(Collection<Person> people) {
        people.forEach(this::add);
    }

    void add(Person p) {
        if (p.nationalIdHmac() != null) {
            byNationalId.putIfAbsent(HexFormat.of().formatHex(p.nationalIdHmac()), p);
        }
        if (p.phone() != null) {
            byPhone.putIfAbsent(p.phone(), p);
        }
        nameYearUnit(p).ifPresent(k -> byNameYearUnit.putIfAbsent(k, p));
    }

    /**
     * The record p most likely duplicates: the strongest reason whose match nothing contradicts,
     * else the strongest match (contradicted: flag it, but do not take it for the same person).
     */
    Optional<Match> best(Person p) {
        return best(p, false);
    }

    /**
     * As best(p), where namesMustAgree also takes a national ID or phone for someone else unless the
     * names agree: neither other names nor another given name (the last word: "Mai" may be "Hà Thị
     * Mai", "Thị" is anybody). For a walk-in, whose answer names the record found to a trainer, who
     * may read no participant: a number typed with any name, or with "Thị", would tell whose it is.
     */
    Optional<Match> best(Person p, boolean namesMustAgree) {
        List<Match> found = new ArrayList<>();
        if (p.nationalIdHmac() != null) {
            add(found, p, byNationalId.get(HexFormat.of().formatHex(p.nationalIdHmac())), Reason.same_national_id,
                    namesMustAgree);
        }
        if (p.phone() != null) {
            add(found, p, byPhone.get(p.phone()), Reason.same_phone, namesMustAgree);
        }
        nameYearUnit(p).ifPresent(k -> add(found, p, byNameYearUnit.get(k), Reason.same_name_birth_year_unit,
                namesMustAgree));
        return found.stream().filter(m -> !m.contradicted()).findFirst().or(() -> found.stream().findFirst());
    }

    private static void add(List<Match> found, Person p, Person candidate, Reason reason, boolean namesMustAgree) {
        if (candidate != null && !candidate.id().equals(p.id())) {
            boolean contradicted = (reason != Reason.same_national_id && contradict(p, candidate))
                    || (namesMustAgree && !namesAgree(p.nameKey(), candidate.nameKey()));
            found.add(new Match(candidate, reason, contradicted));
        }
    }

    /** Every reason why a and b are likely the same person (empty: they are not). */
    static List<Reason> reasons(Person a, Person b) {
        List<Reason> reasons = new ArrayList<>();
        if (a.nationalIdHmac() != null && Arrays.equals(a.nationalIdHmac(), b.nationalIdHmac())) {
            reasons.add(Reason.same_national_id);
        }
        if (a.phone() != null && a.phone().equals(b.phone())) {
            reasons.add(Reason.same_phone);
        }
        if (nameYearUnit(a).isPresent() && nameYearUnit(a).equals(nameYearUnit(b))) {
            reasons.add(Reason.same_name_birth_year_unit);
        }
        return reasons;
    }

    /**
     * Facts showing two people who share a phone or a name are different: another ID, sex or birth
     * year, or names of which neither is part of the other (a household shares a phone: "Trần Văn
     * Khách" is not "Nguyễn Văn Bình"; "Mai" may well be "Hà Thị Mai").
     */
    static boolean contradict(Person a, Person b) {
        boolean otherId = a.nationalIdHmac() != null && b.nationalIdHmac() != null
                && !Arrays.equals(a.nationalIdHmac(), b.nationalIdHmac());
        return otherId || differ(a.sex(), b.sex()) || differ(a.birthYear(), b.birthYear())
                || otherNames(a.nameKey(), b.nameKey());
    }

    private static boolean namesAgree(String a, String b) {
        return a == null || b == null || (!otherNames(a, b) && givenName(a).equals(givenName(b)));
    }

    private static String givenName(String nameKey) {
        String[] words = nameKey.trim().split("\\s+");
        return words[words.length - 1];
    }

    private static boolean otherNames(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        List<String> wordsA = List.of(a.trim().split("\\s+"));
        List<String> wordsB = List.of(b.trim().split("\\s+"));
        return !wordsA.containsAll(wordsB) && !wordsB.containsAll(wordsA);
    }

    private static boolean differ(Object a, Object b) {
        return a != null && b != null && !a.equals(b);
    }

    private static Optional<String> nameYearUnit(Person p) {
        if (p.nameKey() == null || p.birthYear() == null || p.unitCode() == null) {
            return Optional.empty();
        }
        return Optional.of(p.nameKey() + '\u0000' + p.birthYear() + '\u0000' + p.unitCode());
    }
}
