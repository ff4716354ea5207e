package vn.bdg.registry.print;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A table printed from its XLSX is an annex one can file: on A4 turned sideways, as wide as the
 * page whatever its number of columns, its headings again on every page, and the pages numbered.
 * The spreadsheet's own XML says so; it is read here as any spreadsheet program reads it.
 */
class SpreadsheetsTest {
    @Test
    void anXlsxTablePrintsOnA4LandscapeOnePageWideWithItsHeadingsOnEveryPageAndPageNumbers() throws IOException {
        Map<String, String> parts = unzip(table(List.of(new Spreadsheets.Column("Họ và tên", 24),
                new Spreadsheets.Column("Số buổi vắng có phép", 9))));
        String worksheet = parts.get("xl/worksheets/sheet1.xml");
        assertThat(worksheet).contains("<pageSetUpPr fitToPage=\"true\"")
                .containsPattern("<pageSetup [^>]*paperSize=\"9\"") // 9: A4 in Office Open XML
                .containsPattern("<pageSetup [^>]*orientation=\"landscape\"")
                .containsPattern("<pageSetup [^>]*fitToWidth=\"1\"")
                .containsPattern("<pageSetup [^>]*fitToHeight=\"0\"") // 0: as many pages tall as it takes
                .containsPattern("<oddFooter>[^<]*Trang &amp;P/&amp;N</oddFooter>");
        // the headings are the fourth row (under the title and subtitle): repeated on every printed page
        assertThat(parts.get("xl/workbook.xml")).containsPattern(
                "<definedName [^>]*name=\"_xlnm.Print_Titles\"[^>]*>'[^']+'!\\$4:\\$4</definedName>");
        // a spreadsheet does not grow rows for wrapped text by itself: "Số buổi vắng có phép" in 9 takes 3 lines
        assertThat(worksheet).containsPattern("<row r=\"4\" ht=\"45\\.0\"");
    }

    @Test
    void aTableTooWideForOnePageIsNotShrunkToIt() throws IOException {
        List<Spreadsheets.Column> wide = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            wide.add(new Spreadsheets.Column("Cột " + i, 18));
        }
        String worksheet = unzip(table(wide)).get("xl/worksheets/sheet1.xml");
        assertThat(worksheet).doesNotContain("fitToPage=\"true\"")
                .containsPattern("<pageSetup [^>]*orientation=\"landscape\"");
    }

    /** Row heights of odd text do not throw. */
    @Test
    void oddTextDoesNotThrow() {
        List<Object> row = new ArrayList<>(Arrays.asList("", "   ", null, "x".repeat(20),
                " leading", "trailing ", "\t\n", "a\u00A0b", 3));
        List<Spreadsheets.Column> columns = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            columns.add(new Spreadsheets.Column("", 0.5 + i));
        }
        byte[] xlsx = Spreadsheets.xlsx("x", sheet -> Spreadsheets.table(sheet, "", "", "", columns, List.of(row)));
        assertThat(xlsx).isNotEmpty();
        byte[] csv = Spreadsheets.csv(List.of("a"), List.of(Arrays.asList((Object) null), List.of("")));
        assertThat(csv).isNotEmpty();
    }

    @Test
    void aColumnOfNoWidthStillFinishes() {
        byte[] xlsx = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Spreadsheets.xlsx("x",
                sheet -> Spreadsheets.table(sheet, "T", "S", null, List.of(new Spreadsheets.Column("Tên", 0)),
                        List.of(List.of("Lò Thị Mai")))));
        assertThat(xlsx).isNotEmpty();
    }

    /** fastexcel refuses a row taller than Excel's 409.5 points: a cell of more than 27 computed lines. */
    @Test
    void aCellOfMoreThanTwentySevenLinesDoesNotThrow() {
        String reasons = String.join("; ", java.util.Collections.nCopies(10,
                "21/04/2026 07:30–11:30: Ốm, có giấy của trạm y tế xã, đã báo trước với ban tổ chức lớp"));
        List<Spreadsheets.Column> columns = List.of(new Spreadsheets.Column("Ghi chú", 30));
        byte[] xlsx = Spreadsheets.xlsx("x", sheet -> Spreadsheets.table(sheet, "T", "S", null, columns,
                List.of(List.of(reasons))));
        assertThat(xlsx).isNotEmpty();
    }
    private static byte[] table(List<Spreadsheets.Column> columns) {
        List<Object> row = new ArrayList<>();
        columns.forEach(c -> row.add("x"));
        return Spreadsheets.xlsx("Điểm danh", sheet -> Spreadsheets.table(sheet, "DANH SÁCH", "Lớp thử", null,
                columns, List.of(row, row)));
    }

    @Test
    void csvStartsWithAByteOrderMarkAndKeepsTextFromRunningAsAFormula() {
        String csv = new String(Spreadsheets.csv(List.of("Tên", "Số"),
                List.of(List.of("=HYPERLINK(\"x\")", -3), List.of("Hội LHPN", 2))), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("\uFEFFTên,Số\r\n\"'=HYPERLINK(\"\"x\"\")\",-3\r\nHội LHPN,2\r\n");
    }

    /** The parts of a zip as its central directory lists them (what spreadsheet programs read). */
    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Path file = Files.createTempFile("table", ".xlsx");
        try {
            Files.write(file, zip);
            Map<String, String> parts = new HashMap<>();
            try (ZipFile archive = new ZipFile(file.toFile())) {
                for (ZipEntry e : Collections.list(archive.entries())) {
                    parts.put(e.getName(), new String(archive.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return parts;
        } finally {
            Files.delete(file);
        }
    }
}
