package vn.bdg.registry.participant;

import org.jooq.DSLContext;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.db.tables.records.ParticipantRecord;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.FieldError;
import vn.bdg.registry.web.Messages;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import static vn.bdg.registry.participant.ImportFile.Column;

/**
 * Imports a participant list: every row is checked with the same rules as the API, then matched to
 * an existing person or an earlier row of the file (national ID, then phone, then name + birth
 * year + unit), else created. A dry run writes nothing; a commit applies all rows or none. Matching
 * asks the database once per import and inserts go in multi-row batches, so 10,000 rows take
 * seconds. The audit log gets one summary row per applied import.
 */
final class ParticipantImport {
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d/M/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+\\.0");

    /** The answer (ImportReport). */
    record Report(boolean dryRun, boolean applied, int total, int created, int matched, int rejected,
                  List<ReportRow> rows) {
    }

    /** One row of the answer (ImportRow). */
    record ReportRow(int row, String outcome, UUID participantId, String matchedBy, String fullName,
                     List<RowError> errors) {
    }

    /** A field error of a row, with its message in the caller's language. */
    record RowError(String field, String message, String code) {
    }

    /** A row as checked: the normalised data when valid, else its errors. */
    private record Checked(ImportFile.Row row, ParticipantData data, List<FieldError> errors) {
    }

    private final DSLContext dsl;
    private final ParticipantRepository participants;
    private final ParticipantRules rules;
    private final AuditLog audit;

    ParticipantImport(DSLContext dsl, ParticipantRepository participants, ParticipantRules rules, AuditLog audit) {
        this.dsl = dsl;
        this.participants = participants;
        this.rules = rules;
        this.audit = audit;
    }

    /** How the valid rows went: matched to a person (existing or an earlier row), or to be created. */
    private record Matching(Set<UUID> existingIds, Map<Integer, Duplicates.Match> matches,
                            Map<Integer, ParticipantRepository.NewParticipant> creations) {
    }

    Report run(Caller caller, List<ImportFile.Row> rows, boolean dryRun, Locale locale) {
        List<Checked> checked = rows.stream().map(r -> check(caller, r)).toList();
        List<Checked> valid = checked.stream().filter(c -> c.errors().isEmpty()).toList();
        List<String> nameKeys = participants.nameKeys(valid.stream().map(c -> c.data().fullName()).toList());
        if (dryRun) {
            return report(checked, match(dsl, caller, valid, nameKeys), false, locale);
        }
        int rejected = checked.size() - valid.size();
        if (rejected > 0) {
            List<FieldError> errors = new ArrayList<>();
            for (Checked c : checked) {
                c.errors().forEach(e -> errors.add(
                        new FieldError("rows[" + c.row().number() + "]." + e.field(), e.code(), e.args())));
            }
            throw new ApiException(422, "import_rejected", errors, rejected);
        }
        Matching matching = dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            // nobody registers in the province between matching and inserting: a person created
            // meanwhile (a walk-in, another import) would be missed and created a second time
            participants.holdAllRegistrations(tx, caller.provinceCode());
            Matching m = match(tx, caller, valid, nameKeys);
            participants.insert(tx, caller.provinceCode(), List.copyOf(m.creations().values()));
            Map<UUID, Consent> consents = ofKnownPeople(valid, m, ParticipantData::consent);
            Set<UUID> consented = participants.recordFirstConsents(tx, consents);
            Map<UUID, String> units = ofKnownPeople(valid, m, ParticipantData::unitCode);
            Map<UUID, Integer> unitsGiven = participants.recordFirstUnits(tx, units);
            audit.recordEach(tx, caller, "update", "participant",
                    completedRecords(consents, consented, units, unitsGiven));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("rows", checked.size());
            summary.put("created", m.creations().values().stream().map(ParticipantRepository.NewParticipant::id)
                    .toList());
            summary.put("matched", m.matches().values().stream().map(match -> match.person().id())
                    .filter(m.existingIds()::contains).distinct().toList());
            summary.put("consentRecorded", List.copyOf(consented));
            summary.put("unitRecorded", List.copyOf(unitsGiven.keySet()));
            audit.record(tx, caller, "import", "participant", null, null, summary);
            return m;
        });
        return report(checked, matching, true, locale);
    }

    /**
     * A detail (consent, unit) of the rows matched to people already registered, the first row's
     * that has it for a person: recorded where their record has none
     * (ParticipantRepository.recordFirstConsents, recordFirstUnits).
     */
    private static <T> Map<UUID, T> ofKnownPeople(List<Checked> valid, Matching m, Function<ParticipantData, T> detail) {
        Map<UUID, T> found = new LinkedHashMap<>();
        for (Checked c : valid) {
            Duplicates.Match match = m.matches().get(c.row().number());
            T value = detail.apply(c.data());
            if (match != null && m.existingIds().contains(match.person().id()) && value != null) {
                found.putIfAbsent(match.person().id(), value);
            }
        }
        return found;
    }

    /**
     * An audit entry for each known person whose record took the consent or the unit of a row; with
     * the unit, how many of their enrollments took it too (as an edit's entry says).
     */
    private static List<AuditLog.Entry> completedRecords(Map<UUID, Consent> consents, Set<UUID> consented,
                                                         Map<UUID, String> units, Map<UUID, Integer> unitsGiven) {
        Map<UUID, Map<String, Object>> recorded = new LinkedHashMap<>();
        consented.forEach(id -> recorded.computeIfAbsent(id, k -> new LinkedHashMap<>()).put("consent", consents.get(id)));
        unitsGiven.keySet().forEach(id -> recorded.computeIfAbsent(id, k -> new LinkedHashMap<>())
                .put("unitCode", units.get(id)));
        return recorded.entrySet().stream().map(e -> {
            Map<String, Object> before = new LinkedHashMap<>();
            e.getValue().keySet().forEach(field -> before.put(field, null)); // none was on record
            Map<String, Object> after = e.getValue();
            if (unitsGiven.getOrDefault(e.getKey(), 0) > 0) {
                after.put("enrollmentsGivenTheUnit", unitsGiven.get(e.getKey()));
            }
            return new AuditLog.Entry(e.getKey(), before, after);
        }).toList();
    }

    /**
     * Everyone a valid row could match, in one query; then rows are matched in file order, each
     * created row joining the index so that later rows of the same person match it.
     */
    private Matching match(DSLContext tx, Caller caller, List<Checked> valid, List<String> nameKeys) {
        List<ParticipantRecord> existing = participants.matchCandidates(tx, ParticipantService.scope(caller),
                valid.stream().map(c -> c.data().nationalId()).filter(Objects::nonNull)
                        .map(NationalIdHasher.Digest::hmac).toList(),
                valid.stream().map(c -> c.data().phone()).filter(Objects::nonNull).distinct().toList(),
                nameKeys.stream().distinct().toList(), null);
        Set<UUID> existingIds = new HashSet<>();
        existing.forEach(r -> existingIds.add(r.getId()));
        Duplicates index = new Duplicates(existing.stream().map(ParticipantRepository::toPerson).toList());

        Map<Integer, Duplicates.Match> matches = new LinkedHashMap<>();
        Map<Integer, ParticipantRepository.NewParticipant> creations = new LinkedHashMap<>();
        for (int i = 0; i < valid.size(); i++) {
            Checked c = valid.get(i);
            Duplicates.Person person = ParticipantService.person(UUID.randomUUID(), c.data(), nameKeys.get(i));
            var best = index.best(person);
            if (best.isPresent() && !best.get().contradicted()) {
                matches.put(c.row().number(), best.get());
            } else {
                // shares a phone or name with someone it cannot be: created, but flagged for review
                UUID duplicateOf = best.map(m -> m.person().id()).orElse(null);
                creations.put(c.row().number(),
                        new ParticipantRepository.NewParticipant(person.id(), c.data(), duplicateOf));
                index.add(person);
            }
        }
        return new Matching(existingIds, matches, creations);
    }

    private static Report report(List<Checked> checked, Matching matching, boolean applied, Locale locale) {
        List<ReportRow> report = new ArrayList<>();
        for (Checked c : checked) {
            int n = c.row().number();
            String fullName = c.data() != null ? c.data().fullName() : c.row().get(Column.full_name);
            if (!c.errors().isEmpty()) {
                report.add(new ReportRow(n, "rejected", null, null, fullName,
                        c.errors().stream().map(e -> new RowError(e.field(),
                                Messages.get(locale, "field." + e.code(), e.args()), e.code())).toList()));
            } else if (matching.matches().containsKey(n)) {
                Duplicates.Match m = matching.matches().get(n);
                UUID id = m.person().id();
                report.add(new ReportRow(n, "matched", matching.existingIds().contains(id) || applied ? id : null,
                        m.reason().matchedBy, fullName, List.of()));
            } else {
                report.add(new ReportRow(n, "created", applied ? matching.creations().get(n).id() : null, null,
                        fullName, List.of()));
            }
        }
        int rejected = (int) checked.stream().filter(c -> !c.errors().isEmpty()).count();
        return new Report(!applied, applied, checked.size(), matching.creations().size(), matching.matches().size(),
                rejected, report);
    }

    /** One row through the API's rules; errors are named by the file's columns (phone, target_groups[1]). */
    private Checked check(Caller caller, ImportFile.Row row) {
        List<FieldError> errors = new ArrayList<>();
        if (!row.beyondHeader().isEmpty()) {
            // never dropped silently: such a value is most often the second half of a split one
            errors.add(new FieldError("cells", "beyond_header", row.beyondHeader().size(),
                    row.beyondHeader().get(0)));
        }
        Integer birthYear = null;
        String year = wholeNumber(row.get(Column.birth_year)); // 1985.0, as another program writes it
        String date = wholeNumber(row.get(Column.birth_date));
        if (date != null && YEAR.matcher(date).matches() && (year == null || year.equals(date))) {
            year = date; // only the year is known, as lists often write in the column "Ngày sinh"
            date = null;
        }
        if (year != null && !YEAR.matcher(year).matches() && date(year) != null
                && (date == null || date(year).equals(date(date)))) {
            date = year; // the whole date, as lists often write in the column "Năm sinh"
            year = null;
        }
        if (year != null) {
            if (YEAR.matcher(year).matches()) {
                birthYear = Integer.parseInt(year);
            } else {
                errors.add(new FieldError(Column.birth_year.name(), "invalid_year"));
            }
        }
        LocalDate birthDate = null;
        if (date != null) {
            birthDate = date(date);
            if (birthDate == null) {
                errors.add(new FieldError(Column.birth_date.name(), "invalid_file_date"));
            }
        }
        ParticipantInput.ConsentInput consent = null;
        if (row.get(Column.consent_method) != null || row.get(Column.consent_date) != null
                || row.get(Column.sensitive_consent) != null) {
            String consentDate = row.get(Column.consent_date);
            LocalDate givenOn = consentDate == null ? null : date(consentDate);
            if (consentDate != null && givenOn == null) {
                errors.add(new FieldError(Column.consent_date.name(), "invalid_file_date"));
            }
            Boolean sensitive = yesNo(row.get(Column.sensitive_consent));
            if (sensitive == null) {
                errors.add(new FieldError(Column.sensitive_consent.name(), "invalid_yes_no"));
            }
            consent = new ParticipantInput.ConsentInput(givenOn == null ? consentDate : givenOn.toString(),
                    consentMethod(row.get(Column.consent_method)), sensitive);
        }
        String groups = row.get(Column.target_groups);
        ParticipantInput input = new ParticipantInput(row.get(Column.full_name), sex(row.get(Column.sex)),
                birthYear, birthDate, wholeNumber(row.get(Column.phone)), nationalId(row.get(Column.national_id)),
                row.get(Column.ethnicity_code), row.get(Column.unit_code), row.get(Column.organization),
                row.get(Column.position),
                groups == null ? List.of() : Arrays.stream(groups.split("[;,]")).map(String::strip)
                        .filter(g -> !g.isEmpty()).toList(), consent);
        ParticipantRules.Checked c = rules.check(caller, input);
        List<String> unreadable = errors.stream().map(FieldError::field).toList();
        c.errors().stream().map(e -> new FieldError(columnName(e.field()), e.code(), e.args()))
                .filter(e -> !unreadable.contains(e.field())) // a value the file gave unreadably, named once
                .forEach(errors::add);
        return new Checked(row, errors.isEmpty() ? c.data() : null, errors);
    }

    /** How consent was given, also in Vietnamese (phiếu, lời nói, trực tuyến); other values as written. */
    private static String consentMethod(String value) {
        if (value == null) {
            return null;
        }
        return switch (ImportFile.fold(value)) {
            case "paper form", "phieu", "phieu dang ky", "giay", "van ban" -> "paper_form";
            case "verbal", "loi noi", "bang loi", "truc tiep" -> "verbal";
            case "online", "truc tuyen" -> "online";
            default -> value;
        };
    }

    /**
     * Whether the consent covers sensitive data: có / không, yes / no, x, true / false, 1 / 0; a
     * blank cell is no (a box nobody ticked); anything else null.
     */
    private static Boolean yesNo(String value) {
        if (value == null) {
            return false;
        }
        return switch (ImportFile.fold(value)) {
            case "co", "x", "yes", "true", "1", "dong y" -> true;
            case "khong", "no", "false", "0", "khong dong y" -> false;
            default -> null;
        };
    }

    /** Nam / Nữ as well as male / female. */
    private static String sex(String value) {
        if (value == null) {
            return null;
        }
        return switch (ImportFile.fold(value)) {
            case "female", "nu", "f" -> "female";
            case "male", "nam", "m" -> "male";
            default -> value;
        };
    }

    /** Spreadsheets drop the leading zeros of numbers: a CCCD of 10-11 digits or a CMND of 8 gets them back. */
    private static String nationalId(String value) {
        value = wholeNumber(value);
        if (value == null || !DIGITS.matcher(value).matches()) {
            return value;
        }
        int length = value.length();
        int target = length == 10 || length == 11 ? 12 : length == 8 ? 9 : length;
        return "0".repeat(target - length) + value;
    }

    /**
     * A number as another program writes a spreadsheet's whole number (912345678.0) without its
     * decimals, whose dot would otherwise be taken for a separator (12345678.0 read as 123456780);
     * any other value as it is.
     */
    private static String wholeNumber(String value) {
        return value != null && WHOLE_NUMBER.matcher(value).matches() ? value.substring(0, value.indexOf('.')) : value;
    }

    /** ISO (1985-03-15) or as written in Vietnam (15/03/1985, 15-03-1985, 15.03.1985). */
    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDate.parse(value.replace('-', '/').replace('.', '/'), DAY_MONTH_YEAR);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /**
     * A JSON field name as the file's column: birthYear -> birth_year, targetGroups[1] ->
     * target_groups[1], consent.givenAt -> consent_date.
     */
    static String columnName(String jsonField) {
        return switch (jsonField) {
            case "consent.givenAt" -> Column.consent_date.name();
            case "consent.method" -> Column.consent_method.name();
            case "consent.coversSensitiveData" -> Column.sensitive_consent.name();
            default -> jsonField.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        };
    }
}
