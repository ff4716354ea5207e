package vn.bdg.registry.attendance;

import vn.bdg.registry.attendance.AttendanceService.CourseAttendance;
import vn.bdg.registry.attendance.AttendanceService.PersonAttendance;
import vn.bdg.registry.attendance.AttendanceService.SessionMark;
import vn.bdg.registry.attendance.AttendanceService.SessionView;
import vn.bdg.registry.print.Spreadsheets;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A course's attendance sheet as files for the course's dossier (hồ sơ lớp học): a row per person
 * and a column per session, marked as Vietnamese attendance lists are, then the totals and whether
 * the person completed the course. The marks are those of the JSON answer.
 */
final class AttendanceFiles {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String LEGEND = "Ký hiệu: x — có mặt; M — đến muộn (quá 15 phút sau giờ bắt đầu); "
            + "P — vắng có phép; V — vắng không phép.";
    private static final Map<String, String> MARKS = Map.of("present", "x", "late", "M", "excused", "P", "absent", "V");
    private static final Map<String, String> SEXES = Map.of("female", "Nữ", "male", "Nam");
    private static final Map<String, String> ROLES = Map.of("trainee", "Học viên", "trainer", "Giảng viên",
            "observer", "Dự thính");

    private static final Spreadsheets.Column SHARE = new Spreadsheets.Column("Tỷ lệ tham dự", 9);

    private AttendanceFiles() {
    }

    static byte[] csv(CourseAttendance sheet, Function<String, String> unitName) {
        return Spreadsheets.csv(columns(sheet).stream().map(Spreadsheets.Column::heading).toList(),
                rows(sheet, unitName));
    }

    static byte[] xlsx(CourseAttendance sheet, Function<String, String> unitName) {
        return Spreadsheets.xlsx("Điểm danh", worksheet -> {
            String subtitle = "Lớp: " + sheet.courseTitle() + " (mã " + sheet.courseCode() + "), từ ngày "
                    + sheet.startDate().format(DAY) + " đến ngày " + sheet.endDate().format(DAY)
                    + ". Hoàn thành khi có mặt ít nhất " + percent(sheet.minAttendanceShare())
                    + " số buổi, không tính các buổi vắng có phép.";
            List<List<Object>> rows = rows(sheet, unitName);
            List<Spreadsheets.Column> columns = columns(sheet);
            int after = Spreadsheets.table(worksheet, "DANH SÁCH ĐIỂM DANH HỌC VIÊN", subtitle, null, columns, rows);
            worksheet.value(after + 1, 1, LEGEND);
            int shareColumn = 1 + columns.indexOf(SHARE); // after the row number
            for (int n = 0; n < rows.size(); n++) {
                Spreadsheets.percent(worksheet, Spreadsheets.rowOf(n), shareColumn);
            }
        });
    }

    /** Widths that fit a course of up to six sessions on one printed page at two thirds of full size or more. */
    private static List<Spreadsheets.Column> columns(CourseAttendance sheet) {
        List<Spreadsheets.Column> columns = new ArrayList<>(List.of(new Spreadsheets.Column("Họ và tên", 24),
                new Spreadsheets.Column("Giới tính", 7), new Spreadsheets.Column("Đơn vị", 22),
                new Spreadsheets.Column("Vai trò", 10)));
        sheet.sessions().forEach(s -> columns.add(new Spreadsheets.Column(when(s), 11)));
        columns.addAll(List.of(new Spreadsheets.Column("Số buổi có mặt", 9),
                new Spreadsheets.Column("Số buổi vắng có phép", 9), SHARE,
                new Spreadsheets.Column("Hoàn thành", 10), new Spreadsheets.Column("Ghi chú", 30)));
        return columns;
    }

    private static List<List<Object>> rows(CourseAttendance sheet, Function<String, String> unitName) {
        Map<UUID, SessionView> sessions = sheet.sessions().stream()
                .collect(Collectors.toMap(SessionView::id, s -> s));
        List<List<Object>> rows = new ArrayList<>();
        for (PersonAttendance p : sheet.participants()) {
            List<Object> row = new ArrayList<>(List.of(p.fullName(), SEXES.getOrDefault(p.sex(), ""),
                    p.unitCode() == null ? "" : unitName.apply(p.unitCode()), ROLES.getOrDefault(p.role(), p.role())));
            List<String> reasons = new ArrayList<>();
            for (SessionMark mark : p.sessions()) {
                row.add(MARKS.get(mark.status()));
                if (mark.reason() != null) {
                    reasons.add(when(sessions.get(mark.sessionId())) + ": " + mark.reason());
                }
            }
            row.addAll(List.of(p.attended(), p.excused(), p.share(), p.completed() ? "Đạt" : "Chưa đạt",
                    String.join("; ", reasons)));
            rows.add(row);
        }
        return rows;
    }

    /** A session as a heading: "21/04/2026 07:30–11:30". */
    private static String when(SessionView s) {
        return s.date().format(DAY) + " " + s.startTime() + "–" + s.endTime();
    }

    /** 0.8 as "80%", 0.875 as "87,5%" (a decimal comma, as Vietnamese writes it). */
    private static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString().replace('.', ',') + "%";
    }
}
