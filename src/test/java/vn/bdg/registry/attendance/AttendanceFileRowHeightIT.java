package vn.bdg.registry.attendance;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An excuse's reason is typed in a text area and stored with its line breaks (VietnameseText.cleanLines).
 * In the XLSX the "Ghi chú" cell wraps, and a spreadsheet breaks a line at every line break: the row
 * must be as tall as those lines, or the printed sheet cuts the reason off.
 */
class AttendanceFileRowHeightIT {
    private final World world = World.create();

    @Test
    void aReasonOfSeveralLinesGetsARowTallEnoughForEachOfItsLines() throws IOException {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(1);
        UUID course = Fixtures.course(world, world.districtA, "running", day, day);
        UUID morning = Fixtures.session(world, course, day, LocalTime.of(7, 30), LocalTime.of(11, 30));
        UUID dung = Fixtures.participant(world, "Hứa Thị Dung", "female", world.communeA2);
        Fixtures.enroll(world, course, dung);
        assertThat(world.organizer.put("/api/v1/sessions/" + morning + "/excused/" + dung,
                Map.of("reason", "Ốm\nCó giấy\nXin nghỉ\nĐã báo")).status()).isEqualTo(204);
        String reason = world.organizer.get("/api/v1/courses/" + course + "/attendance").json()
                .get("participants").get(0).get("sessions").get(0).get("reason").asText();
        assertThat(reason).as("stored with its line breaks").isEqualTo("Ốm\nCó giấy\nXin nghỉ\nĐã báo");

        byte[] xlsx = world.organizer.bytes("/api/v1/courses/" + course + "/attendance?format=xlsx");
        String sheet = part(xlsx, "xl/worksheets/sheet1.xml");
        // "dd/MM/yyyy 07:30–11:30: Ốm" / "Có giấy" / "Xin nghỉ" / "Đã báo": four lines of 15 points in "Ghi chú" (30 wide)
        Matcher row = Pattern.compile("<row r=\"5\"[^>]*?ht=\"([0-9.]+)\"").matcher(sheet);
        double height = row.find() ? Double.parseDouble(row.group(1)) : 15;
        assertThat(height).as("the person's row (row 5) holds the four lines of the reason").isGreaterThanOrEqualTo(60);
    }

    /**
     * A course of several sessions from which a person was excused with a reason each (up to 500
     * characters each): the "Ghi chú" cell (30 wide) holds them all, more than 27 lines, and
     * fastexcel refuses a row taller than Excel's 409.5 points (IllegalArgumentException): 500.
     */
    @Test
    void aPersonExcusedFromSeveralSessionsWithReasonsStillGetsTheXlsx() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(7);
        UUID course = Fixtures.course(world, world.districtA, "running", day, day.plusDays(2));
        UUID dung = Fixtures.participant(world, "Hứa Thị Dung", "female", world.communeA2);
        Fixtures.enroll(world, course, dung);
        String reason = "Ốm, có giấy xác nhận của trạm y tế xã, đã báo trước với ban tổ chức lớp và "
                + "cán bộ phụ trách; sẽ học bù theo tài liệu của lớp.";
        for (int d = 0; d < 3; d++) {
            for (LocalTime start : List.of(LocalTime.of(7, 30), LocalTime.of(13, 30))) {
                UUID session = Fixtures.session(world, course, day.plusDays(d), start, start.plusHours(3));
                assertThat(world.organizer.put("/api/v1/sessions/" + session + "/excused/" + dung,
                        Map.of("reason", reason)).status()).isEqualTo(204);
            }
        }
        assertThat(world.organizer.get("/api/v1/courses/" + course + "/attendance").status()).isEqualTo(200);
        assertThat(world.organizer.get("/api/v1/courses/" + course + "/attendance?format=csv").status()).isEqualTo(200);
        var xlsx = world.organizer.get("/api/v1/courses/" + course + "/attendance?format=xlsx");
        assertThat(xlsx.status()).as(xlsx.body()).isEqualTo(200);
    }

    /** A part of a zip, read through its central directory (fastexcel's entries have data descriptors). */
    private static String part(byte[] zip, String name) throws IOException {
        Path file = Files.createTempFile("sheet", ".xlsx");
        try {
            Files.write(file, zip);
            try (ZipFile archive = new ZipFile(file.toFile())) {
                ZipEntry entry = archive.getEntry(name);
                return new String(archive.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            Files.delete(file);
        }
    }
}
