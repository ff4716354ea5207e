package vn.bdg.registry.participant;

import com.fasterxml.jackson.databind.JsonNode;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.participant.ParticipantIT.fieldCodes;
import static vn.bdg.registry.participant.Participants.assertNoNationalId;
import static vn.bdg.registry.participant.Participants.body;
import static vn.bdg.registry.participant.Participants.create;
import static vn.bdg.registry.participant.Participants.id;

class ParticipantImportIT {
    private static final String CSV = "text/csv; charset=utf-8";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final World world = World.create();

    private Api.Res importFile(Api api, String contentType, byte[] file, boolean dryRun) {
        Api.Res res = api.send("POST", "/api/v1/participants/import?dryRun=" + dryRun, contentType, file);
        assertNoNationalId(res);
        return res;
    }

    private static byte[] csv(String... lines) {
        return ("\uFEFF" + String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private int participantCount() {
        return world.admin.get("/api/v1/participants?limit=200").json().get("items").size();
    }

    @Test
    void aDaughterWithHerMothersNameAndPhoneIsNotTakenForHerWhenHerCccdGivesAnotherBirthYear() {
        // a household shares a phone, a daughter often her mother's name; the list gives the
        // daughter's CCCD (born 1990: digits 5-6) but no birth year
        String mother = id(create(world.organizer, "fullName", "Nguyễn Thị Hoa", "sex", "female", "birthYear", 1965,
                "phone", "0912 777 888", "unitCode", world.communeA1));
        Api.Res res = importFile(world.organizer, CSV, csv("Họ và tên,Giới tính,Số điện thoại,Số CCCD,Mã đơn vị",
                "NGUYỄN THỊ HOA,Nữ,0912777888,001190012345," + world.communeA1), false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode row = res.json().get("rows").get(0);
        assertThat(row.get("outcome").asText()).as(res.body()).isEqualTo("created");
        JsonNode daughter = world.organizer.get("/api/v1/participants/" + row.get("participantId").asText()).json();
        assertThat(daughter.get("duplicateOf").asText()).as("flagged for review").isEqualTo(mother);

        // her CCCD born in 1965 is the mother's own
        JsonNode again = importFile(world.organizer, CSV, csv("Họ và tên,Giới tính,Số điện thoại",
                "Nguyễn Thị Hoa,Nữ,0912777888"), true).json().get("rows").get(0);
        assertThat(again.get("outcome").asText()).as("nothing tells her from the mother").isEqualTo("matched");
    }

    @Test
    void aCsvIsCheckedRowByRowInADryRunThenCommittedAllOrNothing() {
        String existing = id(create(world.organizer, "fullName", "Hà Thị Xuân", "sex", "female", "phone", "0933444555"));
        String header = "STT,full_name,sex,birth_year,phone,national_id,unit_code,target_groups";
        String[] good = {
                "1,Nguyễn Thị Hoà,female,1985,0912 345 678,001185012345," + world.communeA1
                        + ",commune_collaborators;women_leaders",
                "2,Trần Văn Bình,male,1970,+84 987 111 222,," + world.communeA2 + ",",
                "4,Nguyễn Thị Hòa,female,1985,0912345678,,,",
                "6,Hà Thị Xuân,female,,0933 444 555,,,"};
        String bad3 = "3,Lê Thị Cúc,female,1992,12345,," + world.communeA1 + ",";
        String bad5 = "5,Phạm Văn Dũng,robot,,,," + world.communeA1 + ",astronauts";
        byte[] withBadRows = csv(header, good[0], good[1], bad3, good[2], bad5, good[3]);
        int before = participantCount();

        Api.Res dry = importFile(world.organizer, CSV, withBadRows, true);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        JsonNode report = dry.json();
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("applied").asBoolean()).isFalse();
        assertThat(List.of(report.get("total").asInt(), report.get("created").asInt(), report.get("matched").asInt(),
                report.get("rejected").asInt())).containsExactly(6, 2, 2, 2);
        JsonNode rows = report.get("rows");
        assertThat(outcomes(rows)).containsExactly("created", "created", "rejected", "matched", "rejected", "matched");
        assertThat(rows.get(2).get("errors").get(0).get("field").asText()).isEqualTo("phone");
        assertThat(rows.get(3).get("matchedBy").asText()).as("an earlier row of the same file").isEqualTo("phone");
        assertThat(rows.get(3).get("participantId").isNull()).isTrue();
        assertThat(rows.get(4).get("errors").findValuesAsText("field")).containsExactly("sex", "target_groups[0]");
        assertThat(rows.get(5).get("participantId").asText()).isEqualTo(existing);
        assertThat(participantCount()).as("a dry run writes nothing").isEqualTo(before);

        Api.Res rejected = importFile(world.organizer, CSV, withBadRows, false);
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.json().get("code").asText()).isEqualTo("import_rejected");
        assertThat(fieldCodes(rejected)).containsExactly("rows[3].phone:invalid_phone", "rows[5].sex:invalid_sex",
                "rows[5].target_groups[0]:unknown_code");
        assertThat(participantCount()).as("all or nothing").isEqualTo(before);

        Api.Res applied = importFile(world.organizer, CSV, csv(header, good[0], good[1], good[2], good[3]), false);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        JsonNode done = applied.json();
        assertThat(done.get("applied").asBoolean()).isTrue();
        assertThat(outcomes(done.get("rows"))).containsExactly("created", "created", "matched", "matched");
        String hoa = done.get("rows").get(0).get("participantId").asText();
        assertThat(done.get("rows").get(2).get("participantId").asText()).isEqualTo(hoa);
        assertThat(participantCount()).isEqualTo(before + 2);
        JsonNode created = world.organizer.get("/api/v1/participants/" + hoa).json();
        assertThat(created.get("phone").asText()).isEqualTo("+84912345678");
        assertThat(created.get("nationalIdMasked").asText()).isEqualTo("*********345");
        assertThat(created.get("targetGroups")).hasSize(2);

        JsonNode again = importFile(world.organizer, CSV, csv(header, good[0], good[1], good[2], good[3]), false).json();
        assertThat(again.get("created").asInt()).as("importing the same list twice creates nobody").isZero();
        assertThat(again.get("rows").get(0).get("matchedBy").asText()).isEqualTo("national_id");
        assertThat(again.get("rows").get(1).get("matchedBy").asText()).isEqualTo("phone");

        JsonNode audit = world.admin.get("/api/v1/audit-log?entity=participant").json().get("items");
        assertThat(audit.findValuesAsText("action").stream().filter("import"::equals)).hasSize(2);
    }

    @Test
    void anXlsxWithVietnameseHeadersAndSpreadsheetNumbersIsImported() {
        List<Object[]> good = List.of(
                new Object[]{1, "Hoàng Thị Én", "Nữ", 1990, LocalDate.of(1990, 5, 20), 912000111, 6190000456L, "02",
                        world.communeB1, "UBND xã", "Cán bộ văn hoá", "commune_collaborators", "Phiếu",
                        LocalDate.of(2025, 12, 1), "Có"},
                new Object[]{2, "Vi Văn Phúc", "Nam", 1975, null, "0968 222 333", null, "01", world.communeB2, null,
                        null, null, "paper_form", "15/11/2025", "x"});
        List<Object[]> bad = List.of(
                new Object[]{3, "Lò Thị Gấm", "Nữ", "1985x", "31/02/1985", null, null, null, null, null, null, null},
                new Object[]{4, "Mông Văn Sử", "Nam", 1960, null, null, null, "77", "99999", null, null, null});
        List<Object[]> all = new ArrayList<>(good);
        all.addAll(bad);

        Api.Res dry = importFile(world.organizer.inLanguage("en"), XLSX, xlsx(all), true);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        JsonNode rows = dry.json().get("rows");
        assertThat(outcomes(rows)).as(rows.toString()).containsExactly("created", "created", "rejected", "rejected");
        assertThat(rows.get(2).get("errors").findValuesAsText("code")).containsExactly("invalid_year", "invalid_file_date");
        assertThat(rows.get(2).get("errors").get(1).get("message").asText()).as("the forms a file may use")
                .contains("YYYY-MM-DD").contains("DD/MM/YYYY");
        assertThat(rows.get(3).get("errors").findValuesAsText("field")).containsExactly("ethnicity_code", "unit_code");
        String english = rows.get(2).get("errors").get(0).get("message").asText();
        String vietnamese = importFile(world.organizer.inLanguage("vi"), XLSX, xlsx(all), true).json().get("rows")
                .get(2).get("errors").get(0).get("message").asText();
        assertThat(english).isNotEqualTo(vietnamese).contains("year");
        assertThat(vietnamese).contains("năm");

        assertThat(importFile(world.organizer, XLSX, xlsx(all), false).status()).isEqualTo(422);

        Api.Res applied = importFile(world.organizer, XLSX, xlsx(good), false);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        JsonNode en = world.organizer.get("/api/v1/participants/"
                + applied.json().get("rows").get(0).get("participantId").asText()).json();
        assertThat(en.get("fullName").asText()).isEqualTo("Hoàng Thị Én");
        assertThat(en.get("sex").asText()).isEqualTo("female");
        assertThat(en.get("birthDate").asText()).isEqualTo("1990-05-20");
        assertThat(en.get("phone").asText()).as("the leading 0 a spreadsheet dropped").isEqualTo("+84912000111");
        assertThat(en.get("nationalIdMasked").asText()).isEqualTo("*********456");
        assertThat(en.get("ethnicityCode").asText()).isEqualTo("02");
        assertThat(en.get("organization").asText()).isEqualTo("UBND xã");
        assertThat(world.organizer.get("/api/v1/participants?q=006190000456").ids())
                .as("the CCCD got its leading zeros back").containsExactly(en.get("id").asText());
    }

    @Test
    void aRowWithAnEthnicityIsImportedOnlyWithAConsentCoveringIt() {
        // a list without a consent column: the row with an ethnicity is rejected, named by its column
        Api.Res noColumn = importFile(world.organizer.inLanguage("en"), CSV, csv("full_name,sex,ethnicity_code",
                "Lường Thị Thu,female,02", "Lường Văn Hải,male,"), true);
        JsonNode rows = noColumn.json().get("rows");
        assertThat(outcomes(rows)).containsExactly("rejected", "created");
        assertThat(rows.get(0).get("errors").get(0).get("field").asText()).isEqualTo("ethnicity_code");
        assertThat(rows.get(0).get("errors").get(0).get("code").asText()).isEqualTo("consent_required");
        assertThat(rows.get(0).get("errors").get(0).get("message").asText()).contains("consent");

        // a paper list with the consent columns, in Vietnamese
        String header = "Họ và tên,Giới tính,Dân tộc,Hình thức đồng ý,Ngày đồng ý,Đồng ý dữ liệu nhạy cảm";
        String[] lines = {
                "Lường Thị Thu,Nữ,02,Phiếu,12/01/2026,Có",
                "Quàng Văn Bốn,Nam,03,Phiếu,12/01/2026,",
                "Cầm Thị Mơ,Nữ,,Lời nói,12/01/2026,Không",
                "Tòng Văn Ba,Nam,02,tick sẵn,32/01/2026,có thể"};
        JsonNode dry = importFile(world.organizer, CSV, csv(header, lines[0], lines[1], lines[2], lines[3]), true)
                .json().get("rows");
        assertThat(outcomes(dry)).containsExactly("created", "rejected", "created", "rejected");
        assertThat(dry.get(1).get("errors").findValuesAsText("code")).as("a blank cell is not a yes")
                .containsExactly("consent_required");
        assertThat(dry.get(3).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("consent_date", "sensitive_consent", "consent_method");

        Api.Res applied = importFile(world.organizer, CSV, csv(header, lines[0], lines[2]), false);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        JsonNode thu = world.organizer.get("/api/v1/participants/"
                + applied.json().get("rows").get(0).get("participantId").asText()).json();
        assertThat(thu.get("ethnicityCode").asText()).isEqualTo("02");
        assertThat(thu.get("consent").get("method").asText()).isEqualTo("paper_form");
        assertThat(thu.get("consent").get("coversSensitiveData").asBoolean()).isTrue();
        JsonNode mo = world.organizer.get("/api/v1/participants/"
                + applied.json().get("rows").get(1).get("participantId").asText()).json();
        assertThat(mo.get("consent").get("method").asText()).isEqualTo("verbal");
        assertThat(mo.get("consent").get("coversSensitiveData").asBoolean()).isFalse();
    }

    @Test
    void aConsentOnARowMatchedToAKnownPersonIsRecordedWhereNoneWasAndReplacesNone() {
        String known = id(create(world.organizer, "fullName", "Vàng Thị Say", "sex", "female", "phone", "0977111222"));
        String consented = id(create(world.organizer, "fullName", "Giàng Văn Pó", "sex", "male", "phone", "0977333444",
                "consent", Participants.consent(false)));
        byte[] file = csv("Họ và tên,Giới tính,Điện thoại,Hình thức đồng ý,Ngày đồng ý,Đồng ý dữ liệu nhạy cảm",
                "Vàng Thị Say,Nữ,0977 111 222,Phiếu,12/01/2026,Có",
                "Giàng Văn Pó,Nam,0977 333 444,Phiếu,12/01/2026,Có");

        JsonNode dry = importFile(world.organizer, CSV, file, true).json();
        assertThat(outcomes(dry.get("rows"))).containsExactly("matched", "matched");
        assertThat(world.organizer.get("/api/v1/participants/" + known).json().path("consent").isMissingNode())
                .as("a dry run records nothing").isTrue();

        Api.Res applied = importFile(world.organizer, CSV, file, false);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        JsonNode say = world.organizer.get("/api/v1/participants/" + known).json();
        assertThat(say.get("consent").get("method").asText()).isEqualTo("paper_form");
        assertThat(say.get("consent").get("givenAt").asText()).startsWith("2026-01-1");
        assertThat(say.get("consent").get("recordedBy").asText())
                .isEqualTo(world.organizer.get("/api/v1/me").json().get("id").asText());
        assertThat(world.organizer.get("/api/v1/participants/" + consented).json().get("consent")
                .get("coversSensitiveData").asBoolean()).as("the consent on record is not replaced").isFalse();
        JsonNode trail = world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + known).json().get("items");
        assertThat(trail).extracting(e -> e.get("action").asText()).as("her own trail shows it").contains("update");
    }

    @Test
    void aUnitOnARowMatchedToAKnownPersonIsRecordedWhereNoneWasAndMovesNobody() {
        String noUnit = id(create(world.organizer, "fullName", "Hoàng Thị Lụa", "sex", "female", "phone", "0977555666"));
        String placed = id(create(world.organizer, "fullName", "Nông Văn Dìn", "sex", "male", "phone", "0977777888",
                "unitCode", world.communeA1));
        byte[] file = csv("Họ và tên,Giới tính,Điện thoại,Mã đơn vị",
                "Hoàng Thị Lụa,Nữ,0977 555 666," + world.communeA2,
                "Nông Văn Dìn,Nam,0977 777 888," + world.communeA2);

        importFile(world.organizer, CSV, file, true);
        assertThat(world.organizer.get("/api/v1/participants/" + noUnit).json().path("unitCode").asText(null))
                .as("a dry run records nothing").isNull();

        Api.Res applied = importFile(world.organizer, CSV, file, false);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(outcomes(applied.json().get("rows"))).containsExactly("matched", "matched");
        assertThat(world.organizer.get("/api/v1/participants/" + noUnit).json().get("unitCode").asText())
                .isEqualTo(world.communeA2);
        assertThat(world.organizer.get("/api/v1/participants/" + placed).json().get("unitCode").asText())
                .as("moving someone is an edit's to do").isEqualTo(world.communeA1);
        JsonNode trail = world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + noUnit).json().get("items");
        assertThat(trail).extracting(e -> e.get("action").asText()).as("her own trail shows it").contains("update");
        assertThat(world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + placed).json().get("items"))
                .extracting(e -> e.get("action").asText()).doesNotContain("update");
    }

    @Test
    void aSemicolonCsvWithVietnameseHeadersAndNoBomIsReadToo() {
        byte[] file = ("Họ và tên;Giới tính;Ngày sinh;Điện thoại;Đối tượng\n"
                + "Đoàn Thị Hạnh;nữ;15/03/1985;0912 888 999;\"women_leaders,commune_collaborators\"\n")
                .getBytes(StandardCharsets.UTF_8);
        Api.Res res = importFile(world.organizer, "text/csv", file, false);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode p = world.organizer.get("/api/v1/participants/"
                + res.json().get("rows").get(0).get("participantId").asText()).json();
        assertThat(p.get("birthYear").asInt()).isEqualTo(1985);
        assertThat(p.get("targetGroups")).hasSize(2);
    }

    @Test
    void aValueSplitByTheSemicolonsOfTheFileIsRejectedNotHalfDropped() {
        // target groups written code1;code2, as the docs say, but unquoted in a semicolon file
        byte[] file = ("full_name;sex;phone;target_groups\n"
                + "Lý Thị Sen;Nữ;0933444555;women_council_delegates;commune_collaborators\n"
                + "Ma Văn Tú;Nam;0933444666;\"women_council_delegates;commune_collaborators\"\n")
                .getBytes(StandardCharsets.UTF_8);
        JsonNode rows = importFile(world.organizer.inLanguage("en"), "text/csv", file, true).json().get("rows");
        assertThat(outcomes(rows)).containsExactly("rejected", "created");
        JsonNode error = rows.get(0).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("cells");
        assertThat(error.get("code").asText()).isEqualTo("beyond_header");
        assertThat(error.get("message").asText()).contains("commune_collaborators").contains("quotes");

        Api.Res applied = importFile(world.organizer, "text/csv", file, false);
        assertThat(applied.status()).as("all or nothing").isEqualTo(422);
        assertThat(fieldCodes(applied)).containsExactly("rows[1].cells:beyond_header");
    }

    @Test
    void aDistrictUserImportsOnlyIntoTheirDistrict() {
        byte[] file = csv("full_name,sex,unit_code", "Quan Văn Tám,male," + world.communeB1, "Quan Văn Chín,male,");
        JsonNode rows = importFile(world.districtOrganizer, CSV, file, true).json().get("rows");
        assertThat(outcomes(rows)).containsExactly("rejected", "created");
        assertThat(rows.get(0).get("errors").get(0).get("code").asText()).isEqualTo("unknown_unit");
    }

    @Test
    void aFileThatCannotBeReadIsA400OrA415() {
        Api.Res missing = importFile(world.organizer, CSV, csv("name,phone", "A,0912345678"), true);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fieldCodes(missing)).containsExactly("file:missing_column", "file:missing_column");

        Api.Res garbage = importFile(world.organizer, XLSX, "not a workbook".getBytes(StandardCharsets.UTF_8), true);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("code").asText()).isEqualTo("unreadable_file");

        Api.Res latin1 = importFile(world.organizer, CSV, "full_name,sex\nNguy\u1ec5n,n\u1eef\n"
                .getBytes(StandardCharsets.UTF_16LE), true);
        assertThat(latin1.status()).isEqualTo(400);
        assertThat(latin1.json().get("code").asText()).isEqualTo("invalid_encoding");
        assertThat(latin1.json().get("detail").asText()).as("says how to save it from Excel")
                .contains("CSV UTF-8");

        // a NUL character, which PostgreSQL cannot store (it fills the file of a wrong encoding)
        Api.Res nul = importFile(world.organizer, CSV, csv("full_name,sex", "Nguyễn Thị\u0000 Lan,female"), false);
        assertThat(nul.status()).as(nul.body()).isEqualTo(400);
        assertThat(nul.json().get("code").asText()).isEqualTo("invalid_encoding");
        assertThat(participantCount()).isZero();

        Api.Res unclosedQuote = importFile(world.organizer, CSV, csv("full_name,sex", "\"Nguyễn,female"), true);
        assertThat(unclosedQuote.status()).isEqualTo(400);

        Api.Res empty = importFile(world.organizer, CSV, new byte[0], true);
        assertThat(empty.status()).isEqualTo(400);

        assertThat(importFile(world.organizer, "application/pdf", new byte[]{1}, true).status()).isEqualTo(415);
        assertThat(world.organizer.send("POST", "/api/v1/participants/import?dryRun=maybe", CSV,
                csv("full_name,sex")).status()).isEqualTo(400);
        assertThat(world.reporter.send("POST", "/api/v1/participants/import", CSV, csv("full_name,sex")).status())
                .isEqualTo(403);
    }

    @Test
    void anEmptyOrCutOffWorkbookIsUnreadableNotAServerError() {
        // fewer bytes than a zip's signature (an upload that lost its file, "PK" of one cut off):
        // the workbook reader threw on them instead of saying they are no workbook (a 500)
        for (byte[] file : List.of(new byte[0], "PK".getBytes(StandardCharsets.US_ASCII))) {
            Api.Res res = importFile(world.organizer, XLSX, file, false);
            assertThat(res.status()).as(res.body()).isEqualTo(400);
            assertThat(res.contentType()).startsWith("application/problem+json");
            assertThat(res.json().get("code").asText()).isEqualTo("unreadable_file");
        }
        assertThat(participantCount()).isZero();
    }

    @Test
    void tenThousandRowsImportInSeconds() {
        StringBuilder file = new StringBuilder("full_name,sex,birth_year,phone,unit_code\n");
        for (int i = 0; i < 10_000; i++) {
            file.append("Nguyễn Văn Thử ").append(i).append(",male,").append(1950 + i % 50).append(",09")
                    .append(String.format("%08d", i)).append(',').append(world.communeA1).append('\n');
        }
        byte[] body = file.toString().getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        Api.Res res = world.organizer.send("POST", "/api/v1/participants/import?dryRun=false", CSV, body);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(res.status()).as(res.body().substring(0, Math.min(500, res.body().length()))).isEqualTo(200);
        assertThat(res.json().get("created").asInt()).isEqualTo(10_000);
        System.out.println("import of 10,000 rows (with the contract check of the answer): " + millis + " ms");
        assertThat(millis).isLessThan(30_000);
        assertThat(world.organizer.get("/api/v1/participants?q=0900009999").ids()).hasSize(1);
    }

    @Test
    void aPersonRegisteredWhileAnImportRunsIsMatchedNotCreatedTwice() throws Exception {
        // two organisers import the same commune list at once, or one imports while another types a
        // person in: each person ends up as one record (or, typed in, one flagged as a duplicate)
        String header = "full_name,sex,birth_year,phone,unit_code";
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String phone = "09860050" + (10 + round);
                String name = "Lục Thị Vân " + round;
                boolean bothImport = round % 2 == 0;
                byte[] list = csv(header, name + ",female,1990," + phone + "," + world.communeA1);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Api.Res> first = pool.submit(() -> {
                    together.await();
                    return importFile(world.organizer, CSV, list, false);
                });
                Future<Api.Res> second = pool.submit(() -> {
                    together.await();
                    return bothImport ? importFile(world.organizer, CSV, list, false)
                            : world.organizer.post("/api/v1/participants", body("fullName", name,
                            "sex", "female", "birthYear", 1990, "phone", phone, "unitCode", world.communeA1));
                });
                assertThat(first.get().status()).as(first.get().body()).isEqualTo(200);
                assertThat(second.get().status()).as(second.get().body()).isIn(200, 201);

                JsonNode records = world.organizer.get("/api/v1/participants?limit=10&q=" + phone).json().get("items");
                assertThat(records).as("round %d: %s", round, records)
                        .filteredOn(p -> p.path("duplicateOf").isNull()).hasSize(1);
                if (bothImport) {
                    assertThat(records).as("two imports: one record").hasSize(1);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private static List<String> outcomes(JsonNode rows) {
        return rows.findValuesAsText("outcome");
    }

    /** A workbook as communes send them: Vietnamese headers, numbers and dates as spreadsheet cells. */
    private static byte[] xlsx(List<Object[]> rows) {
        String[] header = {"STT", "Họ và tên", "Giới tính", "Năm sinh", "Ngày sinh", "Số điện thoại", "Số CCCD",
                "Dân tộc", "Mã đơn vị", "Cơ quan", "Chức vụ", "Đối tượng", "Hình thức đồng ý", "Ngày đồng ý",
                "Đồng ý dữ liệu nhạy cảm"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "test", "1.0");
            Worksheet ws = wb.newWorksheet("Danh sách");
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                for (int c = 0; c < row.length; c++) {
                    if (row[c] instanceof String s) {
                        ws.value(r + 1, c, s);
                    } else if (row[c] instanceof Number n) {
                        ws.value(r + 1, c, n);
                    } else if (row[c] instanceof LocalDate d) {
                        ws.value(r + 1, c, d);
                        ws.style(r + 1, c).format("dd/mm/yyyy").set();
                    }
                }
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
