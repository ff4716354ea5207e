package vn.bdg.registry.participant;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.participant.Participants.assertNoNationalId;

/** Participant lists as commune and district offices really keep them, in Excel or saved from it. */
class ParticipantImportFilesIT {
    private static final String CSV = "text/csv; charset=utf-8";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final World world = World.create();

    private Api.Res importFile(String contentType, byte[] file, boolean dryRun) {
        Api.Res res = world.organizer.inLanguage("en").send("POST", "/api/v1/participants/import?dryRun=" + dryRun,
                contentType, file);
        assertNoNationalId(res);
        return res;
    }

    private JsonNode participant(Api.Res applied, int row) {
        return world.organizer.get("/api/v1/participants/"
                + applied.json().get("rows").get(row).get("participantId").asText()).json();
    }

    private static byte[] csv(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTitleAndBlankRowsAboveTheHeaderAreSkipped() {
        byte[] xlsx = workbook(ws -> {
            ws.value(0, 0, "DANH SÁCH HỌC VIÊN LỚP TẬP HUẤN BÌNH ĐẲNG GIỚI");
            ws.range(0, 0, 0, 3).merge();
            ws.value(1, 0, "Xã Nông Thượng, năm 2026");
            row(ws, 3, "STT", "Họ và tên", "Giới tính", "Số điện thoại");
            row(ws, 4, 1, "Nguyễn Thị Mai", "Nữ", 912345678);
        });
        Api.Res res = importFile(XLSX, xlsx, false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().get("rows").get(0).get("row").asInt()).as("numbered from the header").isEqualTo(1);
        assertThat(participant(res, 0).get("phone").asText()).isEqualTo("+84912345678");

        Api.Res csv = importFile(CSV, csv("DANH SÁCH HỌC VIÊN, NĂM 2026;;", ";;", "Họ và tên;Giới tính;Điện thoại",
                "Trần Thị Lan;nữ;0912 345 679"), true);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.json().get("created").asInt()).isEqualTo(1);
    }

    @Test
    void noBreakSpacesPastedAroundNumbersAndDatesAreNoErrors() {
        String nbsp = "\u00A0";
        Api.Res res = importFile(CSV, csv("full_name,sex,birth_year,birth_date,phone,national_id",
                "Nguyễn" + nbsp + "Thị Hoà,Nữ" + nbsp + ",1985" + nbsp + "," + nbsp + "12/03/1985" + nbsp
                        + ",0912" + nbsp + "345" + nbsp + "678" + nbsp + "," + nbsp + "001185012345" + nbsp), false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode p = participant(res, 0);
        assertThat(p.get("fullName").asText()).isEqualTo("Nguyễn Thị Hoà");
        assertThat(p.get("birthDate").asText()).isEqualTo("1985-03-12");
        assertThat(p.get("phone").asText()).isEqualTo("+84912345678");
        assertThat(p.get("nationalIdMasked").asText()).isEqualTo("*********345");
    }

    @Test
    void numbersWrittenWithADecimalZeroKeepTheirLeadingZeros() {
        // a list exported by another program writes spreadsheet numbers as 12345678.0
        Api.Res res = importFile(CSV, csv("full_name,sex,national_id", "Lê Văn Hùng,Nam,12345678.0"), false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        String id = res.json().get("rows").get(0).get("participantId").asText();
        assertThat(world.organizer.get("/api/v1/participants?q=012345678").ids())
                .as("the CMND 012345678, not 123456780").containsExactly(id);

        Api.Res year = importFile(CSV, csv("full_name,sex,birth_year", "Lò Văn Pó,Nam,1985.0"), false);
        assertThat(year.status()).as(year.body()).isEqualTo(200);
        assertThat(participant(year, 0).get("birthYear").asInt()).isEqualTo(1985);
        Api.Res yearUnderDate = importFile(CSV, csv("Họ và tên,Giới tính,Ngày sinh", "Lò Văn Páo,Nam,1986.0"), false);
        assertThat(yearUnderDate.status()).as(yearUnderDate.body()).isEqualTo(200);
        assertThat(participant(yearUnderDate, 0).get("birthYear").asInt()).isEqualTo(1986);

        Api.Res phone = importFile(CSV, csv("full_name,sex,phone", "Lò Thị Mây,Nữ,912345677.0"), false);
        assertThat(phone.status()).as(phone.body()).isEqualTo(200);
        assertThat(participant(phone, 0).get("phone").asText()).isEqualTo("+84912345677");
    }

    @Test
    void aNameWrittenInTwoColumnsUnderOneHeadingIsTheWholeName() {
        // lists sorted by given name keep it in a column of its own, under "Họ và tên" merged over both
        byte[] xlsx = workbook(ws -> {
            row(ws, 0, "STT", "Họ và tên");
            ws.range(0, 1, 0, 2).merge();
            ws.value(0, 3, "Giới tính");
            ws.value(1, 1, "Họ đệm");
            ws.value(1, 2, "Tên");
            row(ws, 2, 1, "Nguyễn Thị", "Hoa", "Nữ");
            row(ws, 3, 2, "Đặng Văn", "Đức", "Nam");
        });
        Api.Res res = importFile(XLSX, xlsx, false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().get("total").asInt()).as("the line naming the parts is no person").isEqualTo(2);
        assertThat(participant(res, 0).get("fullName").asText()).isEqualTo("Nguyễn Thị Hoa");
        assertThat(participant(res, 1).get("fullName").asText()).isEqualTo("Đặng Văn Đức");

        // saved as CSV, the merged heading is a heading and a blank one
        Api.Res csv = importFile(CSV, csv("STT,Họ và tên,,Giới tính", "1,Lò Thị,Mây,Nữ"), true);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.json().get("rows").get(0).get("fullName").asText()).isEqualTo("Lò Thị Mây");
    }

    @Test
    void aHeadingWithARemarkInBracketsNamesItsColumn() {
        // the phone was left out without a word, the sex column not found at all
        Api.Res res = importFile(CSV, csv("STT,Họ và tên,Giới tính (Nam/Nữ),Ngày sinh (dd/mm/yyyy),Số điện thoại (nếu có)",
                "1,Hoàng Thị Yến,Nữ,05/03/1985,0912 345 611"), false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode p = participant(res, 0);
        assertThat(p.get("sex").asText()).isEqualTo("female");
        assertThat(p.get("birthDate").asText()).isEqualTo("1985-03-05");
        assertThat(p.get("phone").asText()).isEqualTo("+84912345611");
    }

    @Test
    void aNumberThatLostDigitsInScientificNotationIsRefusedNotGuessed() {
        JsonNode rows = importFile(CSV, csv("full_name,sex,national_id", "Lê Văn Hùng,Nam,1.08500432E9"), true)
                .json().get("rows");
        assertThat(rows.get(0).get("outcome").asText()).isEqualTo("rejected");
        assertThat(rows.get(0).get("errors").get(0).get("field").asText()).isEqualTo("national_id");
    }

    @Test
    void aBirthDateColumnHoldingOnlyTheYearGivesTheBirthYear() {
        Api.Res res = importFile(CSV, csv("Họ và tên,Giới tính,Ngày sinh", "Hà Thị Nga,Nữ,1985",
                "Hà Văn Nam,Nam,12/03/1985"), false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode p = participant(res, 0);
        assertThat(p.get("birthYear").asInt()).isEqualTo(1985);
        assertThat(p.get("birthDate").isNull()).isTrue();
    }

    @Test
    void aBirthYearColumnHoldingTheWholeDateGivesTheBirthDate() {
        // "Năm sinh" (year of birth) is the usual heading of the date of birth too
        byte[] xlsx = workbook(ws -> {
            row(ws, 0, "Họ và tên", "Giới tính", "Năm sinh");
            row(ws, 1, "Hà Thị Nga", "Nữ", java.time.LocalDate.of(1985, 3, 5));
            ws.style(1, 2).format("dd/mm/yyyy").set();
            row(ws, 2, "Hà Văn Nam", "Nam", "12/03/1987");
        });
        Api.Res res = importFile(XLSX, xlsx, false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(participant(res, 0).get("birthDate").asText()).isEqualTo("1985-03-05");
        assertThat(participant(res, 0).get("birthYear").asInt()).isEqualTo(1985);
        assertThat(participant(res, 1).get("birthDate").asText()).isEqualTo("1987-03-12");

        JsonNode rows = importFile(CSV, csv("Họ và tên,Giới tính,Năm sinh,Ngày sinh", "Lê Thị Mai,Nữ,05/03/1985,06/03/1985",
                "Lê Thị Lan,Nữ,1985,06/03/1985"), true).json().get("rows");
        assertThat(rows.get(0).get("outcome").asText()).as("two dates that disagree").isEqualTo("rejected");
        assertThat(rows.get(1).get("outcome").asText()).isEqualTo("created");
    }

    @Test
    void aDateCellFormattedWithALocaleIsADate() {
        // Excel's Date formats chosen with a locale ("English (United States)", or a calendar) carry
        // its code, whose digits are no digit placeholders
        byte[] xlsx = workbook(ws -> {
            row(ws, 0, "Họ và tên", "Giới tính", "Ngày sinh");
            row(ws, 1, "Hà Thị Nga", "Nữ", java.time.LocalDate.of(1985, 3, 5));
            ws.style(1, 2).format("[$-409]d/m/yyyy;@").set();
            row(ws, 2, "Hà Văn Nam", "Nam", java.time.LocalDate.of(1987, 12, 31));
            ws.style(2, 2).format("[$-1010000]d/m/yyyy;@").set();
            row(ws, 3, "Hà Văn Bình", "Nam", 1990);
            ws.style(3, 2).format("0\" năm\"").set();
        });
        Api.Res res = importFile(XLSX, xlsx, false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(participant(res, 0).get("birthDate").asText()).isEqualTo("1985-03-05");
        assertThat(participant(res, 1).get("birthDate").asText()).isEqualTo("1987-12-31");
        assertThat(participant(res, 2).get("birthYear").asInt()).as("a number, not a date").isEqualTo(1990);
    }

    @Test
    void thousandsOfFormattedButEmptyRowsBelowTheListAreNotRows() {
        byte[] xlsx = workbook(ws -> {
            row(ws, 0, "Họ và tên", "Giới tính");
            row(ws, 1, "Đặng Thị Thu", "Nữ");
            ws.range(2, 0, 60_000, 1).style().borderStyle("thin").set();
        });
        Api.Res res = importFile(XLSX, xlsx, true);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().get("total").asInt()).isEqualTo(1);
    }

    /**
     * Three people of one commune and workplace, each of the two written once in a cell merged down
     * over them, under a header of headerRows rows (a header merged over two: its second row is no person).
     */
    private byte[] groupInMergedCells(int headerRows) {
        return workbook(ws -> {
            row(ws, 0, "Họ và tên", "Giới tính", "Mã đơn vị", "Đơn vị công tác");
            if (headerRows == 2) {
                ws.range(0, 0, 1, 0).merge();
                ws.value(1, 1, "Nam/Nữ");
            }
            String[][] people = {{"Nông Thị Hà", "Nữ"}, {"Nông Văn Khải", "Nam"}, {"Hà Thị Liên", "Nữ"}};
            for (int r = 0; r < people.length; r++) {
                ws.value(r + headerRows, 0, people[r][0]);
                ws.value(r + headerRows, 1, people[r][1]);
            }
            ws.value(headerRows, 2, world.communeA1);
            ws.range(headerRows, 2, headerRows + 2, 2).merge();
            ws.value(headerRows, 3, "UBND xã Nông Thượng");
            ws.range(headerRows, 3, headerRows + 2, 3).merge();
        });
    }

    @Test
    void aCellMergedDownOverSeveralPeopleIsTheValueOfEachOfThem() {
        // one commune and one workplace for a group of people, written once in a merged cell
        JsonNode dry = importFile(XLSX, groupInMergedCells(2), true).json().get("rows");
        assertThat(dry.get(0).get("outcome").asText()).as("the header's second row").isEqualTo("rejected");
        assertThat(dry.get(0).get("errors").findValuesAsText("field")).contains("full_name");

        Api.Res res = importFile(XLSX, groupInMergedCells(1), false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        for (int row = 0; row < 3; row++) {
            JsonNode p = participant(res, row);
            assertThat(p.get("unitCode").asText()).as(p.get("fullName").asText()).isEqualTo(world.communeA1);
            assertThat(p.get("organization").asText()).isEqualTo("UBND xã Nông Thượng");
        }
    }

    @Test
    void theUsualWaysOfNamingTheIdAndPhoneColumnsAreRecognised() {
        // an unrecognised column is ignored: its numbers would be left out without a word
        Api.Res res = importFile(CSV, csv("STT;Họ và tên;Giới tính;Số CMND/CCCD;Điện thoại di động",
                "1;Vi Thị Hằng;Nữ;001185012345;0912 345 670"), false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode p = participant(res, 0);
        assertThat(p.get("nationalIdMasked").isNull()).as("the CCCD was read").isFalse();
        assertThat(p.get("phone").asText()).isEqualTo("+84912345670");
    }

    @Test
    void sexTickedInColumnsNamAndNuIsRead() {
        Api.Res ticks = importFile(CSV, csv("STT;Họ và tên;Nam;Nữ", "1;Lê Văn An;x;", "2;Lê Thị Bích;;x",
                "3;Lê Văn Cả;x;x"), true);
        assertThat(ticks.status()).as(ticks.body()).isEqualTo(200);
        JsonNode rows = ticks.json().get("rows");
        assertThat(rows.findValuesAsText("outcome")).containsExactly("created", "created", "rejected");
        assertThat(rows.get(2).get("errors").get(0).get("field").asText()).isEqualTo("sex");

        // the usual form: Năm sinh over two columns, the year written under Nam or under Nữ
        byte[] xlsx = workbook(ws -> {
            ws.value(0, 0, "Họ và tên");
            ws.range(0, 0, 1, 0).merge();
            ws.value(0, 1, "Năm sinh");
            ws.range(0, 1, 0, 2).merge();
            ws.value(1, 1, "Nam");
            ws.value(1, 2, "Nữ");
            row(ws, 2, "Hoàng Văn Đức", 1980);
            ws.value(3, 0, "Hoàng Thị Yến");
            ws.value(3, 2, 1990);
        });
        Api.Res res = importFile(XLSX, xlsx, false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().get("total").asInt()).as("the second header row is no person").isEqualTo(2);
        JsonNode duc = participant(res, 0);
        JsonNode yen = participant(res, 1);
        assertThat(List.of(duc.get("sex").asText(), duc.get("birthYear").asText())).containsExactly("male", "1980");
        assertThat(List.of(yen.get("sex").asText(), yen.get("birthYear").asText())).containsExactly("female", "1990");
    }

    @Test
    void cellsComputedByAFormulaAreReadAsTheValuesTheyShow() throws IOException {
        // a list filled from another sheet (=DS!C5) or computed (=DATE(...)): Excel keeps each
        // formula's value beside it, a date as its serial number under the cell's date format
        byte[] computed = workbook(ws -> {
            row(ws, 0, "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD");
            row(ws, 1, "Đặng Thị Thu", "Nữ");
            ws.formula(1, 2, "DATE(1985,3,5)");
            ws.style(1, 2).format("dd/mm/yyyy").set();
            ws.formula(1, 3, "DS!D5");
            ws.style(1, 3).format("0").set();
        });
        ByteArrayOutputStream withValues = new ByteArrayOutputStream();
        try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(computed)).get();
             ZipOutputStream out = new ZipOutputStream(withValues)) {
            for (ZipArchiveEntry entry : Collections.list(in.getEntries())) {
                String part = new String(in.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                if (entry.getName().startsWith("xl/worksheets/")) {
                    assertThat(part).contains("<f>DATE(1985,3,5)</f>", "<f>DS!D5</f>");
                    part = part.replace("<f>DATE(1985,3,5)</f>", "<f>DATE(1985,3,5)</f><v>31111</v>")
                            .replace("<f>DS!D5</f>", "<f>DS!D5</f><v>1185012345</v>");
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(part.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Api.Res res = importFile(XLSX, withValues.toByteArray(), false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode p = participant(res, 0);
        assertThat(p.get("birthDate").asText()).isEqualTo("1985-03-05");
        assertThat(p.get("nationalIdMasked").asText()).isEqualTo("*********345");
    }

    @Test
    void aWorkbookThatUnpacksToHundredsOfMegabytesIsRefusedUnread() throws IOException {
        byte[] list = workbook(ws -> {
            row(ws, 0, "Họ và tên", "Giới tính");
            row(ws, 1, "Đặng Thị Thu", "Nữ");
        });
        // the same list, its shared strings holding one more of 200 MB of one letter: under 1 MB sent
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(list)).get();
             ZipOutputStream out = new ZipOutputStream(bomb)) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            for (ZipArchiveEntry entry : Collections.list(in.getEntries())) {
                String part = new String(in.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/sharedStrings.xml")) {
                    int end = part.lastIndexOf("</sst>");
                    out.write(part.substring(0, end).getBytes(StandardCharsets.UTF_8));
                    out.write("<si><t>".getBytes(StandardCharsets.UTF_8));
                    byte[] letters = "A".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
                    for (int mb = 0; mb < 200; mb++) {
                        out.write(letters);
                    }
                    out.write(("</t></si>" + part.substring(end)).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(part.getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        assertThat(bomb.size()).isLessThan(1024 * 1024);

        Api.Res res = importFile(XLSX, bomb.toByteArray(), true);
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        JsonNode error = res.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("file");
        assertThat(error.get("message").asText()).contains("128 MB");
        assertThat(importFile(XLSX, list, true).status()).as("the list itself").isEqualTo(200);
    }

    private interface Sheet {
        void fill(Worksheet ws) throws IOException;
    }

    /** Writes one row of cells from column A, each as the type it is (text, number or date). */
    private static void row(Worksheet ws, int r, Object... cells) {
        for (int c = 0; c < cells.length; c++) {
            if (cells[c] instanceof Number number) {
                ws.value(r, c, number);
            } else if (cells[c] instanceof java.time.LocalDate date) {
                ws.value(r, c, date);
            } else {
                ws.value(r, c, (String) cells[c]);
            }
        }
    }

    private static byte[] workbook(Sheet sheet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "test", "1.0");
            sheet.fill(wb.newWorksheet("Danh sách"));
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
