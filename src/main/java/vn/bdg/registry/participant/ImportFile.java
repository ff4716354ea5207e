package vn.bdg.registry.participant;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellRangeAddress;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.FieldError;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads an uploaded participant list (CSV in UTF-8, or the first sheet of an XLSX) into numbered
 * rows of known columns. Header names are matched without case or diacritics, in English or
 * Vietnamese; unknown columns (e.g. "STT") are ignored. A file that cannot be read is a 400.
 */
final class ImportFile {
    static final String CSV = "text/csv";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final int MAX_ROWS = 50_000;
    /** The most lines (a title, the unit, the date) above the header that are looked past to find it. */
    static final int MOST_LINES_ABOVE_HEADER = 20;
    /**
     * The lines the readers take: those above the header, the header and a line of Nam and Nữ under
     * it, the rows, and one more, which makes too many rows.
     */
    private static final int MOST_LINES_READ = MOST_LINES_ABOVE_HEADER + 2 + MAX_ROWS + 1;
    /**
     * The most an XLSX may hold unpacked, in all its parts: several times a sheet of MAX_ROWS rows
     * of long names and remarks, far less than a zip bomb (a few megabytes of one repeated letter
     * that unpack to gigabytes, which the reader would hold in memory) would fill.
     */
    static final long MOST_UNPACKED_BYTES = 128L * 1024 * 1024;
    /** The bytes of a zip's local file signature, "PK\3\4", with which an XLSX starts. */
    private static final int ZIP_SIGNATURE_BYTES = 4;

    enum Column {
        full_name("ho va ten", "ho ten"),
        sex("gioi tinh", "gender"),
        birth_year("nam sinh"),
        birth_date("ngay sinh", "ngay thang nam sinh"),
        phone("so dien thoai", "dien thoai", "sdt", "so dt", "dien thoai di dong", "so dien thoai di dong",
                "di dong", "dtdd", "so dtdd"),
        national_id("cccd", "so cccd", "cmnd", "so cmnd", "cccd cmnd", "so cccd cmnd", "cmnd cccd", "so cmnd cccd",
                "so dinh danh", "so dinh danh ca nhan", "can cuoc", "so can cuoc", "can cuoc cong dan",
                "so can cuoc cong dan"),
        ethnicity_code("ethnicity", "dan toc", "ma dan toc"),
        unit_code("ma don vi", "ma don vi hanh chinh"),
        organization("co quan", "don vi cong tac", "co quan don vi"),
        position("chuc vu"),
        target_groups("doi tuong"),
        consent_method("dong y", "hinh thuc dong y", "cach dong y"),
        consent_date("ngay dong y"),
        sensitive_consent("dong y du lieu nhay cam", "dong y dan toc");

        final List<String> aliases;

        Column(String... aliases) {
            this.aliases = List.of(aliases);
        }
    }

    private static final Map<String, Column> BY_HEADER = new HashMap<>();

    static {
        for (Column c : Column.values()) {
            BY_HEADER.put(fold(c.name()), c);
            c.aliases.forEach(a -> BY_HEADER.put(a, c));
        }
    }

    /**
     * The column a heading names, also with a remark in brackets after it, as lists write them
     * ("Số điện thoại (nếu có)", "Giới tính (Nam/Nữ)", "Ngày sinh (dd/mm/yyyy)"); null for none.
     */
    private static Column column(String heading) {
        Column c = BY_HEADER.get(fold(heading));
        if (c == null && heading != null && heading.contains("(")) {
            c = BY_HEADER.get(fold(heading.replaceAll("\\([^)]*\\)?", " ")));
        }
        return c;
    }

    /** One data row: its number (1 = the first row under the header) and its non-blank values. */
    /**
     * A data row: its number, its values by column, and the values it has past the last column of
     * the header, which belong to no column (in a file separated by semicolons, an unquoted value
     * holding a semicolon spills into them).
     */
    record Row(int number, Map<Column, String> values, List<String> beyondHeader) {
        String get(Column c) {
            return values.get(c);
        }
    }

    private ImportFile() {
    }

    /** The supported media type named by a Content-Type header; anything else is a 415. */
    static String mediaType(String contentType) {
        String type = Bodies.mediaType(contentType);
        if (!type.equals(CSV) && !type.equals(XLSX)) {
            throw new ApiException(415, "unsupported_media_type", CSV + ", " + XLSX);
        }
        return type;
    }

    static List<Row> read(String mediaType, byte[] body) {
        List<List<String>> cells = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        List<CellRangeAddress> merged = new ArrayList<>();
        if (mediaType.equals(CSV)) {
            readCsv(body, cells, lineNumbers);
        } else {
            readXlsx(body, cells, lineNumbers, merged);
        }
        return rows(cells, lineNumbers, merged);
    }

    /**
     * Maps the header to columns and numbers the rows below it. The header is the first line that
     * names a known column: a title ("DANH SÁCH HỌC VIÊN") and blank lines above it are skipped.
     * Without one among the first lines, the first non-blank line is taken, whose missing columns
     * are then reported. More than MAX_ROWS rows under the header (and its line of Nam and Nữ) are too many.
     */
    private static List<Row> rows(List<List<String>> lines, List<Integer> lineNumbers, List<CellRangeAddress> merged) {
        if (lines.isEmpty()) {
            throw new ApiException(400, "unreadable_file");
        }
        // looked for among the first lines only: the readers stop MAX_ROWS rows past the last it may be
        int searched = Math.min(lines.size(), MOST_LINES_ABOVE_HEADER + 1);
        int header = 0;
        while (header < searched
                && lines.get(header).stream().noneMatch(cell -> column(cell) != null)) {
            header++;
        }
        if (header == searched) {
            header = 0;
        }
        Map<Integer, Column> columns = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        List<String> headerCells = lines.get(header);
        for (int i = 0; i < headerCells.size(); i++) {
            Column c = column(headerCells.get(i));
            if (c != null && columns.containsValue(c)) {
                errors.add(new FieldError("file", "duplicate_column", c.name()));
            } else if (c != null) {
                columns.put(i, c);
            }
        }
        // sex ticked in two columns, Nam and Nữ: in the header, or in the row below it under a
        // header cell merged over both (Giới tính, or Năm sinh / Ngày sinh, the year written in one of them)
        int firstData = header + 1;
        Column over = null;
        int[] ticks = columns.containsValue(Column.sex) ? null : sexColumns(headerCells);
        if (ticks == null && firstData < lines.size()) {
            int[] below = sexColumns(lines.get(firstData));
            Column above = below == null ? null : columns.get(below[0]);
            if (below != null && !columns.containsKey(below[1]) && (above == null ? !columns.containsValue(Column.sex)
                    : List.of(Column.sex, Column.birth_year, Column.birth_date).contains(above))) {
                ticks = below;
                over = columns.remove(below[0]);
                firstData++;
            }
        }
        // the name written in two columns, family and middle name apart from the given name (lists
        // sorted by given name keep it on its own), under "Họ và tên" merged over both: the columns
        // right of the name's heading whose heading is blank (as a merged cell is, or as a CSV saves it)
        List<Integer> nameColumns = new ArrayList<>();
        for (Map.Entry<Integer, Column> e : columns.entrySet()) {
            if (e.getValue() == Column.full_name) {
                int name = e.getKey();
                int last = headerCells.size() - 1;
                for (CellRangeAddress range : merged) {
                    if (range.getFirstColumn() == name && range.containsRow(lineNumbers.get(header) - 1)) {
                        last = Math.max(last, range.getLastColumn()); // its last cells may not be in the file
                    }
                }
                nameColumns.add(name);
                for (int j = name + 1; j <= last && (j >= headerCells.size() || isBlank(headerCells.get(j)))
                        && !columns.containsKey(j) && (ticks == null || (j != ticks[0] && j != ticks[1])); j++) {
                    nameColumns.add(j);
                }
            }
        }
        // and a line under the heading naming the parts ("Họ đệm", "Tên"), unless the line of Nam and Nữ took it
        if (nameColumns.size() > 1 && firstData == header + 1 && firstData < lines.size()
                && namesParts(lines.get(firstData), nameColumns)) {
            firstData++;
        }
        if (lines.size() - firstData > MAX_ROWS) {
            throw ApiException.invalid("file", "too_many_rows", String.valueOf(MAX_ROWS));
        }
        for (Column required : List.of(Column.full_name, Column.sex)) {
            if (!columns.containsValue(required) && !(required == Column.sex && ticks != null)) {
                errors.add(new FieldError("file", "missing_column", required.name()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Map<Integer, List<String>> byNumber = new HashMap<>();
        for (int l = 0; l < lines.size(); l++) {
            byNumber.put(lineNumbers.get(l), lines.get(l));
        }
        // cells merged down below the header, by column and first line (merged ranges never overlap)
        Map<Integer, TreeMap<Integer, CellRangeAddress>> mergedDown = new HashMap<>();
        for (CellRangeAddress range : merged) {
            if (range.getFirstRow() + 1 > lineNumbers.get(header) && range.getLastRow() > range.getFirstRow()) {
                mergedDown.computeIfAbsent(range.getFirstColumn(), k -> new TreeMap<>())
                        .put(range.getFirstRow() + 1, range);
            }
        }
        List<Row> rows = new ArrayList<>();
        int width = Math.max(ticks == null ? headerCells.size() : Math.max(headerCells.size(), Math.max(ticks[0], ticks[1]) + 1),
                nameColumns.get(nameColumns.size() - 1) + 1);
        for (int l = firstData; l < lines.size(); l++) {
            Map<Column, String> values = new EnumMap<>(Column.class);
            List<String> line = lines.get(l);
            int number = lineNumbers.get(l);
            columns.forEach((i, c) -> {
                String v = c == Column.full_name && nameColumns.size() > 1
                        ? String.join(" ", nameColumns.stream().map(n -> value(line, n, mergedDown, byNumber, number))
                                .filter(part -> !isBlank(part)).toList())
                        : value(line, i, mergedDown, byNumber, number);
                if (!isBlank(v)) {
                    values.put(c, VietnameseText.clean(v));
                }
            });
            if (ticks != null) {
                String male = ticks[0] < line.size() && !isBlank(line.get(ticks[0])) ? line.get(ticks[0]) : null;
                String female = ticks[1] < line.size() && !isBlank(line.get(ticks[1])) ? line.get(ticks[1]) : null;
                if (male != null || female != null) {
                    values.put(Column.sex, male != null && female != null ? "Nam, Nữ" : male != null ? "male" : "female");
                }
                if (over != null && over != Column.sex && (male != null || female != null)) {
                    values.put(over, VietnameseText.clean(male != null ? male : female));
                }
            }
            List<String> beyond = line.subList(Math.min(width, line.size()), line.size()).stream()
                    .filter(v -> !isBlank(v)).map(VietnameseText::clean).toList();
            if (!values.isEmpty() || !beyond.isEmpty()) {
                // numbered from 1 under the heading, a line of Nam and Nữ below it included
                rows.add(new Row(lineNumbers.get(l) - lineNumbers.get(firstData - 1), values, beyond));
            }
        }
        return rows;
    }

    /** A cell's value, or the value of a cell merged down over it; null when neither has one. */
    private static String value(List<String> line, int i, Map<Integer, TreeMap<Integer, CellRangeAddress>> mergedDown,
                                Map<Integer, List<String>> byNumber, int number) {
        String v = i < line.size() ? line.get(i) : null;
        return isBlank(v) ? mergedValue(mergedDown.get(i), byNumber, number, i) : v;
    }

    /** The headings of a name's parts: family and middle name ("Họ đệm", "Họ và tên đệm"), given name ("Tên"). */
    private static final List<String> NAME_PARTS = List.of("ho", "ho dem", "ho lot", "ho va dem", "ho va ten dem",
            "ho va chu dem", "ho va ten lot", "ten dem", "ten");

    /** Whether a line names, under the columns of the name, only its parts (a second line of the heading). */
    private static boolean namesParts(List<String> line, List<Integer> nameColumns) {
        return nameColumns.stream().allMatch(i -> i < line.size() && NAME_PARTS.contains(fold(line.get(i))));
    }

    private static void readCsv(byte[] body, List<List<String>> lines, List<Integer> lineNumbers) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "invalid_encoding");
        }
        // NUL is valid UTF-8 but no text PostgreSQL stores; it fills a file saved as UTF-16 ("Unicode text")
        if (text.indexOf('\u0000') >= 0) {
            throw new ApiException(400, "invalid_encoding");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(text)).setIgnoreEmptyLines(false).get();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            // blank lines are left out before counting: a spreadsheet saves its formatted empty rows too
            parser.stream().filter(record -> !isBlank(List.of(record.values()))).limit(MOST_LINES_READ)
                    .forEach(record -> {
                        lines.add(List.of(record.values()));
                        lineNumbers.add((int) record.getRecordNumber());
                    });
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new ApiException(400, "unreadable_file");
        }
    }

    /** The columns headed Nam and Nữ (men, women) in a line, in that order, or null. */
    private static int[] sexColumns(List<String> line) {
        int male = -1;
        int female = -1;
        for (int i = 0; i < line.size(); i++) {
            String name = fold(line.get(i));
            if (name.equals("nam") && male < 0) {
                male = i;
            } else if (name.equals("nu") && female < 0) {
                female = i;
            }
        }
        return male >= 0 && female >= 0 ? new int[]{male, female} : null;
    }

    /**
     * Comma, or what a spreadsheet in a Vietnamese locale writes instead (semicolon, tab): the one the
     * first line that has any has most of outside quotes (comma on a tie). Not merely any comma: Excel
     * leaves a heading such as "Cơ quan, đơn vị" unquoted in a file it separates with semicolons, and a
     * title may stand above the list, with the separators Excel pads it with ("Lớp tập huấn, năm
     * 2026;;;") or alone on its line ("DANH SÁCH HỌC VIÊN").
     */
    private static char delimiter(String text) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        for (int start = 0; start < text.length() && commas + semicolons + tabs == 0; ) {
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end < 0 ? text.length() : end);
            start = end < 0 ? text.length() : end + 1;
            boolean quoted = false;
            for (char c : line.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted) {
                    commas += c == ',' ? 1 : 0;
                    semicolons += c == ';' ? 1 : 0;
                    tabs += c == '\t' ? 1 : 0;
                }
            }
        }
        if (commas >= semicolons && commas >= tabs) {
            return ',';
        }
        return semicolons >= tabs ? ';' : '\t';
    }

    /**
     * The value a cell shows from a cell merged down over it (one unit or workplace written once
     * for a group of people): the value of the range's first line; else null. Ranges that start
     * on or above the header are left out (a header merged over two rows is no data).
     */
    private static String mergedValue(TreeMap<Integer, CellRangeAddress> column, Map<Integer, List<String>> byNumber,
                                      int number, int index) {
        Map.Entry<Integer, CellRangeAddress> range = column == null ? null : column.lowerEntry(number);
        if (range == null || !range.getValue().containsRow(number - 1)) {
            return null;
        }
        List<String> top = byNumber.get(range.getKey());
        return top != null && index < top.size() ? top.get(index) : null;
    }

    private static void readXlsx(byte[] body, List<List<String>> lines, List<Integer> lineNumbers,
                                 List<CellRangeAddress> merged) {
        // fastexcel throws on fewer bytes than a zip's signature (an empty upload) instead of saying false
        if (body.length < ZIP_SIGNATURE_BYTES || !ReadableWorkbook.isOOXMLZipHeader(body)) {
            throw new ApiException(400, "unreadable_file");
        }
        requireUnpackedAtMost(body, MOST_UNPACKED_BYTES);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(body),
                new ReadingOptions(true, false));
             Stream<org.dhatim.fastexcel.reader.Row> sheet = workbook.getFirstSheet().openStream()) {
            // rows without a value are left out before counting: Excel keeps formatted empty rows
            sheet.map(row -> {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < row.getCellCount(); i++) {
                    values.add(text(row.getCell(i)));
                }
                return new Line(row.getRowNum(), values);
            }).filter(line -> !isBlank(line.cells())).limit(MOST_LINES_READ).forEach(line -> {
                lines.add(line.cells());
                lineNumbers.add(line.number());
            });
            merged.addAll(mergedRanges(body, workbook.getFirstSheet().getId()));
        } catch (IOException | XMLStreamException | RuntimeException e) {
            // fastexcel reports a damaged workbook with its own unchecked exceptions
            throw new ApiException(400, "unreadable_file");
        }
    }

    /**
     * Unpacks every part of the workbook, keeping nothing, and stops with a 400 as soon as they come
     * to more than most bytes: the sizes the zip's directory states could be lies.
     */
    private static void requireUnpackedAtMost(byte[] body, long most) {
        byte[] buffer = new byte[64 * 1024];
        long unpacked = 0;
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(body)).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        unpacked += n;
                        if (unpacked > most) {
                            throw ApiException.invalid("file", "unpacked_too_large", most / (1024 * 1024));
                        }
                    }
                }
            }
        } catch (ApiException refused) {
            throw refused;
        } catch (IOException | RuntimeException e) {
            throw new ApiException(400, "unreadable_file"); // a damaged zip, or one in a method it cannot read
        }
    }

    /**
     * The ranges of merged cells of a sheet ("C5:C8"), which the reader does not give: the sheet's
     * part is named in the workbook's relationships by the sheet's relationship id.
     */
    private static List<CellRangeAddress> mergedRanges(byte[] body, String relationId)
            throws IOException, XMLStreamException {
        String[] part = {null};
        elements(body, "xl/_rels/workbook.xml.rels", "Relationship", xml -> {
            if (relationId.equals(xml.getAttributeValue(null, "Id"))) {
                String target = xml.getAttributeValue(null, "Target");
                part[0] = target.startsWith("/") ? target.substring(1) : "xl/" + target;
            }
        });
        List<CellRangeAddress> ranges = new ArrayList<>();
        if (part[0] != null) {
            elements(body, part[0], "mergeCell", xml -> {
                String ref = xml.getAttributeValue(null, "ref");
                if (ref != null && ref.contains(":")) {
                    ranges.add(CellRangeAddress.valueOf(ref));
                }
            });
        }
        return ranges;
    }

    /** Streams the elements of one name in one part of the workbook (without DTDs or entities). */
    private static void elements(byte[] body, String partName, String element, Consumer<XMLStreamReader> each)
            throws IOException, XMLStreamException {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(body)).get()) {
            ZipArchiveEntry entry = zip.getEntry(partName);
            if (entry == null) {
                return;
            }
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            try (InputStream in = zip.getInputStream(entry)) {
                XMLStreamReader xml = factory.createXMLStreamReader(in);
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals(element)) {
                        each.accept(xml);
                    }
                }
            }
        }
    }

    /** A cell as the text a person sees: whole numbers without ".0", date cells as ISO dates. */
    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return "";
        }
        // a formula's value as a number cell's: "=DATE(1985,3,5)", "=DS!C5" show a date or a number
        if (cell.getType() == CellType.NUMBER
                || (cell.getType() == CellType.FORMULA && cell.getValue() instanceof BigDecimal)) {
            return isDateFormat(cell) ? cell.asDate().toLocalDate().toString()
                    : ((BigDecimal) cell.getValue()).stripTrailingZeros().toPlainString();
        }
        return cell.getText() == null ? "" : cell.getText();
    }

    private static boolean isDateFormat(Cell cell) {
        Integer id = cell.getDataFormatId();
        boolean builtInDate = id != null && (id >= 14 && id <= 22);
        if (builtInDate || cell.getDataFormatString() == null) {
            return builtInDate;
        }
        // what the format shows, without its locale or colour ("[$-409]d/m/yyyy;@", "[$-1010000]",
        // whose digits are no digit placeholders), text in quotes and characters escaped
        String format = cell.getDataFormatString().replaceAll("\\[[^\\]]*\\]|\"[^\"]*\"|\\\\.", "");
        return format.toLowerCase(Locale.ROOT).matches(".*[dy].*") && !format.contains("#") && !format.contains("0");
    }

    private record Line(int number, List<String> cells) {
    }

    private static boolean isBlank(List<String> line) {
        return line.stream().allMatch(ImportFile::isBlank);
    }

    /** Blank also when it holds only no-break or invisible spaces (pasted from a web page or Word). */
    private static boolean isBlank(String cell) {
        return VietnameseText.clean(cell) == null;
    }

    /** Lower case, without diacritics (đ -> d), words separated by single spaces: "Họ và tên" -> "ho va ten". */
    static String fold(String s) {
        String noMarks = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace('đ', 'd').replace('Đ', 'D');
        return noMarks.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
