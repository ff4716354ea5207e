package vn.bdg.registry.report;

import vn.bdg.registry.print.Spreadsheets;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * A report as files for compilers, with Vietnamese headings: CSV and XLSX laid out like the annex
 * of an annual report (a title, the unit and period, one row per indicator and breakdown value).
 * The numbers are those of the JSON answer.
 */
final class ReportFiles {
    static final Locale VI = Locale.forLanguageTag("vi");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String NOT_APPLICABLE = "";

    private ReportFiles() {
    }

    static byte[] csv(Report report) {
        List<Breakdown> dims = dims(report);
        return Spreadsheets.csv(columns(dims).stream().map(Spreadsheets.Column::heading).toList(),
                report.rows().stream().map(row -> cells(report, row, dims)).toList());
    }

    static byte[] xlsx(Report report) {
        return Spreadsheets.xlsx("Phụ lục", sheet -> {
            List<Breakdown> dims = dims(report);
            List<Report.Row> rows = report.rows();
            Spreadsheets.table(sheet, "PHỤ LỤC: SỐ LIỆU CHỈ TIÊU TẬP HUẤN VỀ BÌNH ĐẲNG GIỚI",
                    "(" + attachedTo(report.unitName(), report.period()) + ")", null,
                    columns(dims), rows.stream().map(row -> cells(report, row, dims)).toList());
            for (int n = 0; n < rows.size(); n++) {
                if (rows.get(n).indicator().isShare() && rows.get(n).value() != null) {
                    Spreadsheets.percent(sheet, Spreadsheets.rowOf(n), valueColumn(dims) + 1);
                }
            }
        });
    }

    /**
     * What a file goes with, as its subtitle says, the period named in Vietnamese: "Kèm theo báo cáo
     * của Tỉnh Bắc Kạn, kỳ báo cáo 6 tháng đầu năm 2026: từ ngày 15/12/2025 đến ngày 14/06/2026" (a
     * date range by its days alone).
     */
    static String attachedTo(String unitName, Period period) {
        String days = "từ ngày " + period.from().format(DAY) + " đến ngày " + period.to().format(DAY);
        return "Kèm theo báo cáo của " + unitName + ", kỳ báo cáo "
                + (period.nameVi() == null ? days : period.nameVi() + ": " + days);
    }

    /** The breakdowns any row has, in Breakdown order. */
    private static List<Breakdown> dims(Report report) {
        EnumSet<Breakdown> all = EnumSet.noneOf(Breakdown.class);
        report.rows().forEach(r -> all.addAll(r.cell().keySet()));
        return List.copyOf(all);
    }

    private static List<Spreadsheets.Column> columns(List<Breakdown> dims) {
        List<Spreadsheets.Column> columns = new ArrayList<>(List.of(new Spreadsheets.Column("Mã chỉ tiêu", 24),
                new Spreadsheets.Column("Chỉ tiêu", 34), new Spreadsheets.Column("Kỳ báo cáo", 10)));
        dims.forEach(b -> columns.add(new Spreadsheets.Column(b.headingVi, 16)));
        for (String number : List.of("Đơn vị tính", "Giá trị", "Tử số", "Mẫu số", "Kế hoạch")) {
            columns.add(new Spreadsheets.Column(number, 10));
        }
        columns.add(new Spreadsheets.Column("Định nghĩa", 50));
        return columns;
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
