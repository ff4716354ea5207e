package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records behind a cell as files to attach to a report: every record of the JSON pages, in
 * their order, a column per field, with a title, the unit, period and cell, and the definition.
 */
class RecordFilesIT {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final LocalDate APRIL = LocalDate.of(2026, 4, 21);
    private static final LocalDate MAY = LocalDate.of(2026, 5, 12);
    private static final List<String> FACT_HEADINGS = List.of("Họ và tên", "Giới tính", "Mã đơn vị", "Đơn vị",
            "Mã lớp", "Tên lớp", "Ngày bắt đầu", "Ngày kết thúc", "Số buổi", "Số buổi có mặt", "Số buổi vắng có phép",
            "Số lượt điểm danh", "Hoàn thành", "Được tính", "ID học viên", "ID lớp");
    private static final List<String> COVERAGE_HEADINGS = List.of("Họ và tên", "Giới tính", "Mã đơn vị", "Đơn vị",
            "Đã được tập huấn trong kỳ (tính vào tử số)", "ID học viên");
    private static final List<String> COURSE_HEADINGS = List.of("Mã lớp", "Tên lớp", "Ngày bắt đầu", "Ngày kết thúc",
            "Mã đơn vị", "Đơn vị", "Số buổi", "ID lớp");
    private static final Map<String, String> UNIT_NAMES = new HashMap<>();
    private static World world;
    private static UUID womensUnion;

    /**
     * A two-day course of district A in April, which Ngọc and Hoà attend in full and Quý on one day,
     * and a one-day course of commune B1 in May, organised by the Women's Union, with Ngọc and Páo;
     * Ánh is registered, never trained.
     */
    @BeforeAll
    static void twoCourses() {
        world = World.create();
        UUID april = Fixtures.course(world, world.districtA, "completed", APRIL, APRIL.plusDays(1));
        UUID aprilFirst = Fixtures.session(world, april, APRIL, LocalTime.of(8, 0), LocalTime.of(11, 0));
        UUID aprilSecond = Fixtures.session(world, april, APRIL.plusDays(1), LocalTime.of(8, 0), LocalTime.of(11, 0));
        womensUnion = Reports.organization(world, "Hội Liên hiệp Phụ nữ tỉnh");
        UUID may = Fixtures.course(world, world.communeB1, "completed", MAY, MAY, "training", new String[0],
                new String[0], "commune", womensUnion);
        UUID maySession = Fixtures.session(world, may, MAY, LocalTime.of(8, 0), LocalTime.of(11, 0));
        UUID ngoc = person("Hoàng Thị Ngọc", "female", world.communeA1);
        UUID quy = person("Đàm Văn Quý", "male", world.districtA);
        UUID hoa = person("Nguyễn Thị Hoà", "female", world.communeB2);
        UUID pao = person("Lò Văn Páo", "male", world.communeB1);
        person("Bế Thị Ánh", "female", world.communeA2);
        for (UUID trainee : List.of(ngoc, quy, hoa)) {
            Fixtures.enroll(world, april, trainee);
            Reports.present(world, aprilFirst, trainee, APRIL);
        }
        Reports.present(world, aprilSecond, ngoc, APRIL.plusDays(1));
        Reports.present(world, aprilSecond, hoa, APRIL.plusDays(1));
        for (UUID trainee : List.of(ngoc, pao)) {
            Fixtures.enroll(world, may, trainee);
            Reports.present(world, maySession, trainee, MAY);
        }
    }

    private static UUID person(String name, String sex, String unit) {
        return Fixtures.participant(world, name, sex, unit, 1988, "01", "commune_collaborators");
    }

    @Test
    void aPersonTimeCellsFilesHoldEveryFactOfTheJsonPagesInTheirOrder() throws Exception {
        String query = "period=2026&sex=female";
        List<JsonNode> items = allPages(world.reporter, "attendances", query);
        assertThat(items).extracting(i -> i.get("fullName").asText())
                .containsExactly("Nguyễn Thị Hoà", "Hoàng Thị Ngọc", "Hoàng Thị Ngọc");
        List<List<String>> expected = factRows(items);
        assertThat(expected).extracting(r -> r.get(3)).as("units by name")
                .containsExactly(name(world.communeB2), name(world.communeA1), name(world.communeA1))
                .allMatch(unit -> unit.startsWith("Xã "));

        Api.Res csv = world.reporter.withHeader("Accept", "text/csv")
                .get("/api/v1/reports/indicators/attendances/records?" + query);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("filename=\"chi-tiet-attendances-2026.csv\"");
        assertThat(csv.body()).startsWith("\uFEFF");
        assertThat(csvHeadings(csv.body())).containsExactlyElementsOf(FACT_HEADINGS);
        assertThat(csvRows(csv.body())).containsExactlyElementsOf(expected);
        assertThat(world.reporter.get("/api/v1/reports/indicators/attendances/records?format=csv&" + query).body())
                .isEqualTo(csv.body());

        Xlsx xlsx = xlsx(world.reporter, "attendances", query);
        assertThat(xlsx.title()).isEqualTo("DANH SÁCH CHI TIẾT: Số lượt người tham dự");
        assertThat(xlsx.subtitle()).isEqualTo("(Kèm theo báo cáo của " + name(world.province)
                + ", kỳ báo cáo năm 2026: từ ngày 01/01/2026 đến ngày 31/12/2026; Giới tính: Nữ)");
        assertThat(xlsx.note()).isEqualTo("Định nghĩa: "
                + Reports.row(Reports.report(world.reporter, "period=2026&indicators=attendances"), "attendances")
                .get("definition").asText());
        assertThat(xlsx.headings()).containsExactlyElementsOf(FACT_HEADINGS);
        assertThat(xlsx.rows()).containsExactlyElementsOf(expected);
    }

    @Test
    void aShareCellsFilesMarkItsNumeratorAndACellOfAUnitNamesItInTheSubtitle() throws Exception {
        String query = "period=2026&unitCode=" + world.districtA + "&level=commune";
        List<JsonNode> items = allPages(world.reporter, "women_share", query);
        // Ngọc (commune A1) completed both courses; Quý (of the district itself) missed a day, Hoà is of district B
        assertThat(items).extracting(i -> i.get("fullName").asText() + " " + i.get("counted").asBoolean())
                .containsExactly("Hoàng Thị Ngọc true", "Hoàng Thị Ngọc true");
        List<String> headings = new ArrayList<>(FACT_HEADINGS);
        headings.set(headings.indexOf("Được tính"), "Tính vào tử số");
        Xlsx xlsx = xlsx(world.reporter, "women_share", query);
        assertThat(xlsx.title()).isEqualTo("DANH SÁCH CHI TIẾT: Tỷ lệ nữ trong số người được tập huấn");
        assertThat(xlsx.subtitle()).endsWith("; Cấp: Cấp xã; Đơn vị hành chính: " + name(world.districtA) + ")");
        assertThat(xlsx.headings()).containsExactlyElementsOf(headings);
        assertThat(xlsx.rows()).containsExactlyElementsOf(factRows(items));

        List<JsonNode> everyone = allPages(world.reporter, "women_share", "period=2026");
        assertThat(everyone).extracting(i -> i.get("counted").asBoolean()).contains(true, false);
        Api.Res csv = world.reporter.get("/api/v1/reports/indicators/women_share/records?format=csv&period=2026");
        assertThat(csvHeadings(csv.body())).containsExactlyElementsOf(headings);
        assertThat(csvRows(csv.body())).containsExactlyElementsOf(factRows(everyone));
    }

    @Test
    void aCoverageCellsFilesListTheRegisteredPersonsAndWhetherTheyWereTrained() throws Exception {
        String query = "period=2026&targetGroup=commune_collaborators";
        List<JsonNode> items = allPages(world.reporter, "coverage", query);
        assertThat(items).extracting(i -> i.get("fullName").asText() + " " + i.get("counted").asBoolean())
                .containsExactly("Bế Thị Ánh false", "Nguyễn Thị Hoà true", "Hoàng Thị Ngọc true",
                        "Lò Văn Páo true", "Đàm Văn Quý false");
        List<List<String>> expected = new ArrayList<>();
        for (JsonNode i : items) {
            expected.add(List.of(i.get("fullName").asText(), sex(i), i.get("unitCode").asText(), unitName(i),
                    yesNo(i.get("counted")), i.get("participantId").asText()));
        }

        Api.Res csv = world.reporter.get("/api/v1/reports/indicators/coverage/records?format=csv&" + query);
        assertThat(csv.header("Content-Disposition")).contains("filename=\"chi-tiet-coverage-2026.csv\"");
        assertThat(csvHeadings(csv.body())).containsExactlyElementsOf(COVERAGE_HEADINGS);
        assertThat(csvRows(csv.body())).containsExactlyElementsOf(expected);

        Xlsx xlsx = xlsx(world.reporter, "coverage", query);
        assertThat(xlsx.title()).isEqualTo("DANH SÁCH CHI TIẾT: Tỷ lệ bao phủ đối tượng được tập huấn");
        assertThat(xlsx.subtitle()).endsWith("; Nhóm đối tượng: Cộng tác viên cấp xã)");
        assertThat(xlsx.note()).startsWith("Định nghĩa: Trong số người đã đăng ký thuộc nhóm đối tượng");
        assertThat(xlsx.headings()).containsExactlyElementsOf(COVERAGE_HEADINGS);
        assertThat(xlsx.rows()).containsExactlyElementsOf(expected);
    }

    @Test
    void aCourseCellsFilesListTheCourses() throws Exception {
        List<JsonNode> items = allPages(world.reporter, "courses_held", "period=2026");
        assertThat(items).hasSize(2);
        List<List<String>> expected = new ArrayList<>();
        for (JsonNode i : items) {
            expected.add(List.of(i.get("courseCode").asText(), i.get("courseTitle").asText(), day(i, "startDate"),
                    day(i, "endDate"), i.get("unitCode").asText(), unitName(i), i.get("sessions").asText(),
                    i.get("courseId").asText()));
        }
        assertThat(expected).extracting(r -> r.get(2) + "–" + r.get(3)).containsExactlyInAnyOrder(
                "21/04/2026–22/04/2026", "12/05/2026–12/05/2026");
        Api.Res csv = world.reporter.get("/api/v1/reports/indicators/courses_held/records?format=csv&period=2026");
        assertThat(csvHeadings(csv.body())).containsExactlyElementsOf(COURSE_HEADINGS);
        assertThat(csvRows(csv.body())).containsExactlyElementsOf(expected);
        Xlsx xlsx = xlsx(world.reporter, "courses_held", "period=2026");
        assertThat(xlsx.subtitle()).endsWith("từ ngày 01/01/2026 đến ngày 31/12/2026)");
        assertThat(xlsx.rows()).containsExactlyElementsOf(expected);

        Xlsx theUnions = xlsx(world.reporter, "courses_held", "period=2026&organizerId=" + womensUnion);
        assertThat(theUnions.subtitle()).endsWith("; Đơn vị tổ chức: Hội Liên hiệp Phụ nữ tỉnh)");
        assertThat(theUnions.rows()).extracting(r -> r.get(2)).containsExactly("12/05/2026");
    }

    @Test
    void aFileIsNotPagedLimitAndCursorAreLeftAside() throws Exception {
        String query = "period=2026";
        JsonNode firstPage = world.reporter.get("/api/v1/reports/indicators/attendances/records?limit=2&" + query).json();
        assertThat(firstPage.get("items")).hasSize(2);
        Api.Res csv = world.reporter.get("/api/v1/reports/indicators/attendances/records?format=csv&limit=2&cursor="
                + firstPage.get("nextCursor").asText() + "&" + query);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csvRows(csv.body())).hasSize(5).containsExactlyElementsOf(factRows(allPages(world.reporter,
                "attendances", query)));
    }

    @Test
    void aReporterGetsTheFileOfTheirOwnScopeOnlyAsTheJsonAnswers() throws Exception {
        World other = World.create();
        String ours = "/api/v1/reports/indicators/attendances/records?period=2026&unit=" + world.province;
        Api.Res json = other.reporter.get(ours);
        Api.Res csv = other.reporter.get(ours + "&format=csv");
        Api.Res xlsx = other.reporter.get(ours + "&format=xlsx");
        assertThat(json.status()).isEqualTo(422);
        assertThat(List.of(csv.status(), xlsx.status())).containsOnly(json.status());
        assertThat(csv.json().get("errors").get(0).get("code").asText()).isEqualTo("unknown_unit");
        assertThat(other.reporter.get("/api/v1/reports/indicators/attendances/records?period=2026").json()
                .get("items")).isEmpty();
        Api.Res theirs = other.reporter.get("/api/v1/reports/indicators/attendances/records?period=2026&format=csv");
        assertThat(csvHeadings(theirs.body())).containsExactlyElementsOf(FACT_HEADINGS);
        assertThat(csvRows(theirs.body())).isEmpty();

        List<JsonNode> district = allPages(world.districtReporter, "attendances", "period=2026");
        assertThat(district).extracting(i -> i.get("fullName").asText())
                .containsExactly("Hoàng Thị Ngọc", "Hoàng Thị Ngọc", "Đàm Văn Quý");
        Api.Res districtCsv = world.districtReporter.get("/api/v1/reports/indicators/attendances/records"
                + "?period=2026&format=csv");
        assertThat(csvRows(districtCsv.body())).containsExactlyElementsOf(factRows(district));
        String records = "/api/v1/reports/indicators/attendances/records?period=2026";
        assertThat(world.trainer.get(records).status()).isEqualTo(403);
        assertThat(world.trainer.get(records + "&format=csv").status()).isEqualTo(403);
    }

    @Test
    void aCellOfMoreThanAHundredThousandRecordsIsTooManyForAFile() throws Exception {
        World big = World.create();
        TestServer.get().database.dsl().execute("""
                insert into participant (province_code, full_name, sex, unit_code, target_groups)
                select ?, 'Người Thứ ' || g, 'female', ?, array['commune_collaborators'] from generate_series(1, 100001) g
                """, big.province, big.communeA1);
        String records = "/api/v1/reports/indicators/coverage/records?period=2026&targetGroup=commune_collaborators";
        for (String format : List.of("csv", "xlsx")) {
            Api.Res res = big.reporter.get(records + "&format=" + format);
            assertThat(res.status()).as(res.body()).isEqualTo(400);
            JsonNode error = res.json().get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("format");
            assertThat(error.get("code").asText()).isEqualTo("too_many_records");
            assertThat(error.get("message").asText()).contains("quá nhiều cho một tệp");
        }
        assertThat(big.reporter.inLanguage("en").get(records + "&format=csv").json().get("errors").get(0)
                .get("message").asText()).contains("too many for one file");
        assertThat(big.reporter.get(records + "&limit=1").json().get("items")).as("the pages are not bounded")
                .hasSize(1);

        TestServer.get().database.dsl().execute("delete from participant where province_code = ? and full_name = ?",
                big.province, "Người Thứ 100001");
        Api.Res justEnough = big.reporter.get(records + "&format=csv");
        assertThat(justEnough.status()).isEqualTo(200);
        assertThat(csvRows(justEnough.body())).hasSize(100_000);
    }

    // ------------------------------------------------------------------------------------ helpers

    /** Every item of a cell's JSON pages, two at a time, in order. */
    private static List<JsonNode> allPages(Api api, String indicator, String query) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Api.Res res = api.get("/api/v1/reports/indicators/" + indicator + "/records?limit=2&" + query
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(res.status()).as(res.body()).isEqualTo(200);
            res.json().get("items").forEach(items::add);
            cursor = res.json().get("nextCursor").isNull() ? null : res.json().get("nextCursor").asText();
        } while (cursor != null);
        return items;
    }

    /** The rows a file should have for trainee × course facts, from the JSON items. */
    private static List<List<String>> factRows(List<JsonNode> items) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode i : items) {
            rows.add(List.of(i.get("fullName").asText(), sex(i), i.get("unitCode").asText(), unitName(i),
                    i.get("courseCode").asText(), i.get("courseTitle").asText(), day(i, "startDate"), day(i, "endDate"),
                    i.get("sessions").asText(), i.get("attendedSessions").asText(), i.get("excusedSessions").asText(),
                    String.valueOf(i.get("checkInIds").size()), i.get("completed").asBoolean() ? "Đạt" : "Chưa đạt",
                    yesNo(i.get("counted")), i.get("participantId").asText(), i.get("courseId").asText()));
        }
        return rows;
    }

    private static String sex(JsonNode item) {
        return item.get("sex").asText().equals("female") ? "Nữ" : "Nam";
    }

    private static String yesNo(JsonNode flag) {
        return flag.asBoolean() ? "Có" : "Không";
    }

    private static String day(JsonNode item, String field) {
        return LocalDate.parse(item.get(field).asText()).format(DAY);
    }

    private static String unitName(JsonNode item) {
        return name(item.get("unitCode").asText());
    }

    /** A unit's name, as the API's units answer it. */
    private static String name(String unitCode) {
        return UNIT_NAMES.computeIfAbsent(unitCode,
                code -> world.reporter.get("/api/v1/admin-units/" + code).json().get("name").asText());
    }

    private static List<String> csvHeadings(String body) throws IOException {
        try (CSVParser csv = parse(body)) {
            return csv.getHeaderNames();
        }
    }

    private static List<List<String>> csvRows(String body) throws IOException {
        try (CSVParser csv = parse(body)) {
            return csv.getRecords().stream().map(CSVRecord::toList).toList();
        }
    }

    private static CSVParser parse(String body) throws IOException {
        assertThat(body).startsWith("\uFEFF");
        return CSVParser.parse(new StringReader(body.substring(1)),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get());
    }

    /** An XLSX table as read back: the lines above it, its headings, and its rows without their numbers. */
    private record Xlsx(String title, String subtitle, String note, List<String> headings, List<List<String>> rows) {
    }

    private static Xlsx xlsx(Api api, String indicator, String query) throws IOException {
        byte[] bytes = api.bytes("/api/v1/reports/indicators/" + indicator + "/records?format=xlsx&" + query);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = workbook.getFirstSheet();
            assertThat(sheet.getName()).isEqualTo("Danh sách");
            Map<Integer, Row> rows = new TreeMap<>(); // by number from 1: title, subtitle, note, headings
            sheet.read().forEach(r -> rows.put(r.getRowNum(), r));
            List<String> headings = texts(rows.get(4));
            assertThat(headings.get(0)).isEqualTo("STT");
            List<List<String>> table = new ArrayList<>();
            rows.forEach((number, row) -> {
                if (number > 4) {
                    List<String> cells = texts(row);
                    assertThat(cells.get(0)).as("numbered").isEqualTo(String.valueOf(number - 4));
                    table.add(cells.subList(1, cells.size()));
                }
            });
            return new Xlsx(rows.get(1).getCellText(0), rows.get(2).getCellText(0), rows.get(3).getCellText(0),
                    headings.subList(1, headings.size()), table);
        }
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        for (int c = 0; c < row.getCellCount(); c++) {
            texts.add(row.getCellText(c));
        }
        return texts;
    }
}
