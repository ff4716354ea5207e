package vn.bdg.registry.report;

import vn.bdg.registry.print.Spreadsheets;
import vn.bdg.registry.report.IndicatorRepository.Item;
import vn.bdg.registry.report.ReportService.AllRecords;
import vn.bdg.registry.report.ReportService.RecordsCell;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import static vn.bdg.registry.report.ReportFiles.DAY;
import static vn.bdg.registry.report.ReportFiles.VI;

/**
 * The records behind a cell as files to attach to the report (danh sách chi tiết), with Vietnamese
 * headings: a row per record of the JSON pages, in their order, a column per field of the JSON
 * (units by name too, check-ins counted), only the columns of the kind of records listed: trainee
 * × course facts, registered persons (coverage) or courses. The XLSX adds a title, the unit, period
 * and breakdown values of the cell, and the indicator's definition above the table.
 */
final class RecordFiles {
    private static final String YES = "Có";
    private static final String NO = "Không";

    /** A column: its heading, its width in the XLSX, and what it shows of a record. */
    private record Column(String heading, double width, Function<Item, Object> value) {
    }

    private static final Column FULL_NAME = new Column("Họ và tên", 28, Item::fullName);
    private static final Column UNIT_CODE = new Column("Mã đơn vị", 10, Item::unitCode);
    private static final Column COURSE_CODE = new Column("Mã lớp", 14, Item::courseCode);
    private static final Column COURSE_TITLE = new Column("Tên lớp", 40, Item::courseTitle);
    private static final Column START_DATE = new Column("Ngày bắt đầu", 12, r -> day(r.startDate()));
    private static final Column END_DATE = new Column("Ngày kết thúc", 12, r -> day(r.endDate()));
    private static final Column SESSIONS = new Column("Số buổi", 9, Item::sessions);
    private static final Column ATTENDED = new Column("Số buổi có mặt", 10, Item::attendedSessions);
    private static final Column EXCUSED = new Column("Số buổi vắng có phép", 10, Item::excusedSessions);
    private static final Column CHECK_INS = new Column("Số lượt điểm danh", 10, r -> r.checkInIds().size());
    private static final Column COMPLETED = new Column("Hoàn thành", 11,
            r -> r.completed() == null ? null : r.completed() ? "Đạt" : "Chưa đạt");
    private static final Column PARTICIPANT_ID = new Column("ID học viên", 38, Item::participantId);
    private static final Column COURSE_ID = new Column("ID lớp", 38, Item::courseId);

    private RecordFiles() {
    }

    /** What the files keep of each record of the cell: its cells, column by column. */
    static Function<Item, List<Object>> rowOf(RecordsCell cell) {
        List<Column> columns = columns(cell);
        return record -> columns.stream().map(c -> c.value().apply(record)).toList();
    }

    static byte[] csv(AllRecords<List<Object>> records) {
        return Spreadsheets.csv(columns(records.cell()).stream().map(Column::heading).toList(), records.rows());
    }

    static byte[] xlsx(AllRecords<List<Object>> records) {
        RecordsCell cell = records.cell();
        return Spreadsheets.xlsx("Danh sách", sheet -> Spreadsheets.table(sheet,
                "DANH SÁCH CHI TIẾT: " + cell.indicator().label(VI), subtitle(cell),
                "Định nghĩa: " + cell.indicator().definition(VI),
                columns(cell).stream().map(c -> new Spreadsheets.Column(c.heading(), c.width())).toList(),
                records.rows()));
    }

    /** The report's unit and period, then the cell's breakdown values as the report's files name them. */
    private static String subtitle(RecordsCell cell) {
        StringBuilder subtitle = new StringBuilder("(").append(ReportFiles.attachedTo(cell.unitName(), cell.period()));
        cell.values().forEach((b, value) -> subtitle.append("; ").append(b.headingVi).append(": ")
                .append(cell.labels().of(b, value)));
        return subtitle.append(")").toString();
    }

    private static List<Column> columns(RecordsCell cell) {
        Indicator indicator = cell.indicator();
        Column sex = new Column("Giới tính", 9, r -> cell.labels().of(Breakdown.SEX, r.sex()));
        Column unitName = new Column("Đơn vị", 28,
                r -> r.unitCode() == null ? null : cell.nameOfUnit().apply(r.unitCode()));
        if (indicator.countsFacts()) {
            Column counted = new Column(indicator.isShare() ? "Tính vào tử số" : "Được tính", 10,
                    r -> r.counted() ? YES : NO);
            return List.of(FULL_NAME, sex, UNIT_CODE, unitName, COURSE_CODE, COURSE_TITLE, START_DATE, END_DATE,
                    SESSIONS, ATTENDED, EXCUSED, CHECK_INS, COMPLETED, counted, PARTICIPANT_ID, COURSE_ID);
        }
        if (IndicatorRepository.listsPeople(indicator)) { // coverage: the registered persons, counted if trained
            Column trained = new Column("Đã được tập huấn trong kỳ (tính vào tử số)", 16, r -> r.counted() ? YES : NO);
            return List.of(FULL_NAME, sex, UNIT_CODE, unitName, trained, PARTICIPANT_ID);
        }
        return List.of(COURSE_CODE, COURSE_TITLE, START_DATE, END_DATE, UNIT_CODE, unitName, SESSIONS, COURSE_ID);
    }

    private static String day(LocalDate date) {
        return date == null ? null : date.format(DAY);
    }
}
