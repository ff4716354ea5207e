package vn.bdg.registry.print;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
    /** The row of the headings in an XLSX table; the title, subtitle and note (if any) are above it. */
    private static final int HEADINGS_ROW = 3;
    private static final int NOTE_ROW = 2;
    /** Merged cells do not grow with their text: a note gets room for two lines. */
    private static final double NOTE_HEIGHT = 30;

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

    /**
     * Writes a table: the title and subtitle across its width, the headings (the first is "STT",
     * the row number), then one framed row per item numbered from 1, the headings frozen above the
     * rows. Numbers stay numbers; null and "" are empty cells. Answers the row after the table.
     */
    public static int table(Worksheet sheet, String title, String subtitle, List<String> headings,
                            List<? extends List<?>> rows) {
        return table(sheet, title, subtitle, null, headings, rows);
    }

    /** A table as above, with a note across it between the subtitle and the headings (a definition, say). */
    public static int table(Worksheet sheet, String title, String subtitle, String note, List<String> headings,
                            List<? extends List<?>> rows) {
        int last = headings.size() - 1;
        sheet.value(0, 0, title);
        sheet.range(0, 0, 0, last).merge();
        sheet.style(0, 0).bold().fontSize(14).horizontalAlignment("center").set();
        sheet.value(1, 0, subtitle);
        sheet.range(1, 0, 1, last).merge();
        sheet.style(1, 0).italic().horizontalAlignment("center").wrapText(true).set();
        if (note != null) {
            sheet.value(NOTE_ROW, 0, note);
            sheet.range(NOTE_ROW, 0, NOTE_ROW, last).merge();
            sheet.style(NOTE_ROW, 0).wrapText(true).verticalAlignment("top").set();
            sheet.rowHeight(NOTE_ROW, NOTE_HEIGHT);
        }
        for (int c = 0; c <= last; c++) {
            sheet.value(HEADINGS_ROW, c, headings.get(c));
            sheet.style(HEADINGS_ROW, c).bold().wrapText(true).fillColor("DDEBF7").borderStyle("thin")
                    .horizontalAlignment("center").verticalAlignment("center").set();
        }
        int r = HEADINGS_ROW + 1;
        for (List<?> row : rows) {
            sheet.value(r, 0, r - HEADINGS_ROW);
            sheet.style(r, 0).borderStyle("thin").set();
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (v instanceof Number n) {
                    sheet.value(r, c + 1, n);
                } else if (v != null && !v.toString().isEmpty()) {
                    sheet.value(r, c + 1, v.toString());
                }
                sheet.style(r, c + 1).borderStyle("thin").set();
            }
            r++;
        }
        sheet.width(0, 6);
        sheet.freezePane(0, HEADINGS_ROW + 1);
        return r;
    }

    /** Shows the numbers of a column of a table's row as percentages (shares are stored as fractions). */
    public static void percent(Worksheet sheet, int row, int column) {
        sheet.style(row, column).borderStyle("thin").format("0.00%").set();
    }

    /** The worksheet row of a table's n-th row (from 0). */
    public static int rowOf(int n) {
        return HEADINGS_ROW + 1 + n;
    }
}
