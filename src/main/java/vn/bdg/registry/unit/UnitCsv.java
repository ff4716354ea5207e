package vn.bdg.registry.unit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.bdg.registry.text.VietnameseText;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the administrative-unit CSV of `import-units`:
 * code,name,level,parent_code,valid_from,valid_to,successor_code (UTF-8, ISO dates, empty = open).
 */
public final class UnitCsv {
    /** Official code lengths: province 2 digits, district 3, commune 5. */
    private static final Map<String, Integer> CODE_DIGITS = Map.of("province", 2, "district", 3, "commune", 5);

    private UnitCsv() {
    }

    /**
     * All rows, or an exception naming every bad line: a file is loaded whole or not at all. A
     * byte-order mark, which Excel writes at the start of a "CSV UTF-8" file, is skipped.
     */
    public static List<AdminUnit> read(Reader file) throws IOException {
        Reader in = file.markSupported() ? file : new BufferedReader(file);
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setTrim(true).setIgnoreEmptyLines(true).get();
        List<AdminUnit> units = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            for (String column : List.of("code", "name", "level", "parent_code", "valid_from", "valid_to",
                    "successor_code")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new IllegalArgumentException("missing column: " + column);
                }
            }
            for (CSVRecord row : parser) {
                String where = "line " + parser.getCurrentLineNumber() + ": ";
                String code = row.get("code");
                String level = row.get("level");
                Integer digits = CODE_DIGITS.get(level);
                if (digits == null) {
                    problems.add(where + "level must be province, district or commune");
                    continue;
                }
                if (code.length() != digits || !code.chars().allMatch(Character::isDigit)) {
                    problems.add(where + "a " + level + " code has " + digits + " digits");
                    continue;
                }
                LocalDate from;
                LocalDate to;
                try {
                    from = date(row.get("valid_from"));
                    to = date(row.get("valid_to"));
                } catch (DateTimeParseException e) {
                    problems.add(where + "dates must be ISO (YYYY-MM-DD)");
                    continue;
                }
                if (from != null && to != null && to.isBefore(from)) {
                    problems.add(where + "valid_to is before valid_from");
                    continue;
                }
                units.add(new AdminUnit(code, VietnameseText.clean(row.get("name")), level,
                        emptyToNull(row.get("parent_code")), from, to, emptyToNull(row.get("successor_code"))));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return units;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static LocalDate date(String s) {
        return s == null || s.isEmpty() ? null : LocalDate.parse(s);
    }
}
