package vn.bdg.registry.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.attendance.SessionContext;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.card.Ed25519;
import vn.bdg.registry.print.QrCodes;
import vn.bdg.registry.support.FakeCamera;
import vn.bdg.registry.support.PhoneBrowser;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.CHECK_IN;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/** The trainer's phone scanner (/scan) in a real browser, with a fake camera playing printed badges. */
class ScannerIT {
    private World world;
    private UUID course;
    private UUID session;

    /** A course running today with a session open now, assigned to the world's trainer. */
    @BeforeEach
    void courseToday() {
        PhoneBrowser.requireChromium();
        world = World.create();
        course = Fixtures.courseToday(world, world.districtA);
        session = Fixtures.sessionNow(world, course);
        Fixtures.assignTrainer(world, course, world.trainer);
    }

    private UUID enrolled(String fullName, String sex, String unit) {
        UUID id = Fixtures.participant(world, fullName, sex, unit);
        Fixtures.enroll(world, course, id);
        return id;
    }

    private BufferedImage badge(UUID participant) {
        return FakeCamera.png(world.organizer.bytes("/api/v1/participants/" + participant + "/badge.png"));
    }

    private String cardToken(UUID participant) {
        return world.organizer.get("/api/v1/participants/" + participant + "/card").json().get("token").asText();
    }

    private String unitName(String code) {
        return world.admin.get("/api/v1/admin-units/" + code).json().get("name").asText();
    }

    /** Logs in as the world's trainer and waits until today's session is saved on the phone. */
    private void logInAndWaitForTheKit(Page page) {
        page.navigate("/scan");
        page.getByLabel("Tên đăng nhập").fill(world.username("trainer"));
        page.getByLabel("Mật khẩu").fill(World.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.locator("button.session[data-session='" + session + "']:not([disabled])").waitFor();
    }

    /**
     * Taps the first session of the list and waits for the scanning screen, which shows once the app
     * has kept which session it is on (a reload before that comes back on the list).
     */
    private static void openTheFirstSession(Page page) {
        page.locator("button.session").first().click();
        page.locator("#scan-screen:not([hidden])").waitFor();
    }

    /** A new page of the phone, logged in as the trainer and on the first session's scan screen. */
    private Page onTheFirstSession(BrowserContext phone) {
        Page page = phone.newPage();
        logInAndWaitForTheKit(page);
        openTheFirstSession(page);
        return page;
    }

    /**
     * The login ends without the app having seen it yet: its access token is due, and every refresh
     * is refused (the refresh token expired) until the route is taken off again.
     */
    private static void endTheLoginUnseen(BrowserContext phone, Page page) {
        phone.route("**/api/v1/auth/refresh", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                .setStatus(401).setContentType("application/problem+json").setBody("{\"status\":401}")));
        page.evaluate("""
                () => new Promise(done => {
                  const open = indexedDB.open('scanner');
                  open.onsuccess = () => {
                    const kv = open.result.transaction('kv', 'readwrite').objectStore('kv');
                    const get = kv.get('auth');
                    get.onsuccess = () => { kv.put({ ...get.result, expiresAt: 0 }, 'auth').onsuccess = () => done(); };
                  };
                })""");
    }

    /** Each person's mark at the session on the course's attendance sheet, by participant id. */
    private Map<String, String> attendanceSheet() {
        JsonNode sheet = world.organizer.get("/api/v1/courses/" + course + "/attendance").json();
        Map<String, String> marks = new LinkedHashMap<>();
        sheet.get("participants").forEach(p -> p.get("sessions").forEach(s -> {
            if (s.get("sessionId").asText().equals(session.toString())) {
                marks.put(p.get("participantId").asText(), s.get("status").asText());
            }
        }));
        return marks;
    }

    private Map<String, Integer> storedOutcomes() {
        return TestServer.get().database.dsl()
                .select(CHECK_IN.OUTCOME, org.jooq.impl.DSL.count())
                .from(CHECK_IN).where(CHECK_IN.SESSION_ID.eq(session))
                .groupBy(CHECK_IN.OUTCOME)
                .fetchMap(r -> r.value1(), r -> r.value2());
    }

    /** Playwright's assertions wait for the page to get there (it updates after async storage calls). */
    private static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    private static List<String> history(Page page, String attribute) {
        return page.locator("#history li.scan").all().stream().map(li -> li.getAttribute(attribute)).toList();
    }

    @Test
    void theBadgeReadByThePhoneCameraChecksThePersonInAndTheServerRecordsIt() {
        UUID hoa = enrolled("Nguyễn Thị Hoà", "female", world.communeA1);
        UUID lan = enrolled("Hoàng Thị Lan", "female", world.communeA2);
        Path video = FakeCamera.video(PhoneBrowser.ARTEFACTS.resolve("camera-badge.y4m"), List.of(badge(hoa)));

        try (PhoneBrowser browser = PhoneBrowser.withCamera(video); BrowserContext phone = browser.phone()) {
            Page page = onTheFirstSession(phone);

            page.locator("#result[data-outcome=accepted][data-state=done]").waitFor();
            expect(page.locator("#result-outcome")).containsText("Đã điểm danh");
            expect(page.locator("#result-name")).hasText("Nguyễn Thị Hoà");
            expect(page.locator("#result-unit")).hasText(unitName(world.communeA1));
            expect(page.locator("#pending")).hasAttribute("data-count", "0");
            PhoneBrowser.screenshot(page, "scanner-accepted");
            PhoneBrowser.assertAccessible(page, "the scanner showing an accepted scan");
        }

        assertThat(attendanceSheet()).containsEntry(hoa.toString(), "present").containsEntry(lan.toString(), "absent");
        assertThat(storedOutcomes()).isEqualTo(Map.of("accepted", 1));
    }

    @Test
    void withTheNetworkCutScansAreJudgedOnThePhoneQueuedAndUploadedWhenItReturns() {
        UUID binh = enrolled("Đỗ Văn Bình", "male", world.communeA1);
        UUID chi = enrolled("Lý Thị Chi", "female", world.communeA2);
        UUID dung = enrolled("Triệu Thị Dung", "female", world.communeB1);
        UUID em = enrolled("Nông Văn Em", "male", world.communeB2);
        UUID giang = enrolled("Ma Thị Giang", "female", world.communeA1);
        BufferedImage giangsOldBadge = badge(giang);
        world.organizer.post("/api/v1/participants/" + giang + "/card/revoke", Map.of("reason", "Mất thẻ"));
        // Em's card word for word, but signed with another key than the province's
        String genuine = cardToken(em);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("typ", "card");
        claims.put("iss", world.province);
        claims.put("sub", em.toString());
        claims.put("ver", 1);
        String forged = Ed25519.sign(Ed25519.parse(genuine).orElseThrow().kid(), Ed25519.newKeyPair()[0], claims);
        assertThat(forged.substring(0, forged.lastIndexOf('.'))).isEqualTo(genuine.substring(0, genuine.lastIndexOf('.')));
        assertThat(forged).isNotEqualTo(genuine);
        Path video = FakeCamera.video(PhoneBrowser.ARTEFACTS.resolve("camera-offline.y4m"),
                List.of(badge(binh), badge(chi), QrCodes.image(forged, 6), giangsOldBadge));

        try (PhoneBrowser browser = PhoneBrowser.withCamera(video); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            logInAndWaitForTheKit(page);
            page.waitForFunction("navigator.serviceWorker.controller !== null");

            // in the commune hall: no signal, the app opens from the phone
            phone.setOffline(true);
            page.reload();
            expect(page.locator("#network")).hasText("Không có mạng");
            page.locator("button.session:not([disabled])").first().click();
            page.waitForCondition(() -> page.locator("#history li.scan").count() == 4);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tắt camera")).click();
            assertThat(history(page, "data-outcome"))
                    .containsExactlyInAnyOrder("accepted", "accepted", "invalid_card", "revoked_card");

            // Dung has no card, Bình is checked in a second time by name
            for (String name : List.of("trieu thi dung", "Đỗ Văn Bình")) {
                page.locator("#open-search").click();
                page.getByLabel("Họ tên học viên").fill(name);
                page.locator("#search-results button").first().click();
            }
            page.locator("#result[data-outcome=already_checked_in]").waitFor();
            expect(page.locator("#result-explain")).containsText("Không cần quét lại");
            PhoneBrowser.screenshot(page, "scanner-offline");
            PhoneBrowser.assertAccessible(page, "the scanner offline with queued scans");
            expect(page.locator("#history li.scan")).hasCount(6);
            assertThat(history(page, "data-state")).containsOnly("pending");
            expect(page.locator("#pending")).hasAttribute("data-count", "6");
            assertThat(storedOutcomes()).isEmpty();

            // back in signal: the queue goes up by itself and the server's answers replace the phone's
            phone.setOffline(false);
            page.waitForCondition(() -> "0".equals(page.locator("#pending").getAttribute("data-count"))
                    && history(page, "data-state").stream().allMatch("done"::equals));
            assertThat(history(page, "data-outcome")).containsExactlyInAnyOrder(
                    "accepted", "accepted", "accepted", "already_checked_in", "invalid_card", "revoked_card");
        }

        assertThat(storedOutcomes()).isEqualTo(Map.of("accepted", 3, "already_checked_in", 1, "invalid_card", 1,
                "revoked_card", 1));
        assertThat(attendanceSheet()).isEqualTo(Map.of(binh.toString(), "present", chi.toString(), "present",
                dung.toString(), "present", em.toString(), "absent", giang.toString(), "absent"));
    }

    @Test
    void aRevokedCardOfSomeoneNotOnTheRosterIsRefusedOfflineAsTheServerRefusesItWithNoWalkInOffered() {
        enrolled("Nguyễn Thị Hoà", "female", world.communeA1);
        // not invited to this course: the roster knows nothing of him, or of his lost card
        UUID khanh = Fixtures.participant(world, "Lý Văn Khánh", "male", world.communeB1);
        BufferedImage lostBadge = badge(khanh);
        world.organizer.post("/api/v1/participants/" + khanh + "/card/revoke", Map.of("reason", "Mất thẻ"));
        Path video = FakeCamera.video(PhoneBrowser.ARTEFACTS.resolve("camera-revoked-stranger.y4m"), List.of(lostBadge));

        try (PhoneBrowser browser = PhoneBrowser.withCamera(video); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            logInAndWaitForTheKit(page);
            // the phone holds the digest of his lost card, not who he is
            String kv = String.valueOf(page.evaluate("""
                    () => new Promise(done => {
                      const open = indexedDB.open('scanner');
                      open.onsuccess = () => {
                        const all = open.result.transaction('kv').objectStore('kv').getAll();
                        all.onsuccess = () => { open.result.close(); done(JSON.stringify(all.result)); };
                      };
                    })"""));
            assertThat(kv).contains("revokedCardDigests").doesNotContainIgnoringCase(khanh.toString());

            phone.setOffline(true);
            page.locator("button.session:not([disabled])").first().click();
            page.locator("#result[data-outcome=revoked_card][data-state=pending]").waitFor();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tắt camera")).click();
            // the name search is offered, not the walk-in form (he would be registered on a lost card)
            expect(page.locator("#result-actions button")).hasText(new String[] {"Tìm theo tên"});

            phone.setOffline(false);
            page.locator("#result[data-outcome=revoked_card][data-state=done]").waitFor();
        }

        assertThat(storedOutcomes()).isEqualTo(Map.of("revoked_card", 1));
    }

    @Test
    void aPhoneWhoseClockIsOffJudgesAnOfflineScanAsTheServerJudgesItsUpload() {
        UUID hoa = enrolled("Nguyễn Thị Hoà", "female", world.communeA1);
        Path video = FakeCamera.video(PhoneBrowser.ARTEFACTS.resolve("camera-clock.y4m"), List.of(badge(hoa)));

        try (PhoneBrowser browser = PhoneBrowser.withCamera(video); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            // the phone's clock says two hours earlier than it is: by it, the session has not opened yet
            page.clock().setFixedTime(System.currentTimeMillis() - Duration.ofHours(2).toMillis());
            logInAndWaitForTheKit(page);

            phone.setOffline(true);
            page.locator("button.session:not([disabled])").first().click();
            // the server corrects the upload by the measured skew (sentAt), so the phone does too
            page.locator("#result[data-outcome=accepted][data-state=pending]").waitFor();

            phone.setOffline(false);
            page.locator("#result[data-outcome=accepted][data-state=done]").waitFor();
        }

        assertThat(storedOutcomes()).isEqualTo(Map.of("accepted", 1));
        assertThat(attendanceSheet()).containsKey(hoa.toString()).doesNotContainEntry(hoa.toString(), "absent");
    }

    @Test
    void aCardSignedWithAKeyRotatedSinceTheLastDownloadIsAcceptedOfflineOnceTheListIsReloaded() {
        UUID hoa = enrolled("Nguyễn Thị Hoà", "female", world.communeA1);
        Path video = FakeCamera.video(PhoneBrowser.ARTEFACTS.resolve("camera-rotated.y4m"), List.of(badge(hoa)));

        try (PhoneBrowser browser = PhoneBrowser.withCamera(video); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            logInAndWaitForTheKit(page);

            // the province rotates its key: badges printed from now on are signed with the new one
            world.admin.post("/api/v1/keys/rotate", Map.of());
            String newKid = Ed25519.parse(cardToken(hoa)).orElseThrow().kid();
            FakeCamera.video(video, List.of(badge(hoa)));
            page.locator("#sessions-reload").click();
            page.waitForCondition(() -> Boolean.TRUE.equals(page.evaluate("""
                    kid => new Promise(done => {
                      const open = indexedDB.open('scanner');
                      open.onsuccess = () => {
                        const get = open.result.transaction('kv').objectStore('kv').get('keys');
                        get.onsuccess = () => done((get.result?.keys ?? []).some(k => k.kid === kid));
                      };
                    })""", newKid)), new Page.WaitForConditionOptions().setTimeout(10_000));

            phone.setOffline(true);
            page.locator("button.session:not([disabled])").first().click();
            page.locator("#result[data-outcome=accepted][data-state=pending]").waitFor();
        }
    }

    @Test
    void anUploadWhoseAnswerIsLostOrNeverComesIsSentAgainByItselfAndCountsOnce() {
        UUID hoa = enrolled("Nguyễn Thị Hoà", "female", world.communeA1);
        AtomicInteger uploads = new AtomicInteger();

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            page.clock().install();
            // the first upload reaches the server but its answer is lost on the way back; the
            // second hangs with no answer and no error, as on a weak signal; the third gets through
            phone.route("**/api/v1/check-ins/batch", route -> {
                switch (uploads.incrementAndGet()) {
                    case 1 -> {
                        route.fetch();
                        route.abort("connectionreset");
                    }
                    case 2 -> {
                    }
                    default -> route.resume();
                }
            });
            logInAndWaitForTheKit(page);
            openTheFirstSession(page);
            page.locator("#open-search").click();
            page.getByLabel("Họ tên học viên").fill("hoa");
            page.locator("#search-results button").first().click();
            page.locator("#result[data-outcome=accepted][data-state=pending]").waitFor();
            page.waitForCondition(() -> uploads.get() >= 1);

            // the app tries again by itself, every 15 seconds, however long a request hangs
            for (int minute = 0; minute < 5 && !page.locator("#result[data-state=done]").isVisible(); minute++) {
                page.clock().runFor(60_000);
                page.waitForTimeout(500);
            }
            page.locator("#result[data-outcome=accepted][data-state=done]").waitFor();
            expect(page.locator("#pending")).hasAttribute("data-count", "0");
        }

        assertThat(uploads.get()).isGreaterThanOrEqualTo(3);
        assertThat(storedOutcomes()).isEqualTo(Map.of("accepted", 1));
        assertThat(attendanceSheet()).containsEntry(hoa.toString(), "present");
    }

    @Test
    void aScanThePhoneCannotKeepIsSaidSoRatherThanSilentlyLost() {
        enrolled("Nguyễn Thị Hoà", "female", world.communeA1);

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            // the phone's storage fills up: writing a scan fails as IndexedDB fails when over quota
            phone.addInitScript("""
                    const put = IDBObjectStore.prototype.put;
                    IDBObjectStore.prototype.put = function (...args) {
                      if (self.storageFull && this.name === 'scans') {
                        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
                      }
                      return put.apply(this, args);
                    };""");
            Page page = onTheFirstSession(phone);
            phone.setOffline(true);
            page.evaluate("() => { self.storageFull = true; }");
            page.locator("#open-search").click();
            page.getByLabel("Họ tên học viên").fill("hoa");
            page.locator("#search-results button").first().click();

            page.locator("#result[data-outcome=not_saved]").waitFor();
            expect(page.locator("#result-name")).hasText("Nguyễn Thị Hoà");
            expect(page.locator("#result-explain")).containsText("giấy");
            expect(page.locator("#pending")).hasAttribute("data-count", "0");
        }

        assertThat(storedOutcomes()).isEmpty();
    }

    @Test
    void aScanIsShownAsRecordedOnlyOnceItIsOnThePhonesDiskSoABatteryDyingThenLosesNothing() {
        enrolled("Nguyễn Thị Hoà", "female", world.communeA1);

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            // the durability every write to the queue asks of IndexedDB
            phone.addInitScript("""
                    const transaction = IDBDatabase.prototype.transaction;
                    IDBDatabase.prototype.transaction = function (...args) {
                      const tx = transaction.apply(this, args);
                      if (tx.mode === 'readwrite' && String(args[0]) === 'scans') {
                        (self.scanWrites ??= []).push(tx.durability);
                      }
                      return tx;
                    };""");
            Page page = onTheFirstSession(phone);
            phone.setOffline(true);
            page.evaluate("() => { self.scanWrites = []; }");
            page.locator("#open-search").click();
            page.getByLabel("Họ tên học viên").fill("hoa");
            page.locator("#search-results button").first().click();
            page.locator("#result[data-outcome=accepted][data-state=pending]").waitFor();

            // Chrome's default (relaxed since Chrome 121) completes a write still in the system's
            // buffers, lost if the battery dies in the next seconds after the trainer saw it recorded
            assertThat(page.evaluate("self.scanWrites")).isEqualTo(List.of("strict"));
        }
    }

    @Test
    void scansQueuedByOneTrainerGoUpUnderThemNotUnderTheNextOneToLogInOnThePhone() {
        UUID hoa = enrolled("Nguyễn Thị Hoà", "female", world.communeA1);
        world.newUser("trainer2", Role.trainer, null);

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = onTheFirstSession(phone);
            phone.setOffline(true);
            page.locator("#open-search").click();
            page.getByLabel("Họ tên học viên").fill("hoa");
            page.locator("#search-results button").first().click();
            page.locator("#result[data-outcome=accepted][data-state=pending]").waitFor();

            // a shared phone: the trainer logs out with the scan still queued, a colleague (who
            // may not scan this course) logs in when the network is back
            page.locator("#change-session").click();
            page.onceDialog(dialog -> dialog.accept()); // told the scan waits for their next login here
            page.locator("#logout").click();
            page.locator("#login-screen:not([hidden])").waitFor();
            phone.setOffline(false);
            page.getByLabel("Tên đăng nhập").fill(world.username("trainer2"));
            page.getByLabel("Mật khẩu").fill(World.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
            page.locator("#sessions li.empty").waitFor();
            page.waitForTimeout(3_000);
            assertThat(storedOutcomes()).isEmpty();

            // the trainer who made the scan logs in again: it goes up, as theirs
            page.locator("#logout").click();
            page.locator("#login-screen:not([hidden])").waitFor();
            logInAndWaitForTheKit(page);
            page.waitForCondition(() -> "0".equals(page.locator("#pending").getAttribute("data-count")));
        }

        assertThat(storedOutcomes()).isEqualTo(Map.of("accepted", 1));
        assertThat(attendanceSheet()).containsEntry(hoa.toString(), "present");
    }

    /** Checks in the first person a search of the roster finds. */
    private static void checkInByName(Page page, String query) {
        page.locator("#open-search").click();
        page.getByLabel("Họ tên học viên").fill(query);
        page.locator("#search-results button").first().click();
    }

    @Test
    void loggingOutWithScansNotSentTriesToSendThemFirstAndElseSaysTheyWaitForTheNextLoginOnThisPhone() {
        UUID hoa = enrolled("Nguyễn Thị Hoà", "female", world.communeA1);

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = onTheFirstSession(phone);
            // a signal too weak for an upload to get through, though the phone counts itself online
            phone.route("**/api/v1/check-ins/batch", route -> route.abort("connectionreset"));
            checkInByName(page, "hoa");
            page.locator("#result[data-outcome=accepted][data-state=pending]").waitFor();

            // the trainer logs out: the phone cannot send the scan, and says what logging out means for it
            List<String> warnings = new CopyOnWriteArrayList<>();
            page.onDialog(dialog -> {
                warnings.add(dialog.message());
                dialog.dismiss();
            });
            page.locator("#change-session").click();
            page.locator("#logout").click();
            page.waitForCondition(() -> !warnings.isEmpty());
            assertThat(warnings.get(0)).contains("1 lượt điểm danh chưa gửi").contains("đăng nhập lại trên máy này");
            // they stay: still logged in, the scan still waiting
            expect(page.locator("#sessions-screen")).isVisible();
            expect(page.locator("#pending")).hasAttribute("data-count", "1");

            // with the signal back, logging out sends the scan first, and asks nothing
            phone.unroute("**/api/v1/check-ins/batch");
            page.locator("#logout").click();
            page.locator("#login-screen:not([hidden])").waitFor();
            assertThat(warnings).hasSize(1);
        }

        assertThat(storedOutcomes()).isEqualTo(Map.of("accepted", 1));
        assertThat(attendanceSheet()).containsEntry(hoa.toString(), "present");
    }

    @Test
    void aWalkInTheServerRefusedStaysListedForThePaperSheetHoweverManyScansCameAfterIt() {
        for (int n = 1; n <= 30; n++) {
            enrolled(String.format("Người Thứ %02d", n), n % 2 == 0 ? "male" : "female", world.communeA1);
        }
        // the course is full: the server enrols nobody more, which the phone cannot know offline
        TestServer.get().database.dsl().update(COURSE).set(COURSE.CAPACITY, 30).where(COURSE.ID.eq(course)).execute();

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = onTheFirstSession(phone);
            phone.setOffline(true);
            // first someone the commune sent in place of another, then the whole class by name
            page.locator("#open-walkin").click();
            page.getByLabel("Họ và tên").fill("Hà Thị Mai");
            page.getByLabel("Nữ", new Page.GetByLabelOptions().setExact(true)).check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng ký và điểm danh")).click();
            page.locator("#result[data-outcome=walk_in_pending]").waitFor();
            for (int n = 1; n <= 30; n++) {
                checkInByName(page, String.format("thu %02d", n));
                expect(page.locator("#pending")).hasAttribute("data-count", String.valueOf(n + 1));
            }

            phone.setOffline(false);
            page.waitForCondition(() -> "0".equals(page.locator("#pending").getAttribute("data-count"))
                    && history(page, "data-state").stream().noneMatch("pending"::equals));
            // refused, she is on no list but the phone's: the trainer must see her to write her on the paper sheet
            Locator refused = page.locator("#history li.scan[data-state=failed]");
            expect(refused).hasCount(1);
            expect(refused).containsText("Hà Thị Mai");
            expect(refused).containsText("Khoá học đã đạt số chỗ tối đa là 30");
        }

        assertThat(storedOutcomes()).isEqualTo(Map.of("accepted", 30));
    }

    /** The keys of one of the scanner's IndexedDB stores (scans, rosters, kv), as strings. */
    private static List<String> stored(Page page, String store) {
        Object keys = page.evaluate("""
                store => new Promise(done => {
                  const open = indexedDB.open('scanner');
                  open.onsuccess = () => {
                    const all = open.result.transaction(store).objectStore(store).getAllKeys();
                    all.onsuccess = () => { open.result.close(); done(all.result.map(String)); };
                  };
                })""", store);
        return ((List<?>) keys).stream().map(String::valueOf).toList();
    }

    @Test
    void loggingOutForgetsTheSavedRostersAndTheNextLoginSavesItsOwn() {
        enrolled("Nguyễn Thị Hoà", "female", world.communeA1);
        world.newUser("trainer2", Role.trainer, null);

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            logInAndWaitForTheKit(page);
            assertThat(stored(page, "rosters")).containsExactly(session.toString());

            // a shared phone: once the trainer has logged out, the names and communes of the people
            // of their sessions are not left on it for whoever holds it next
            page.locator("#logout").click();
            page.locator("#login-screen:not([hidden])").waitFor();
            assertThat(stored(page, "rosters")).isEmpty();

            // a colleague's login saves nothing of the course they do not scan
            page.getByLabel("Tên đăng nhập").fill(world.username("trainer2"));
            page.getByLabel("Mật khẩu").fill(World.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
            page.locator("#sessions li.empty").waitFor();
            assertThat(stored(page, "rosters")).isEmpty();

            // the trainer's next login saves the kit again
            page.locator("#logout").click();
            page.locator("#login-screen:not([hidden])").waitFor();
            logInAndWaitForTheKit(page);
            assertThat(stored(page, "rosters")).containsExactly(session.toString());
        }
    }

    @Test
    void onStartUpThePhoneForgetsOldAnsweredScansAndRostersOfSessionsLongOverButNeverAScanNotSent() {
        enrolled("Nguyễn Thị Hoà", "female", world.communeA1);
        String oldAnswered = UUID.randomUUID().toString();
        String recentlyAnswered = UUID.randomUUID().toString();
        String neverSent = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        String sessionLongOver = UUID.randomUUID().toString();
        String sessionWaiting = UUID.randomUUID().toString();

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            logInAndWaitForTheKit(page);
            page.waitForFunction("navigator.serviceWorker.controller !== null");
            // months of use without a signal, as the app stores them: a scan the server answered 40
            // days ago, one made then but answered two days ago, one never sent (400 days old), one
            // refused as a request; the rosters of a session over for 10 days and of one whose scan waits
            phone.setOffline(true);
            page.evaluate("""
                    ([oldAnswered, recentlyAnswered, neverSent, refused, sessionLongOver, sessionWaiting]) =>
                      new Promise((done, fail) => {
                        const ago = days => new Date(Date.now() - days * 86_400_000).toISOString();
                        const scan = (clientScanId, sessionId, days, more) => ({ clientScanId, sessionId, kind: 'scan',
                          qr: null, participantId: null, method: 'manual', scannedAt: ago(days), deviceId: 'web-test',
                          userId: null, local: { outcome: 'accepted', participantId: null }, server: null, ...more });
                        const kit = (sessionId, closedDaysAgo) => ({ sessionId, etag: null, savedAt: ago(closedDaysAgo + 1),
                          roster: { session: { courseTitle: 'Cũ', opensAt: ago(closedDaysAgo), closesAt: ago(closedDaysAgo) },
                                    participants: [], revokedCards: [], aliases: [], checkedIn: [] } });
                        const open = indexedDB.open('scanner');
                        open.onerror = () => fail(open.error);
                        open.onsuccess = () => {
                          const tx = open.result.transaction(['scans', 'rosters'], 'readwrite');
                          const scans = tx.objectStore('scans');
                          scans.put(scan(oldAnswered, sessionLongOver, 40,
                              { state: 'done', server: { outcome: 'accepted' }, answeredAt: ago(40) }));
                          scans.put(scan(recentlyAnswered, sessionLongOver, 40,
                              { state: 'done', server: { outcome: 'accepted' }, answeredAt: ago(2) }));
                          scans.put(scan(neverSent, sessionWaiting, 400, { state: 'pending' }));
                          scans.put(scan(refused, sessionLongOver, 400, { state: 'failed', error: 'refused' }));
                          tx.objectStore('rosters').put(kit(sessionLongOver, 10));
                          tx.objectStore('rosters').put(kit(sessionWaiting, 400));
                          tx.oncomplete = () => { open.result.close(); done(); };
                          tx.onerror = () => fail(tx.error);
                        };
                      })""", List.of(oldAnswered, recentlyAnswered, neverSent, refused, sessionLongOver, sessionWaiting));
            assertThat(stored(page, "scans")).hasSize(4);

            page.reload();
            expect(page.locator("#network")).hasText("Không có mạng");
            page.waitForCondition(() -> !stored(page, "scans").contains(oldAnswered));
            assertThat(stored(page, "scans")).containsExactlyInAnyOrder(recentlyAnswered, neverSent, refused);
            assertThat(stored(page, "rosters")).containsExactlyInAnyOrder(session.toString(), sessionWaiting);
            expect(page.locator("#pending")).hasAttribute("data-count", "1");
        }
    }

    @Test
    void aScanMadeAfterTheLoginEndedElsewhereStaysTheScanningTrainersAlsoWhenTheAppStartedOnTheScanScreen() {
        UUID hoa = enrolled("Nguyễn Thị Hoà", "female", world.communeA1);
        world.newUser("trainer2", Role.trainer, null);

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = onTheFirstSession(phone);
            // the app opened again later goes straight back to the session it was on (and asks for
            // its roster once more: done before the login ends, so that this window does not see it end)
            page.waitForResponse("**/api/v1/sessions/*/roster", page::reload);
            page.locator("#scan-screen:not([hidden])").waitFor();

            // the login ends in the app's other window: its access token is due, and the refresh is
            // refused (the refresh token had expired); this window has not asked the server since
            endTheLoginUnseen(phone, page);
            Page other = phone.newPage();
            other.navigate("/scan");
            other.locator("#login-screen:not([hidden])").waitFor();
            other.close();

            // the trainer, still on the scanning screen, checks Hoà in by name
            page.locator("#open-search").click();
            page.getByLabel("Họ tên học viên").fill("hoa");
            page.locator("#search-results button").first().click();
            page.locator("#result[data-outcome=accepted][data-state=pending]").waitFor();

            // a colleague, who may not scan this course, logs in on the phone: the scan is not theirs
            phone.unroute("**/api/v1/auth/refresh");
            page.locator("#change-session").click();
            page.locator("#login-screen:not([hidden])").waitFor();
            // whoever holds the phone now is told that a scan waits for the trainer's next login here
            expect(page.locator("#others-pending")).isVisible();
            expect(page.locator("#others-pending")).hasAttribute("data-count", "1");
            page.getByLabel("Tên đăng nhập").fill(world.username("trainer2"));
            page.getByLabel("Mật khẩu").fill(World.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
            page.locator("#sessions li.empty").waitFor();
            page.waitForTimeout(3_000);
            expect(page.locator("#pending")).hasAttribute("data-count", "0");
            expect(page.locator("#others-pending")).hasText("Chờ người đã quét đăng nhập lại trên máy này: 1");

            // the trainer logs in again: it goes up, as theirs
            page.locator("#logout").click();
            page.locator("#login-screen:not([hidden])").waitFor();
            logInAndWaitForTheKit(page);
            page.waitForCondition(() -> "0".equals(page.locator("#pending").getAttribute("data-count")));
            expect(page.locator("#others-pending")).isHidden();
        }

        assertThat(storedOutcomes()).isEqualTo(Map.of("accepted", 1));
        assertThat(attendanceSheet()).containsEntry(hoa.toString(), "present");
    }

    @Test
    void aColleagueLoggingInAfterATrainersLoginEndedIsNotOfferedTheTrainersSessionsWhenTheirListCannotCome() {
        enrolled("Nguyễn Thị Hoà", "female", world.communeA1);
        world.newUser("trainer2", Role.trainer, null);

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = onTheFirstSession(phone);
            // the trainer's login ends: the access token is due and the refresh refused (expired),
            // seen when the app, opened again on the session, asks for its roster
            endTheLoginUnseen(phone, page);
            page.reload();
            page.locator("#login-screen:not([hidden])").waitFor();
            phone.unroute("**/api/v1/auth/refresh");

            // a colleague, who may not scan this course, logs in on a weak signal: their list does not come
            phone.route("**/api/v1/me/sessions**", route -> route.abort());
            page.getByLabel("Tên đăng nhập").fill(world.username("trainer2"));
            page.getByLabel("Mật khẩu").fill(World.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
            expect(page.locator("#sessions-message")).hasText("Không kết nối được máy chủ.");
            // the first trainer's session is not offered to them: its scans would be judged accepted
            // on the phone and refused by the server (unknown_session) once uploaded
            expect(page.locator("button.session[data-session='" + session + "']")).hasCount(0);
            // nor is it where the app opens again
            phone.unroute("**/api/v1/me/sessions**");
            page.reload();
            page.locator("#sessions-screen:not([hidden])").waitFor();
            expect(page.locator("button.session[data-session='" + session + "']")).hasCount(0);
        }
    }

    @Test
    void theEveningBeforeTheTrainerSavesTomorrowsSessionForACommuneWithNoSignal() {
        enrolled("Nguyễn Thị Hoà", "female", world.communeA1);
        UUID tomorrow = Fixtures.session(world, course, LocalDate.now(SessionContext.VIETNAM).plusDays(1),
                LocalTime.of(7, 30), LocalTime.of(11, 30));

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            logInAndWaitForTheKit(page);
            Locator saved = page.locator("button.session[data-session='" + tomorrow + "']:not([disabled])");
            saved.waitFor();
            expect(saved).containsText("Đã lưu trên máy (1 người)");
            expect(saved).containsText(LocalDate.now(SessionContext.VIETNAM).plusDays(1)
                    .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM")));

            // next morning in the commune: no signal, the session opens from what the phone saved,
            // which says from when its roster is
            String savedOn = LocalDate.now(SessionContext.VIETNAM).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM"));
            phone.setOffline(true);
            page.clock().setFixedTime(System.currentTimeMillis() + Duration.ofDays(1).toMillis());
            page.reload();
            saved.click();
            expect(page.locator("#session-info")).containsText("07:30–11:30");
            expect(page.locator("#roster-updated")).containsText(savedOn);
            page.locator("#open-search").click();
            page.getByLabel("Họ tên học viên").fill("hoa");
            expect(page.locator("#search-results li.person")).hasCount(1);
        }
    }

    @Test
    void aWalkInRegisteredOnThePhoneIsEnrolledAndCheckedInAndThePhoneSpeaksEnglishOnRequest() {
        enrolled("Nguyễn Thị Hoà", "female", world.communeA1);

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = onTheFirstSession(phone);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng ký tại chỗ")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng ký và điểm danh")).click();
            expect(page.locator("#w-name-error")).hasText("Bắt buộc.");

            page.getByLabel("Họ và tên").fill("Hà Thị Mai");
            page.getByLabel("Nữ", new Page.GetByLabelOptions().setExact(true)).check();
            page.getByLabel("Năm sinh").fill("1990");
            page.locator("#w-unit").selectOption(world.communeB1);
            expect(page.locator("#w-sensitive")).isDisabled(); // never given without the consent itself
            page.locator("#w-consent").check();
            page.locator("#w-sensitive").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng ký và điểm danh")).click();
            page.locator("#result[data-outcome=accepted][data-state=done]").waitFor();
            expect(page.locator("#result-name")).hasText("Hà Thị Mai");
            expect(page.locator("#result-unit")).hasText(unitName(world.communeB1));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch to English")).click();
            expect(page.locator("#result-outcome")).containsText("Checked in");
            page.reload();
            expect(page.locator("html")).hasAttribute("lang", "en");
            Locator lastScan = page.locator("#history li.scan").first();
            expect(lastScan).containsText("Hà Thị Mai");
            expect(lastScan).containsText("Checked in");
        }

        UUID mai = TestServer.get().database.dsl().select(PARTICIPANT.ID).from(PARTICIPANT)
                .where(PARTICIPANT.PROVINCE_CODE.eq(world.province).and(PARTICIPANT.FULL_NAME.eq("Hà Thị Mai")))
                .fetchSingle(PARTICIPANT.ID);
        assertThat(attendanceSheet()).containsEntry(mai.toString(), "present");
        JsonNode registered = world.organizer.get("/api/v1/participants/" + mai).json();
        assertThat(registered.get("birthYear").asInt()).isEqualTo(1990);
        JsonNode consent = registered.get("consent");
        assertThat(consent.get("method").asText()).isEqualTo("verbal");
        assertThat(consent.get("coversSensitiveData").asBoolean()).isTrue();
        assertThat(OffsetDateTime.parse(consent.get("givenAt").asText()).atZoneSameInstant(SessionContext.VIETNAM).toLocalDate())
                .as("given today, as the phone dates it by the day").isEqualTo(LocalDate.now(SessionContext.VIETNAM));
    }

    @Test
    void eachChangeOfScreenTakesTheFocusToTheNewScreensHeadingRatherThanDroppingItToTheTopOfThePage() {
        enrolled("Nguyễn Thị Hoà", "female", world.communeA1);
        String title = world.organizer.get("/api/v1/courses/" + course).json().get("title").asText();

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            logInAndWaitForTheKit(page);
            // the login button hid with its screen: a screen reader says where the trainer now is
            expect(page.locator("#sessions-title")).isFocused();
            openTheFirstSession(page);
            expect(page.locator("#session-title")).isFocused();
            expect(page.locator("#session-title")).hasText(title);
            page.locator("#change-session").click();
            expect(page.locator("#sessions-title")).isFocused();
            page.locator("#logout").click();
            expect(page.locator("#login-title")).isFocused();
        }
    }

    @Test
    void closingTheNameSearchOrTheWalkInFormTakesTheFocusBackToTheButtonThatOpensIt() {
        enrolled("Nguyễn Thị Hoà", "female", world.communeA1);

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = onTheFirstSession(phone);
            page.locator("#open-search").click();
            expect(page.locator("#search")).isFocused();
            page.locator("#search-panel button.close").click();
            expect(page.locator("#open-search")).isFocused();
            page.locator("#open-walkin").click();
            expect(page.locator("#w-name")).isFocused();
            page.locator("#walkin-panel button.close").click();
            expect(page.locator("#open-walkin")).isFocused();
        }
    }

    /** Asserts that the element with the focus is in sight: below the bar at the top, above the buttons at the bottom. */
    private static void assertFocusInSight(Page page, String what) {
        Object hidden = page.evaluate("""
                () => {
                  const focused = document.activeElement.getBoundingClientRect();
                  return focused.top < document.querySelector('.top').getBoundingClientRect().bottom
                      || focused.bottom > document.querySelector('.actions').getBoundingClientRect().top;
                }""");
        assertThat(hidden).as(what + " hidden under the bars that stay in sight").isEqualTo(false);
    }

    @Test
    void theFieldsAndButtonsOfTheSearchAndTheWalkInFormAreNotHiddenUnderTheButtonsAtTheBottom() {
        enrolled("Nguyễn Thị Hoà", "female", world.communeA1);

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = onTheFirstSession(phone);
            page.locator("#open-search").click();
            expect(page.locator("#search")).isFocused();
            assertFocusInSight(page, "the name field of the search");
            page.keyboard().type("hoa");
            page.locator("#search-results button").first().waitFor();
            page.keyboard().press("Tab");
            expect(page.locator("#search-results button").first()).isFocused();
            assertFocusInSight(page, "the button that checks the person found in");
            page.locator("#open-walkin").click();
            expect(page.locator("#w-name")).isFocused();
            assertFocusInSight(page, "the name field of the walk-in form");
            page.locator("#w-unit").focus();
            page.keyboard().press("Tab");
            expect(page.locator("#w-consent")).isFocused();
            assertFocusInSight(page, "the consent box");
        }
    }

    @Test
    void aNameSearchThatFindsNobodyIsSaidAsAStatusThatAScreenReaderAnnounces() {
        enrolled("Nguyễn Thị Hoà", "female", world.communeA1);

        try (PhoneBrowser browser = PhoneBrowser.start(); BrowserContext phone = browser.phone()) {
            Page page = onTheFirstSession(phone);
            page.locator("#open-search").click();
            page.getByLabel("Họ tên học viên").fill("lan");
            expect(page.locator("#search-panel").getByRole(AriaRole.STATUS))
                    .hasText("Không tìm thấy ai trong danh sách.");
            page.getByLabel("Họ tên học viên").fill("hoa");
            expect(page.locator("#search-results li.person")).hasCount(1);
            expect(page.locator("#search-panel").getByRole(AriaRole.STATUS)).isEmpty();
        }
    }

    @Test
    void everyScreenPassesAnAutomatedAccessibilityCheckAndFitsThePhoneAt200PercentZoom() {
        enrolled("Nguyễn Thị Hoà", "female", world.communeA1);

        try (PhoneBrowser browser = PhoneBrowser.start()) {
            try (BrowserContext phone = browser.phone()) {
                Page page = phone.newPage();
                page.navigate("/scan");
                PhoneBrowser.assertAccessible(page, "the login screen");
                logInAndWaitForTheKit(page);
                PhoneBrowser.assertAccessible(page, "the list of today's sessions");
                openTheFirstSession(page);
                page.locator("#open-search").click();
                page.getByLabel("Họ tên học viên").fill("hoa");
                page.locator("#search-results button").first().waitFor();
                PhoneBrowser.assertAccessible(page, "the name search");
                page.locator("#open-walkin").click();
                PhoneBrowser.assertAccessible(page, "the walk-in form");
            }
            // 200% zoom on a 390 px wide phone lays the page out in 195 x 422 CSS pixels
            try (BrowserContext zoomed = browser.phone(195, 422)) {
                Page page = zoomed.newPage();
                page.navigate("/scan");
                PhoneBrowser.assertFitsTheWidth(page, "the login screen");
                logInAndWaitForTheKit(page);
                openTheFirstSession(page);
                page.locator("#open-walkin").click();
                PhoneBrowser.assertFitsTheWidth(page, "the walk-in form");
                PhoneBrowser.screenshot(page, "scanner-zoom-200");
            }
        }
    }
}
