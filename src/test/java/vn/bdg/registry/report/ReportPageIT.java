package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.PhoneBrowser;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report page (/reports) in a real browser: a reporter picks a half-year and breakdowns and
 * sees the API's numbers in the table and the charts, downloads the same numbers as CSV, opens the
 * people behind a cell; a district's reporter sees only their district.
 */
class ReportPageIT {
    /** Last year, so that every course and check-in of the test lies in the past. */
    private static final int YEAR = LocalDate.now(Fixtures.VIETNAM).getYear() - 1;
    private static final String PERIOD = YEAR + "-H1";
    private static World world;
    private static Map<String, UUID> people;

    /**
     * In the first half: a course in district A (Mai, Nam and Hoà present, Thu absent) and one in
     * district B (Lan and Tài present); in the second half a course that the half-year leaves out.
     */
    @BeforeAll
    static void aProvinceWithCoursesInBothHalves() {
        PhoneBrowser.requireChromium();
        world = World.create();
        people = Map.of(
                "mai", Fixtures.participant(world, "Lò Thị Mai", "female", world.communeA1, 1990, "02", "commune_collaborators"),
                "nam", Fixtures.participant(world, "Hoàng Văn Nam", "male", world.communeA2, 1975, "01", "commune_collaborators"),
                "hoa", Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.districtA, 1985, "01"),
                "thu", Fixtures.participant(world, "Đinh Thị Thu", "female", world.communeA1, 1968, "01", "women_council_delegates"),
                "lan", Fixtures.participant(world, "Triệu Thị Lan", "female", world.communeB1, 1999, "09", "women_cadres_pipeline"),
                "tai", Fixtures.participant(world, "Bàn Văn Tài", "male", world.communeB2, null, null));
        UUID first = course(world.districtA, LocalDate.of(YEAR, 3, 10), List.of("mai", "nam", "hoa", "thu"),
                List.of("mai", "nam", "hoa"));
        // three came to a course planned for two: a flag to check
        TestServer.get().database.dsl().execute("update course set capacity = 2 where id = ?", first);
        course(world.districtB, LocalDate.of(YEAR, 5, 20), List.of("lan", "tai"), List.of("lan", "tai"));
        course(world.districtA, LocalDate.of(YEAR, 9, 15), List.of("mai", "thu"), List.of("mai", "thu"));
    }

    private static UUID course(String unit, LocalDate day, List<String> enrolled, List<String> present) {
        UUID course = Fixtures.course(world, unit, "completed", day, day, "training", new String[]{"gender_knowledge"},
                new String[]{"commune_collaborators"}, "district", null);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 30));
        enrolled.forEach(p -> Fixtures.enroll(world, course, people.get(p)));
        present.forEach(p -> Reports.present(world, session, people.get(p), day));
        return course;
    }

    private static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    /** Logs in on the report page and waits for the first report (this year's, with the default breakdown). */
    private static void logIn(Page page, String role) {
        submitLogin(page, role);
        expect(page.locator("#report-status")).hasText("Đã tải báo cáo.");
    }

    private static void submitLogin(Page page, String role) {
        page.navigate("/reports");
        page.getByLabel("Tên đăng nhập").fill(world.username(role));
        page.getByLabel("Mật khẩu").fill(World.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
    }

    /** Chooses the first half of YEAR with these breakdowns (and only these) and waits for the report. */
    private static void firstHalfBy(Page page, String... breakdowns) {
        page.getByLabel("Loại kỳ").selectOption("half");
        page.locator("#year").selectOption(String.valueOf(YEAR));
        page.locator("#half").selectOption("H1");
        Set<String> wanted = Set.of(breakdowns);
        for (Locator box : page.locator("#by input").all()) {
            box.setChecked(wanted.contains(box.getAttribute("value")));
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xem báo cáo")).click();
        expect(page.locator("#result-title")).containsText(PERIOD);
        expect(page.locator("#report-status")).hasText("Đã tải báo cáo.");
    }

    /** The page's table as [indicator, sex, unitCode, value, text shown] per row, in the page's order. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> tableOnThePage(Page page) {
        return (List<Map<String, String>>) page.evaluate("""
                () => [...document.querySelectorAll('#indicator-list tr[data-indicator]')].map(tr => ({
                  indicator: tr.dataset.indicator, sex: tr.dataset.sex ?? '-', unitCode: tr.dataset.unitCode ?? '-',
                  value: tr.querySelector('button.cell').dataset.value,
                  shown: tr.querySelector('button.cell').firstChild.textContent }))
                """);
    }

    private static String text(JsonNode row, String key) {
        if (!row.has(key)) {
            return "-";
        }
        return row.get(key).isNull() ? "null" : row.get(key).asText();
    }

    private static BigDecimal decimal(String s) {
        return s == null || s.isEmpty() ? null : new BigDecimal(s);
    }

    /** Women and men by unit code, of the persons_trained rows of a report broken down by sex and unit. */
    private static Map<String, Map<String, String>> womenAndMenByUnit(JsonNode report) {
        Map<String, Map<String, String>> byUnit = new HashMap<>();
        Reports.rowsOf(report, "persons_trained").forEach(r -> byUnit
                .computeIfAbsent(text(r, "unitCode"), u -> new HashMap<>()).put(text(r, "sex"), r.get("value").asText()));
        return byUnit;
    }

    /** The bars of the chart by unit: unit code -> sex -> value. */
    private static Map<String, Map<String, String>> barsByUnit(Page page) {
        Map<String, Map<String, String>> bars = new HashMap<>();
        for (Locator bar : page.locator("#chart-list figure").first().locator("rect.bar").all()) {
            bars.computeIfAbsent(bar.getAttribute("data-category"), u -> new HashMap<>())
                    .put(bar.getAttribute("data-sex"), bar.getAttribute("data-value"));
        }
        return bars;
    }

    @Test
    void aPageWhoseListsFailedToLoadRecoversAndARefusalSaysWhyAndHidesTheOldResult() {
        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            // the catalogues fail to come once, as on a weak signal
            phone.route("**/api/v1/catalogs/**", route -> route.abort());
            submitLogin(page, "reporter");
            expect(page.locator("#report-error")).hasText("Không kết nối được máy chủ.");
            phone.unroute("**/api/v1/catalogs/**");
            firstHalfBy(page, "sex");
            expect(page.locator("#report-error")).isEmpty();
            expect(page.locator("#indicator-list section.indicator").first()).isVisible();

            // every breakdown at once: more cells than the server makes, and the reason it gives is shown
            for (Locator box : page.locator("#by input").all()) {
                box.setChecked(true);
            }
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xem báo cáo")).click();
            expect(page.locator("#report-error")).containsText("hãy chọn ít cách phân tổ");
            expect(page.locator("#result")).isHidden();
        }
    }

    @Test
    void theTableChartCsvAndRecordsOfAHalfYearShowTheApisNumbers() throws IOException {
        String query = "period=" + PERIOD + "&unit=" + world.province + "&by=sex,unit";
        JsonNode api = Reports.report(world.reporter, query);

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            page.navigate("/reports");
            PhoneBrowser.assertAccessible(page, "the report page's login");
            logIn(page, "reporter");
            firstHalfBy(page, "sex", "unit");

            // the table: every row of the API, in its order, with its value
            List<Map<String, String>> table = tableOnThePage(page);
            List<JsonNode> rows = new ArrayList<>();
            api.get("rows").forEach(rows::add);
            assertThat(table).hasSameSizeAs(rows);
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                Map<String, String> shown = table.get(i);
                String where = "row " + i + " " + row;
                assertThat(shown.get("indicator")).as(where).isEqualTo(row.get("indicator").asText());
                assertThat(shown.get("sex")).as(where).isEqualTo(text(row, "sex"));
                assertThat(shown.get("unitCode")).as(where).isEqualTo(text(row, "unitCode"));
                BigDecimal value = row.get("value").isNull() ? null : row.get("value").decimalValue();
                if (value == null) {
                    assertThat(shown.get("value")).as(where).isEmpty();
                } else {
                    assertThat(decimal(shown.get("value"))).as(where).isEqualByComparingTo(value);
                }
                if ("count".equals(row.get("valueType").asText())) {
                    assertThat(shown.get("shown")).as(where).isEqualTo(value.toPlainString());
                }
            }
            // what to check before reporting: the API's flags, each with its sentence
            JsonNode flags = world.reporter.get("/api/v1/reports/flags?period=" + PERIOD + "&unit=" + world.province)
                    .json().get("items");
            assertThat(flags).hasSize(1);
            expect(page.locator("#flag-list li.flag")).hasCount(1);
            expect(page.locator("#flag-list li.flag[data-kind=attendance_above_capacity]"))
                    .containsText(flags.get(0).get("message").asText());

            Locator persons = page.locator("section.indicator[data-indicator=persons_trained]");
            expect(persons.locator(".definition")).containsText(
                    Reports.rowsOf(api, "persons_trained").get(0).get("definition").asText());
            expect(persons.locator("tr[data-sex=female][data-unit-code='" + world.districtA + "'] button.cell"))
                    .hasAttribute("data-value", "2");

            // the chart of women and men by unit: the API's numbers, and not all zeros
            JsonNode chartReport = Reports.report(world.reporter, "period=" + PERIOD + "&unit=" + world.province
                    + "&by=sex,unit&indicators=persons_trained");
            Map<String, Map<String, String>> bars = barsByUnit(page);
            assertThat(bars).isEqualTo(womenAndMenByUnit(chartReport).entrySet().stream()
                    .filter(e -> !e.getKey().equals("null"))
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> {
                        Map<String, String> bySex = new HashMap<>(e.getValue());
                        bySex.remove("null");
                        return bySex;
                    })));
            assertThat(bars).containsEntry(world.districtA, Map.of("female", "2", "male", "1"))
                    .containsEntry(world.districtB, Map.of("female", "1", "male", "1"))
                    .containsEntry(world.province, Map.of("female", "0", "male", "0"));
            expect(page.locator("#chart-list svg[role=img]")).hasCount(2);
            expect(page.locator("#chart-list figure").nth(1).locator("rect.bar[data-category=commune_collaborators]"
                    + "[data-sex=female]")).hasAttribute("data-value", "1");
            page.locator("#charts").screenshot(new Locator.ScreenshotOptions()
                    .setPath(PhoneBrowser.ARTEFACTS.resolve("reports-chart.png")));
            PhoneBrowser.assertAccessible(page, "the report with its charts and table");

            // the CSV the page downloads: the bytes the API sends, and the numbers of the JSON report
            Download csv = page.waitForDownload(() -> page.locator("#download-csv").click());
            assertThat(csv.suggestedFilename()).isEqualTo("bao-cao-chi-tieu-" + world.province + "-" + PERIOD + ".csv");
            byte[] downloaded = Files.readAllBytes(csv.path());
            assertThat(downloaded).isEqualTo(world.reporter.bytes("/api/v1/reports/indicators?" + query + "&format=csv"));
            List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(new StringReader(new String(downloaded, StandardCharsets.UTF_8).replace("\uFEFF", "")))
                    .getRecords();
            assertThat(records).hasSameSizeAs(rows);
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                assertThat(records.get(i).get("Mã chỉ tiêu")).isEqualTo(row.get("indicator").asText());
                BigDecimal value = decimal(records.get(i).get("Giá trị"));
                if (row.get("value").isNull()) {
                    assertThat(value).as("row " + i).isNull();
                } else {
                    assertThat(value).as("row " + i).isEqualByComparingTo(row.get("value").decimalValue());
                }
            }
            Download xlsx = page.waitForDownload(() -> page.locator("#download-xlsx").click());
            assertThat(xlsx.suggestedFilename()).isEqualTo("bao-cao-chi-tieu-" + world.province + "-" + PERIOD + ".xlsx");
            assertThat(Files.readAllBytes(xlsx.path())).startsWith('P', 'K');

            // the people behind the cell "women trained in district A": Mai and Hoà, not Thu who missed the course
            persons.locator("tr[data-sex=female][data-unit-code='" + world.districtA + "'] button.cell").click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            expect(dialog).isVisible();
            expect(dialog.locator("li.record")).hasCount(2);
            expect(dialog).containsText("Lò Thị Mai");
            expect(dialog).containsText("Nguyễn Thị Hoà");
            expect(dialog).not().containsText("Đinh Thị Thu");
            JsonNode behind = world.reporter.get("/api/v1/reports/indicators/persons_trained/records?period=" + PERIOD
                    + "&unit=" + world.province + "&sex=female&unitCode=" + world.districtA).json();
            List<String> apiPeople = new ArrayList<>();
            behind.get("items").forEach(r -> apiPeople.add(r.get("participantId").asText()));
            assertThat(dialog.locator("li.record").all().stream().map(li -> li.getAttribute("data-participant")))
                    .containsExactlyInAnyOrderElementsOf(apiPeople)
                    .containsExactlyInAnyOrder(people.get("mai").toString(), people.get("hoa").toString());
            PhoneBrowser.assertAccessible(page, "the records behind a cell");
            PhoneBrowser.screenshot(page, "reports-records");
            // the whole list behind the cell, as the file to attach to the report
            Download list = page.waitForDownload(() -> dialog.locator("#records-xlsx").click());
            assertThat(list.suggestedFilename())
                    .isEqualTo("chi-tiet-persons_trained-" + world.province + "-" + PERIOD + ".xlsx");
            List<String> texts = new ArrayList<>();
            try (ReadableWorkbook workbook = new ReadableWorkbook(list.path().toFile())) {
                workbook.getFirstSheet().read().forEach(r -> r.forEach(c -> texts.add(c == null ? "" : c.getText())));
            }
            assertThat(texts).contains("Lò Thị Mai", "Nguyễn Thị Hoà").doesNotContain("Đinh Thị Thu");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Đóng")).click();
            expect(dialog).isHidden();
        }
    }

    /**
     * Answers to requests whose URL contains `slow` come 3 s late (a report of a whole province on a
     * weak signal); window.slowAnswered counts those that have come.
     */
    private static void slowAnswersTo(BrowserContext phone, String slow) {
        phone.addInitScript("""
                (() => {
                  const fetched = window.fetch;
                  window.slowAnswered = 0;
                  window.fetch = async (url, init) => {
                    const res = await fetched(url, init);
                    if (String(url).includes(%s)) {
                      await new Promise(resolve => setTimeout(resolve, 3000));
                      window.slowAnswered++;
                    }
                    return res;
                  };
                })();
                """.formatted("'" + slow + "'"));
    }

    /** Waits until n slow answers have come (polled: the page's CSP allows no waitForFunction). */
    private static void waitForSlowAnswers(Page page, int n) {
        long until = System.currentTimeMillis() + 20_000;
        while (((Number) page.evaluate("() => window.slowAnswered")).intValue() < n) {
            assertThat(System.currentTimeMillis()).as("slow answers come within 20 s").isLessThan(until);
            page.waitForTimeout(100);
        }
    }

    @Test
    void aReportAskedForEarlierThatAnswersLateDoesNotReplaceTheReportChosenSince() {
        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            slowAnswersTo(phone, "period=" + YEAR + "-H1");
            Page page = phone.newPage();
            logIn(page, "reporter");
            // the first half is asked for (slow), then, before it comes, the second half
            page.getByLabel("Loại kỳ").selectOption("half");
            page.locator("#year").selectOption(String.valueOf(YEAR));
            page.locator("#half").selectOption("H1");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xem báo cáo")).click();
            page.locator("#half").selectOption("H2");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xem báo cáo")).click();
            expect(page.locator("#result-title")).containsText(YEAR + "-H2");
            // the first half's answers come late (the report, two charts and the flags)
            waitForSlowAnswers(page, 4);
            page.waitForTimeout(300);
            expect(page.locator("#half")).hasValue("H2");
            expect(page.locator("#result-title")).containsText(YEAR + "-H2");
            // the second half's numbers: Mai and Thu trained (the first half had Mai, Hoà and Lan)
            Locator persons = page.locator("section.indicator[data-indicator=persons_trained]");
            expect(persons.locator("tr[data-sex=female] button.cell").first()).hasAttribute("data-value", "2");
            Download csv = page.waitForDownload(() -> page.locator("#download-csv").click());
            assertThat(csv.suggestedFilename()).isEqualTo("bao-cao-chi-tieu-" + world.province + "-" + YEAR + "-H2.csv");
        }
    }

    @Test
    void theRecordsOfACellClosedBeforeTheyCameAreNotListedUnderTheNextCellOpened() {
        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            slowAnswersTo(phone, "sex=female");
            Page page = phone.newPage();
            logIn(page, "reporter");
            firstHalfBy(page, "sex");
            Locator persons = page.locator("section.indicator[data-indicator=persons_trained]");
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            // the women trained (slow to come): closed before they come, and the men opened
            persons.locator("tr[data-sex=female] button.cell").click();
            expect(dialog).isVisible();
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Đóng")).click();
            persons.locator("tr[data-sex=male] button.cell").click();
            expect(dialog).isVisible();
            waitForSlowAnswers(page, 1);
            page.waitForTimeout(300);
            // Nam and Tài, the men trained in the first half; not Mai, Hoà and Lan
            expect(dialog.locator("li.record")).hasCount(2);
            assertThat(dialog.locator("li.record").all().stream().map(li -> li.getAttribute("data-participant")))
                    .containsExactlyInAnyOrder(people.get("nam").toString(), people.get("tai").toString());
        }
    }

    @Test
    void loggingInAndOutTakesTheFocusToTheNewScreensHeadingRatherThanDroppingItToTheTopOfThePage() {
        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            logIn(page, "reporter");
            expect(page.locator("#choose-title")).isFocused();
            page.locator("#logout").click();
            expect(page.locator("#login-title")).isFocused();
        }
    }

    @Test
    void theFocusRingStandsOutOnTheBlueBarAndOnTheWhitePage() {
        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            page.navigate("/reports");
            page.locator("#username").waitFor();
            page.keyboard().press("Tab");
            expect(page.locator("#language")).isFocused();
            PhoneBrowser.assertFocusRingContrasts(page, "the language button on the blue bar");
            page.keyboard().press("Tab");
            expect(page.locator("#username")).isFocused();
            PhoneBrowser.assertFocusRingContrasts(page, "the username field on the white page");
        }
    }

    @Test
    void aReportOfALoginThatEndedIsNotShownToTheNextOneToLogInOnThePage() {
        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            logIn(page, "reporter");
            firstHalfBy(page, "sex", "unit");
            expect(page.locator("#result")).isVisible();
            // the province reporter's login ends unseen (refresh refused, here: tokens gone), and the
            // page asks them to log in on the next call: the CSV they went to download
            page.evaluate("() => sessionStorage.removeItem('reports.auth')");
            page.locator("#download-csv").click();
            expect(page.locator("#login-screen")).isVisible();
            // a district's reporter logs in on the same page, on a weak signal: their lists fail to come
            phone.route("**/api/v1/catalogs/**", route -> route.abort());
            page.getByLabel("Tên đăng nhập").fill(world.username("dreporter"));
            page.getByLabel("Mật khẩu").fill(World.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
            expect(page.locator("#report-error")).hasText("Không kết nối được máy chủ.");
            // the province's report (district B's numbers among them) is not shown to them
            expect(page.locator("#result")).isHidden();
            expect(page.locator("#indicator-list tr[data-unit-code='" + world.districtB + "']")).hasCount(0);
        }
    }

    @Test
    void aTrainerIsRefusedAndADistrictsReporterSeesOnlyTheirDistrictOnAPhoneAt200PercentZoomInEnglish() {
        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext zoomed = browser.phone(195, 422)) {
            // the scanner's service worker, installed on this phone, keeps to /scan/
            Page scanner = zoomed.newPage();
            scanner.navigate("/scan");
            scanner.waitForFunction("navigator.serviceWorker.ready.then(() => true)");
            scanner.close();

            // a trainer may not read reports
            Page page = zoomed.newPage();
            submitLogin(page, "trainer");
            expect(page.locator("#login-error")).hasText("Tài khoản này không có quyền xem báo cáo.");
            expect(page.locator("#report-screen")).isHidden();

            logIn(page, "dreporter");
            assertThat(page.evaluate("navigator.serviceWorker.controller")).isNull();
            firstHalfBy(page, "sex", "unit", "targetGroup");
            expect(page.locator("#result-title")).containsText("Huyện Ba Bể");
            assertThat(page.locator("#unit option").all().stream().map(o -> o.getAttribute("value")))
                    .containsExactly(world.districtA, world.communeA1, world.communeA2);
            Map<String, Map<String, String>> bars = barsByUnit(page);
            assertThat(bars).isEqualTo(Map.of(
                    world.districtA, Map.of("female", "1", "male", "0"),
                    world.communeA1, Map.of("female", "1", "male", "0"),
                    world.communeA2, Map.of("female", "0", "male", "1")));
            assertThat(tableOnThePage(page)).extracting(r -> r.get("unitCode")).doesNotContain(world.districtB,
                    world.communeB1, world.communeB2);
            PhoneBrowser.assertFitsTheWidth(page, "the report at 200% zoom");
            page.locator("#chart-list figure").first().scrollIntoViewIfNeeded();
            PhoneBrowser.screenshot(page, "reports-zoom-200");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch to English")).click();
            expect(page.locator("#report-status")).hasText("Report loaded.");
            expect(page.locator("#indicators-title")).hasText("Indicators");
            expect(page.locator("#flag-list li.flag")).containsText("more than the course's 2 places");
            expect(page.locator("section.indicator[data-indicator=persons_trained] h3")).hasText("Unique persons trained");
            expect(page.locator("#chart-list figcaption").first()).hasText("Unique persons trained, by unit");
            page.locator("section.indicator[data-indicator=persons_trained] tr[data-sex=male][data-unit-code='"
                    + world.communeA2 + "'][data-target-group=commune_collaborators] button.cell").click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            expect(dialog.locator("li.record")).hasCount(1);
            expect(dialog).containsText("Hoàng Văn Nam");
            PhoneBrowser.assertFitsTheWidth(page, "the records at 200% zoom");
            PhoneBrowser.assertAccessible(page, "the records at 200% zoom in English");
        }
    }
}
