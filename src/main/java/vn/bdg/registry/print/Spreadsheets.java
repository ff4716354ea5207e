package vn.bdg.registry.print;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.PaperSize;
import org.dhatim.fastexcel.Position;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tables as files a compiler or organiser opens in a spreadsheet: CSV in UTF-8 with a byte order
 * mark (so that Excel shows Vietnamese correctly), and XLSX laid out as Vietnamese administrative
 * annexes are (a title and a subtitle across the table, bold framed headings, numbered rows).
 */
public final class Spreadsheets {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String CSV = "text/csv; charset=utf-8";
    /** The rows of an XLSX table's parts: the title is the first, the headings the fourth. */
    private static final int SUBTITLE_ROW = 1;
    private static final int NOTE_ROW = 2;
    private static final int HEADINGS_ROW = 3;
    /** Points a line of 11-point text takes. */
    private static final double LINE_HEIGHT = 15;
    /** The tallest row Excel has (fastexcel refuses a taller one); a longer text scrolls in its cell. */
    private static final double MAX_ROW_HEIGHT = 409.5;
    /** Bold letters are wider: a column holds about this share of the regular ones. */
    private static final double BOLD_NARROWING = 0.9;
    /**
     * The widest table (in characters) printed one page wide: A4 turned sideways holds about 140
     * characters at full size, so a wider table than this would print smaller than two thirds.
     */
    private static final double ONE_PAGE_WIDE = 210;

    private Spreadsheets() {
    }

    public static byte[] csv(List<String> headings, List<? extends List<?>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
            writer.write('\uFEFF');
            csv.printRecord(headings);
            for (List<?> row : rows) {
                csv.printRecord(row.stream().map(Spreadsheets::inert).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A text cell a spreadsheet will not run as a formula: names come from users (an organisation
     * called "=HYPERLINK(...)"), so text starting with = + - @ or a tab or carriage return gets a
     * leading apostrophe (OWASP's advice for CSV injection). Numbers stay numbers. The XLSX file
     * needs none of this: its cells are typed, text is never a formula.
     */
    private static Object inert(Object cell) {
        if (cell instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return cell;
    }

    /** One worksheet, filled by the caller (see {@link #table}), as the bytes of an XLSX file. */
    public static byte[] xlsx(String sheetName, Consumer<Worksheet> fill) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "training-registry", "1.0");
            fill.accept(workbook.newWorksheet(sheetName));
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A column of a table: its heading, and its width in characters (Excel's unit). */
    public record Column(String heading, double width) {
    }

    /**
     * Writes a table: the title and subtitle across its width, then, if not null, a note (a
     * definition, say), the headings (after "STT", the row number), then one framed row per item
     * numbered from 1, the headings frozen above the rows. Numbers stay numbers; null and "" are
     * empty cells; text wraps, its rows as tall as their longest text needs. Printed, the sheet is
     * on A4 turned sideways with its headings on every page and numbered pages, and one page wide
     * when that keeps its text at two thirds of its size or more (a wider table goes on across
     * pages instead of becoming unreadably small). Answers the row after the table.
     */
    public static int table(Worksheet sheet, String title, String subtitle, String note, List<Column> columns,
                            List<? extends List<?>> rows) {
        List<Column> all = new ArrayList<>(List.of(new Column("STT", 6)));
        all.addAll(columns);
        int last = all.size() - 1;
        double tableWidth = all.stream().mapToDouble(Column::width).sum();
        sheet.value(0, 0, title);
        sheet.range(0, 0, 0, last).merge();
        sheet.style(0, 0).bold().fontSize(14).horizontalAlignment("center").set();
        acrossTable(sheet, SUBTITLE_ROW, subtitle, last, tableWidth);
        sheet.style(SUBTITLE_ROW, 0).italic().horizontalAlignment("center").wrapText(true).set();
        if (note != null) {
            acrossTable(sheet, NOTE_ROW, note, last, tableWidth);
            sheet.style(NOTE_ROW, 0).wrapText(true).verticalAlignment("top").set();
        }
        int headingLines = 1;
        for (int c = 0; c <= last; c++) {
            Column column = all.get(c);
            sheet.width(c, column.width());
            sheet.value(HEADINGS_ROW, c, column.heading());
            sheet.style(HEADINGS_ROW, c).bold().wrapText(true).fillColor("DDEBF7").borderStyle("thin")
                    .horizontalAlignment("center").verticalAlignment("center").set();
            headingLines = Math.max(headingLines, lines(column.heading(), column.width() * BOLD_NARROWING));
        }
        height(sheet, HEADINGS_ROW, headingLines);
        int r = HEADINGS_ROW + 1;
        for (List<?> row : rows) {
            sheet.value(r, 0, r - HEADINGS_ROW);
            sheet.style(r, 0).borderStyle("thin").verticalAlignment("top").set();
            int rowLines = 1;
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (v instanceof Number n) {
                    sheet.value(r, c + 1, n);
                } else if (v != null && !v.toString().isEmpty()) {
                    sheet.value(r, c + 1, v.toString());
                    rowLines = Math.max(rowLines, lines(v.toString(), all.get(c + 1).width()));
                }
                sheet.style(r, c + 1).borderStyle("thin").wrapText(true).verticalAlignment("top").set();
            }
            if (rowLines > 1) {
                height(sheet, r, rowLines);
            }
            r++;
        }
        sheet.freezePane(0, HEADINGS_ROW + 1);
        sheet.paperSize(PaperSize.A4_PAPER);
        sheet.pageOrientation("landscape");
        if (tableWidth <= ONE_PAGE_WIDE) {
            sheet.setFitToPage(true);
            sheet.fitToWidth((short) 1);
            sheet.fitToHeight((short) 0);
        }
        sheet.repeatRows(HEADINGS_ROW);
        sheet.footer("Trang &P/&N", Position.CENTER);
        return r;
    }

    /** Text in a row of its own, merged across the table, as tall as its wrapped lines need. */
    private static void acrossTable(Worksheet sheet, int row, String text, int lastColumn, double tableWidth) {
        sheet.value(row, 0, text);
        sheet.range(row, 0, row, lastColumn).merge();
        // a spreadsheet does not grow a merged row to fit its text: it is told how tall
        height(sheet, row, lines(text, tableWidth));
    }

    /**
     * About how many lines text takes wrapped in a column of that width: each of its lines (a
     * reason typed in a text area keeps its line breaks) word by word, a width counting characters
     * as wide as a digit, which most letters are at most.
     */
    private static int lines(String text, double columnWidth) {
        double width = Math.max(1, columnWidth); // a column narrower than a letter still shows one a line
        int lines = 0;
        for (String line : text.split("\n", -1)) {
            lines++;
            double used = 0;
            for (String word : line.trim().split("\\s+")) {
                double needed = used == 0 ? word.length() : used + 1 + word.length();
                if (needed <= width || used == 0) {
                    used = needed;
                } else {
                    lines++;
                    used = word.length();
                }
                while (used > width) { // a word longer than the column breaks where the column ends
                    lines++;
                    used -= width;
                }
            }
        }
        return lines;
    }

    /** A row as tall as its lines, up to the tallest row a spreadsheet has (409.5 points). */
    private static void height(Worksheet sheet, int row, int lines) {
        sheet.rowHeight(row, Math.min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT));
    }

    /** Shows the numbers of a column of a table's row as percentages (shares are stored as fractions). */
    public static void percent(Worksheet sheet, int row, int column) {
        sheet.style(row, column).borderStyle("thin").verticalAlignment("top").format("0.00%").set();
    }

    /** The worksheet row of a table's n-th row (from 0). */
    public static int rowOf(int n) {
        return HEADINGS_ROW + 1 + n;
    }
}
