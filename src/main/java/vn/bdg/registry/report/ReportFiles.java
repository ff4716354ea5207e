package vn.bdg.registry.report;

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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * A report as files for compilers, with Vietnamese headings: CSV (UTF-8 with a byte order mark,
 * so that Excel shows Vietnamese correctly) and XLSX laid out like the annex of an annual report
 * (a title, the unit and period, one row per indicator and breakdown value). The numbers are those
 * of the JSON answer.
 */
final class ReportFiles {
    private static final Locale VI = Locale.forLanguageTag("vi");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String NOT_APPLICABLE = "";

    private ReportFiles() {
    }

    static byte[] csv(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
            writer.write('\uFEFF');
            List<Breakdown> dims = dims(report);
            csv.printRecord(headings(dims));
            for (Report.Row row : report.rows()) {
                csv.printRecord(cells(report, row, dims).stream().map(ReportFiles::inert).toList());
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

    static byte[] xlsx(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "training-registry", "1.0");
            Worksheet sheet = workbook.newWorksheet("Phụ lục");
            List<Breakdown> dims = dims(report);
            List<String> headings = new ArrayList<>(List.of("STT"));
            headings.addAll(headings(dims));
            int last = headings.size() - 1;

            sheet.value(0, 0, "PHỤ LỤC: SỐ LIỆU CHỈ TIÊU TẬP HUẤN VỀ BÌNH ĐẲNG GIỚI");
            sheet.range(0, 0, 0, last).merge();
            sheet.style(0, 0).bold().fontSize(14).horizontalAlignment("center").set();
            sheet.value(1, 0, "(Kèm theo báo cáo của " + report.unitName() + ", kỳ báo cáo "
                    + report.period().name() + ": từ ngày " + report.period().from().format(DAY) + " đến ngày "
                    + report.period().to().format(DAY) + ")");
            sheet.range(1, 0, 1, last).merge();
            sheet.style(1, 0).italic().horizontalAlignment("center").set();

            int top = 3;
            for (int c = 0; c <= last; c++) {
                sheet.value(top, c, headings.get(c));
                sheet.style(top, c).bold().wrapText(true).fillColor("DDEBF7").borderStyle("thin")
                        .horizontalAlignment("center").verticalAlignment("center").set();
            }
            int r = top + 1;
            for (Report.Row row : report.rows()) {
                sheet.value(r, 0, r - top);
                List<Object> cells = cells(report, row, dims);
                for (int c = 0; c < cells.size(); c++) {
                    Object v = cells.get(c);
                    if (v instanceof Number n) {
                        sheet.value(r, c + 1, n);
                    } else if (v != null && !NOT_APPLICABLE.equals(v)) {
                        sheet.value(r, c + 1, v.toString());
                    }
                    sheet.style(r, c + 1).borderStyle("thin").set();
                }
                if (row.indicator().isShare() && row.value() != null) {
                    sheet.style(r, valueColumn(dims) + 1).borderStyle("thin").format("0.00%").set();
                }
                sheet.style(r, 0).borderStyle("thin").set();
                r++;
            }
            sheet.width(0, 6);
            sheet.width(1, 28);
            sheet.width(2, 48);
            for (int c = 3; c < last; c++) {
                sheet.width(c, 18);
            }
            sheet.width(last, 80);
            sheet.freezePane(0, top + 1);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The breakdowns any row has, in Breakdown order. */
    private static List<Breakdown> dims(Report report) {
        EnumSet<Breakdown> all = EnumSet.noneOf(Breakdown.class);
        report.rows().forEach(r -> all.addAll(r.cell().keySet()));
        return List.copyOf(all);
    }

    private static List<String> headings(List<Breakdown> dims) {
        List<String> headings = new ArrayList<>(List.of("Mã chỉ tiêu", "Chỉ tiêu", "Kỳ báo cáo"));
        dims.forEach(b -> headings.add(b.headingVi));
        headings.addAll(List.of("Đơn vị tính", "Giá trị", "Tử số", "Mẫu số", "Kế hoạch", "Định nghĩa"));
        return headings;
    }

    private static int valueColumn(List<Breakdown> dims) {
        return 3 + dims.size() + 1;
    }

    private static List<Object> cells(Report report, Report.Row row, List<Breakdown> dims) {
        Indicator i = row.indicator();
        List<Object> cells = new ArrayList<>(List.of(i.code(), i.label(VI), report.period().name()));
        for (Breakdown b : dims) {
            cells.add(row.cell().containsKey(b) ? report.labels().of(b, row.cell().get(b)) : NOT_APPLICABLE);
        }
        cells.add(unitOfMeasure(i));
        cells.add(row.value());
        cells.add(row.numerator());
        cells.add(row.denominator());
        cells.add(row.planned());
        cells.add(i.definition(VI));
        return cells;
    }

    private static String unitOfMeasure(Indicator i) {
        if (i.isShare()) {
            return "Tỷ lệ";
        }
        return switch (i.subject()) {
            case "course" -> "Lớp";
            case "person_time" -> "Lượt người";
            case "person" -> "Người";
            default -> "courses".equals(i.measure()) ? "Lớp" : "Lượt người";
        };
    }
}
