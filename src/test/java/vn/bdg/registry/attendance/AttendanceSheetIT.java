package vn.bdg.registry.attendance;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AttendanceSheetIT {
    private final World world = World.create();

    private void scan(UUID session, UUID person, OffsetDateTime at) {
        var res = world.organizer.post("/api/v1/sessions/" + session + "/check-ins", Map.of(
                "clientScanId", UUID.randomUUID().toString(), "participantId", person.toString(),
                "method", "manual", "scannedAt", at.toString(), "deviceId", "d"));
        assertThat(res.json().get("outcome").asText()).as(res.body()).isEqualTo("accepted");
    }

    /**
     * Yesterday's course of two sessions: Lục Thị Huyền at both on time, Dương Văn Sơn late to the
     * morning and absent in the afternoon, Hứa Thị Dung excused in the morning and at the afternoon.
     */
    private UUID courseOfThree() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(1);
        UUID course = Fixtures.course(world, world.districtA, "running", day, day);
        UUID morning = Fixtures.session(world, course, day, LocalTime.of(7, 30), LocalTime.of(11, 30));
        UUID afternoon = Fixtures.session(world, course, day, LocalTime.of(13, 30), LocalTime.of(17, 0));
        UUID onTime = Fixtures.participant(world, "Lục Thị Huyền", "female", world.communeA1);
        UUID late = Fixtures.participant(world, "Dương Văn Sơn", "male", world.communeA2);
        UUID excused = Fixtures.participant(world, "Hứa Thị Dung", "female", world.communeA2);
        for (UUID p : new UUID[]{onTime, late, excused}) {
            Fixtures.enroll(world, course, p);
        }
        ZoneOffset vn = ZoneOffset.ofHours(7);
        scan(morning, onTime, day.atTime(7, 25).atOffset(vn));
        scan(afternoon, onTime, day.atTime(13, 40).atOffset(vn));
        scan(morning, late, day.atTime(8, 10).atOffset(vn));
        scan(afternoon, excused, day.atTime(13, 35).atOffset(vn));
        assertThat(world.organizer.put("/api/v1/sessions/" + morning + "/excused/" + excused,
                // typed in NFD (Unikey "Unicode tổ hợp"), with a no-break space: stored NFC, like names
                Map.of("reason", java.text.Normalizer.normalize(" Ốm, có giấy của\u00A0trạm y tế",
                        java.text.Normalizer.Form.NFD))).status()).isEqualTo(204);
        return course;
    }

    @Test
    void perPersonPerSessionMarksAndCompletionFollowTheCourseRule() {
        UUID course = courseOfThree();
        JsonNode sheet = world.reporter.get("/api/v1/courses/" + course + "/attendance").json();
        assertThat(sheet.get("minAttendanceShare").decimalValue()).isEqualByComparingTo("0.8");
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        sheet.get("participants").forEach(p -> byName.put(p.get("fullName").asText(), p));

        JsonNode huyen = byName.get("Lục Thị Huyền");
        assertThat(huyen.get("sessions")).extracting(s -> s.get("status").asText()).containsExactly("present", "present");
        assertThat(huyen.get("completed").asBoolean()).isTrue();

        JsonNode son = byName.get("Dương Văn Sơn");
        assertThat(son.get("sessions")).extracting(s -> s.get("status").asText()).containsExactly("late", "absent");
        assertThat(son.get("completed").asBoolean()).as("1 of 2 is below 80%").isFalse();

        JsonNode dung = byName.get("Hứa Thị Dung");
        assertThat(dung.get("sessions").get(0).get("status").asText()).isEqualTo("excused");
        assertThat(dung.get("sessions").get(0).get("reason").isNull())
                .as("a reason may tell of her health: not for a reporter").isTrue();
        assertThat(dung.get("completed").asBoolean()).as("1 of the 1 session not excused").isTrue();
        JsonNode asEntered = world.organizer.get("/api/v1/courses/" + course + "/attendance").json()
                .get("participants").get(0);
        assertThat(asEntered.get("fullName").asText()).isEqualTo("Hứa Thị Dung");
        assertThat(asEntered.get("sessions").get(0).get("reason").asText()).isEqualTo("Ốm, có giấy của trạm y tế");

        assertThat(world.trainer.get("/api/v1/courses/" + course + "/attendance").status())
                .as("a trainer not assigned to the course").isEqualTo(404);
        assertThat(World.create().reporter.get("/api/v1/courses/" + course + "/attendance").status()).isEqualTo(404);
    }

    @Test
    void theSheetAsCsvAndXlsxForTheCoursesDossierHoldsTheMarksOfTheJson() throws Exception {
        UUID course = courseOfThree();
        JsonNode json = world.organizer.get("/api/v1/courses/" + course + "/attendance").json();
        String code = json.get("courseCode").asText();
        String day = LocalDate.now(Fixtures.VIETNAM).minusDays(1).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        String a1 = unitName(world.communeA1);
        String a2 = unitName(world.communeA2);
        List<String> headings = List.of("Họ và tên", "Giới tính", "Đơn vị", "Vai trò", day + " 07:30–11:30",
                day + " 13:30–17:00", "Số buổi có mặt", "Số buổi vắng có phép", "Tỷ lệ tham dự", "Hoàn thành", "Ghi chú");
        // in the JSON's order (by given name); late counts as attended, the excused morning leaves Dung 1 of 1
        List<List<String>> people = List.of(
                List.of("Hứa Thị Dung", "Nữ", a2, "Học viên", "P", "x", "1", "1", "1", "Đạt",
                        day + " 07:30–11:30: Ốm, có giấy của trạm y tế"),
                List.of("Lục Thị Huyền", "Nữ", a1, "Học viên", "x", "x", "2", "0", "1", "Đạt", ""),
                List.of("Dương Văn Sơn", "Nam", a2, "Học viên", "M", "V", "1", "0", "0.5", "Chưa đạt", ""));
        assertThat(json.get("participants")).extracting(p -> p.get("fullName").asText())
                .containsExactlyElementsOf(people.stream().map(p -> p.get(0)).toList());

        Api.Res csv = world.organizer.withHeader("Accept", "text/csv").get("/api/v1/courses/" + course + "/attendance");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("diem-danh-" + code + ".csv");
        assertThat(csv.body()).startsWith("\uFEFF");
        try (CSVParser parser = CSVParser.parse(new StringReader(csv.body().substring(1)), CSVFormat.DEFAULT)) {
            List<List<String>> lines = parser.getRecords().stream().map(r -> numbersPlain(r.toList())).toList();
            assertThat(lines.get(0)).isEqualTo(headings);
            assertThat(lines.subList(1, lines.size())).isEqualTo(people);
        }
        assertThat(world.organizer.get("/api/v1/courses/" + course + "/attendance?format=csv").body())
                .isEqualTo(csv.body());

        assertThat(world.trainer.get("/api/v1/courses/" + course + "/attendance?format=xlsx").status())
                .as("a trainer not assigned to the course gets no file").isEqualTo(404);
        Fixtures.assignTrainer(world, course, world.trainer);
        assertThat(world.trainer.get("/api/v1/courses/" + course + "/attendance").json().get("participants").get(0)
                .get("sessions").get(0).get("reason").isNull()).as("the organiser's to read, not the trainer's").isTrue();
        byte[] xlsx = world.organizer.bytes("/api/v1/courses/" + course + "/attendance?format=xlsx");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getFirstSheet();
            assertThat(sheet.getName()).isEqualTo("Điểm danh");
            Map<Integer, List<String>> rows = new TreeMap<>(); // 1-based; the reader leaves out empty rows
            sheet.read().forEach(r -> {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < r.getCellCount(); c++) {
                    cells.add(r.getCellText(c));
                }
                rows.put(r.getRowNum(), numbersPlain(cells));
            });
            assertThat(rows.get(1)).startsWith("DANH SÁCH ĐIỂM DANH HỌC VIÊN");
            assertThat(rows.get(2).get(0)).contains(json.get("courseTitle").asText(), "mã " + code,
                    "từ ngày " + day + " đến ngày " + day, "ít nhất 80% số buổi");
            List<String> withNumber = new ArrayList<>(List.of("STT"));
            withNumber.addAll(headings);
            assertThat(rows.get(4)).isEqualTo(withNumber);
            for (int n = 0; n < people.size(); n++) {
                List<String> expected = new ArrayList<>(List.of(String.valueOf(n + 1)));
                expected.addAll(people.get(n));
                assertThat(rows.get(5 + n)).isEqualTo(expected);
            }
            assertThat(rows.get(9).get(1)).contains("x — có mặt", "M — đến muộn", "P — vắng có phép", "V — vắng");
        }
        // the trainer's file: the same marks, without the reasons
        Api.Res trainers = world.trainer.get("/api/v1/courses/" + course + "/attendance?format=csv");
        assertThat(trainers.status()).isEqualTo(200);
        try (CSVParser parser = CSVParser.parse(new StringReader(trainers.body().substring(1)), CSVFormat.DEFAULT)) {
            List<List<String>> lines = parser.getRecords().stream().map(r -> numbersPlain(r.toList())).toList();
            List<String> dung = new ArrayList<>(people.get(0));
            dung.set(dung.size() - 1, "");
            assertThat(lines.get(1)).isEqualTo(dung);
            assertThat(lines.subList(2, lines.size())).isEqualTo(people.subList(1, people.size()));
        }
    }

    private String unitName(String code) {
        return world.organizer.get("/api/v1/admin-units/" + code).json().get("name").asText();
    }

    /** Cells as read, numbers written plainly (1.0000 as 1), so a file's numbers compare with the JSON's. */
    private static List<String> numbersPlain(List<String> cells) {
        return cells.stream().map(c -> c.matches("-?\\d+(\\.\\d+)?")
                ? new BigDecimal(c).stripTrailingZeros().toPlainString() : c).toList();
    }

    @Test
    void theSheetListsPeopleAsAVietnameseListDoes() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(1);
        UUID course = Fixtures.course(world, world.districtA, "running", day, day);
        Fixtures.session(world, course, day, LocalTime.of(7, 30), LocalTime.of(11, 30));
        for (String name : new String[]{"Nguyễn Thị Đào", "Trần Văn Dũng", "Đỗ Văn An", "Nguyễn Văn An"}) {
            Fixtures.enroll(world, course, Fixtures.participant(world, name, "female", world.communeA1));
        }
        JsonNode sheet = world.organizer.get("/api/v1/courses/" + course + "/attendance").json();
        // by given name, Đ after D; two Ans by the whole name
        assertThat(sheet.get("participants")).extracting(p -> p.get("fullName").asText())
                .containsExactly("Đỗ Văn An", "Nguyễn Văn An", "Trần Văn Dũng", "Nguyễn Thị Đào");
    }

    @Test
    void onlyEnrolledPeopleCanBeExcusedAndOnlyByManagers() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM);
        UUID course = Fixtures.course(world, world.districtA, "open", day, day);
        UUID session = Fixtures.sessionNow(world, course);
        UUID stranger = Fixtures.participant(world, "Vi Văn Long", "male", world.communeA1);
        assertThat(world.organizer.put("/api/v1/sessions/" + session + "/excused/" + stranger,
                Map.of("reason", "x")).status()).isEqualTo(422);
        Fixtures.enroll(world, course, stranger);
        Fixtures.assignTrainer(world, course, world.trainer);
        assertThat(world.trainer.put("/api/v1/sessions/" + session + "/excused/" + stranger,
                Map.of("reason", "x")).status()).isEqualTo(403);
        assertThat(world.organizer.put("/api/v1/sessions/" + session + "/excused/" + stranger,
                Map.of()).status()).isEqualTo(400);
    }

    @Test
    void twoPhonesScanningAPersonMarkHerByTheEarlierScanWhicheverUploadsFirst() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(1);
        UUID course = Fixtures.course(world, world.districtA, "running", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(7, 30), LocalTime.of(11, 30));
        UUID earlierFirst = Fixtures.participant(world, "Lục Thị Huyền", "female", world.communeA1);
        UUID laterFirst = Fixtures.participant(world, "Dương Thị Sen", "female", world.communeA1);
        Fixtures.enroll(world, course, earlierFirst);
        Fixtures.enroll(world, course, laterFirst);
        OffsetDateTime onTime = day.atTime(7, 40).atOffset(ZoneOffset.ofHours(7));
        OffsetDateTime late = day.atTime(8, 10).atOffset(ZoneOffset.ofHours(7));

        upload(session, earlierFirst, onTime);
        upload(session, earlierFirst, late);
        // the phone that scanned her on time was offline and uploads last
        upload(session, laterFirst, late);
        upload(session, laterFirst, onTime);

        JsonNode people = world.organizer.get("/api/v1/courses/" + course + "/attendance").json().get("participants");
        Map<String, String> marks = new HashMap<>();
        people.forEach(p -> marks.put(p.get("participantId").asText(), p.get("sessions").get(0).get("status").asText()));
        assertThat(marks).isEqualTo(Map.of(earlierFirst.toString(), "present", laterFirst.toString(), "present"));
        JsonNode checkedIn = world.organizer.get("/api/v1/sessions/" + session + "/roster").json().get("checkedIn");
        assertThat(checkedIn).extracting(c -> OffsetDateTime.parse(c.get("scannedAt").asText()).toInstant())
                .as("the roster a phone downloads says so too").containsOnly(onTime.toInstant());
    }

    private void upload(UUID session, UUID person, OffsetDateTime at) {
        var res = world.organizer.post("/api/v1/check-ins/batch", Map.of("items", List.of(Map.of(
                "sessionId", session.toString(), "clientScanId", UUID.randomUUID().toString(),
                "participantId", person.toString(), "method", "manual", "scannedAt", at.toString(),
                "deviceId", "phone-" + at.getMinute()))));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
    }
}
