package vn.bdg.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bdg.registry.demo.DemoData;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.CHECK_IN;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.ENROLLMENT;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/** The jar's commands, run in-process against the test database. */
class CommandLineIT {
    private final TestServer server = TestServer.get();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) throws Exception {
        return new Main(server.config, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private int runWith(Config config, String... args) throws Exception {
        return new Main(config, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    @Test
    void aDatabaseItCannotReachIsOneLineSayingWhatToFix() throws Exception {
        Config unreachable = server.config.withDatabase("jdbc:postgresql://127.0.0.1:1/registry", "postgres", "");
        assertThat(runWith(unreachable, "serve")).isEqualTo(1);
        assertThat(runWith(unreachable, "migrate")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2).allSatisfy(line ->
                assertThat(line).startsWith("not started: cannot connect to the database of DATABASE_URL as "
                        + "DATABASE_USER: Connection to 127.0.0.1:1 refused."));
    }

    @Test
    void aDatabaseUrlNotInJdbcFormIsOneLineThatDoesNotPrintItsPassword() throws Exception {
        // libpq's form, as psql and most hosting panels write it, password included
        Config libpq = server.config.withDatabase("postgresql://registry:s3cret-pw@127.0.0.1:5432/registry",
                "registry", "");
        assertThat(runWith(libpq, "migrate")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("not started: DATABASE_URL must be a JDBC URL "
                + "(jdbc:postgresql://HOST:PORT/DATABASE, user and password in DATABASE_USER and DATABASE_PASSWORD)"
                + System.lineSeparator());
    }

    @Test
    void aWordACommandDoesNotTakeIsRefusedWithTheUsageNotIgnored() throws Exception {
        // "serve --dmeo" started the service without the demo data, and said nothing
        Config unreachable = server.config.withDatabase("jdbc:postgresql://127.0.0.1:1/registry", "postgres", "");
        assertThat(runWith(unreachable, "serve", "--dmeo")).isEqualTo(2);
        assertThat(runWith(unreachable, "serve", "--demo", "--demo")).isEqualTo(2);
        assertThat(runWith(unreachable, "migrate", "now")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage: java -jar training-registry.jar")
                .doesNotContain("not started");
    }

    @Test
    void aTrustedProxyThatIsNoAddressIsOneLineNamingTheSetting() throws Exception {
        for (String proxies : new String[]{"proxy.lan", "10.0.0.0/eight"}) {
            Config config = Config.from(Map.of("PORT", "0", "TRUSTED_PROXIES", proxies,
                    "DATABASE_URL", server.config.databaseUrl(), "DATABASE_USER", server.config.databaseUser(),
                    "DATABASE_PASSWORD", server.config.databasePassword()));
            assertThat(runWith(config, "serve")).isEqualTo(1);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("not started: TRUSTED_PROXIES must be IP "
                + "addresses or ranges (10.0.0.5, 10.0.0.0/8, fd00::/8) separated by commas, not \"proxy.lan\""
                + System.lineSeparator() + "not started: TRUSTED_PROXIES must be IP addresses or ranges "
                + "(10.0.0.5, 10.0.0.0/8, fd00::/8) separated by commas, not \"10.0.0.0/eight\"" + System.lineSeparator());
    }

    /** What {@code migrate} prints on a scratch database after prepare has run on it (a connection URL given). */
    private String migrateOnAScratchDatabase(java.util.function.Consumer<String> prepare) throws Exception {
        String name = "registry_scratch_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        var admin = server.database.dsl();
        admin.execute("create database " + name);
        try {
            String url = server.config.databaseUrl().replaceFirst("/[^/?]+(\\?.*)?$", "/" + name + "$1");
            prepare.accept(url);
            assertThat(runWith(server.config.withDatabase(url, server.config.databaseUser(),
                    server.config.databasePassword()), "migrate")).isEqualTo(1);
            return err.toString(StandardCharsets.UTF_8);
        } finally {
            admin.execute("drop database if exists " + name + " with (force)");
        }
    }

    private void sql(String url, String statement) {
        try (var connection = java.sql.DriverManager.getConnection(url, server.config.databaseUser(),
                server.config.databasePassword())) {
            connection.createStatement().execute(statement);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMigrationTheDatabaseRefusesIsOneLineNamingItAndTheReason() throws Exception {
        // the first migration applied, then a row the second inserts put there by hand
        String printed = migrateOnAScratchDatabase(url -> {
            org.flywaydb.core.Flyway.configure().dataSource(url, server.config.databaseUser(),
                    server.config.databasePassword()).locations("classpath:db/migration").target("1").load().migrate();
            sql(url, "insert into course_kind (code, name_vi, name_en, sort_order) values ('training', 'x', 'x', 1)");
        });
        assertThat(printed).isEqualTo("not started: the database schema could not be brought up to date: "
                + "Failed to execute script V2__reference_catalogs.sql: "
                + "ERROR: duplicate key value violates unique constraint \"course_kind_pkey\"" + System.lineSeparator());
    }

    @Test
    void aDatabaseHoldingAnotherApplicationsTablesIsOneLine() throws Exception {
        String printed = migrateOnAScratchDatabase(url -> sql(url, "create table invoice (note text)"));
        assertThat(printed).startsWith("not started: the database schema could not be brought up to date: "
                + "Found non-empty schema(s) \"public\" but no schema history table.").hasLineCount(1);
    }

    @Test
    void aPortInUseIsOneLineSayingWhatToFix() throws Exception {
        try (var taken = new java.net.ServerSocket(0)) {
            Config config = Config.from(Map.of("PORT", String.valueOf(taken.getLocalPort()),
                    "DATABASE_URL", server.config.databaseUrl(), "DATABASE_USER", server.config.databaseUser(),
                    "DATABASE_PASSWORD", server.config.databasePassword()));
            assertThat(runWith(config, "serve")).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("not started: PORT " + taken.getLocalPort()
                    + " is in use by another process: stop it or set another PORT" + System.lineSeparator());
        }
    }

    @Test
    void createUserReadsThePasswordFromStandardInputAndTheUserCanLogIn() throws Exception {
        World world = World.create();
        String username = "cli-" + world.province;
        assertThat(run("a long enough password\n", "create-user", "--username", username, "--password-stdin",
                "--role", "reporter", "--province", world.province, "--unit", world.districtB)).isZero();
        Api reporter = World.login(username, "a long enough password");
        assertThat(reporter.get("/api/v1/me").json().get("unitCode").asText()).isEqualTo(world.districtB);
    }

    @Test
    void createUserRefusesBadInputWithoutCreatingAnything() throws Exception {
        World world = World.create();
        assertThat(run("", "create-user", "--username", "x1" + world.province, "--role", "admin",
                "--province", world.province)).as("no --password-stdin").isEqualTo(2);
        assertThat(run("a long enough password\n", "create-user", "--username", "x2" + world.province,
                "--password-stdin", "--role", "boss", "--province", world.province)).isEqualTo(2);
        assertThat(run("a long enough password\n", "create-user", "--username", "x3" + world.province,
                "--password-stdin", "--role", "admin", "--province", "no-such-province")).isEqualTo(1);
        assertThat(run("short\n", "create-user", "--username", "x4" + world.province,
                "--password-stdin", "--role", "admin", "--province", world.province)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("password: too_short");
        assertThat(Api.anonymous().post("/api/v1/auth/login",
                Map.of("username", "x4" + world.province, "password", "short")).status()).isEqualTo(401);
    }

    @Test
    void createUserRefusesAnOptionItDoesNotTakeInsteadOfCreatingAWiderAccount() throws Exception {
        // "--unti 061" created a province-wide account, exit 0, saying nothing of the unit asked for
        World world = World.create();
        String username = "cli-typo-" + world.province;
        assertThat(run("a long enough password\n", "create-user", "--username", username, "--password-stdin",
                "--role", "organizer", "--province", world.province, "--unti", world.districtB)).isEqualTo(2);
        assertThat(run("a long enough password\n", "create-user", "--username", username, "--password-stdin",
                "--role", "organizer", "--province", world.province, world.districtB)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--unti").contains("usage: java -jar");
        assertThat(Api.anonymous().post("/api/v1/auth/login",
                Map.of("username", username, "password", "a long enough password")).status()).isEqualTo(401);
    }

    @Test
    void importUnitsLoadsAWholeFileOrNothing(@TempDir Path dir) throws Exception {
        World world = World.create();
        String district = "9" + world.province.substring(2); // 3 digits, like official district codes
        Path good = dir.resolve("units.csv");
        Files.writeString(good, """
                code,name,level,parent_code,valid_from,valid_to,successor_code
                %1$s,Huyện Mới,district,%2$s,2020-02-01,2025-06-30,
                %1$s01,Xã Quân Hà,commune,%1$s,2020-02-01,2025-06-30,%1$s02
                %1$s02,Xã Hợp Nhất,commune,%1$s,2025-07-01,,
                """.formatted(district, world.province));
        assertThat(run("", "import-units", good.toString())).isZero();
        var unit = world.reporter.get("/api/v1/admin-units/" + district + "01").json();
        assertThat(unit.get("name").asText()).isEqualTo("Xã Quân Hà");
        assertThat(unit.get("successorCode").asText()).isEqualTo(district + "02");
        assertThat(world.reporter.get("/api/v1/admin-units?parent=" + district + "&at=2026-01-01").json()
                .get("items")).extracting(u -> u.get("code").asText()).containsExactly(district + "02");

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, """
                code,name,level,parent_code,valid_from,valid_to,successor_code
                %1$s03,Xã Tốt,commune,%1$s,,,
                %1$s04,Xã Hỏng,hamlet,%1$s,,,
                %1$s05,Xã Sai Ngày,commune,%1$s,01/02/2020,,
                """.formatted(district));
        assertThat(run("", "import-units", bad.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3").contains("line 4");
        assertThat(world.reporter.get("/api/v1/admin-units/" + district + "03").status()).isEqualTo(404);

        Path orphan = dir.resolve("orphan.csv");
        Files.writeString(orphan, """
                code,name,level,parent_code,valid_from,valid_to,successor_code
                %1$s06,Xã Mồ Côi,commune,99999,,,
                """.formatted(district));
        assertThat(run("", "import-units", orphan.toString())).isEqualTo(1);
        assertThat(world.reporter.get("/api/v1/admin-units/" + district + "06").status()).isEqualTo(404);
    }

    @Test
    void importUnitsReadsACsvSavedByExcelAsUtf8(@TempDir Path dir) throws Exception {
        // Excel's "CSV UTF-8" starts the file with a byte-order mark and ends its lines with CRLF
        World world = World.create();
        String district = "7" + world.province.substring(2);
        Path file = dir.resolve("units-excel.csv");
        Files.writeString(file, "\uFEFFcode,name,level,parent_code,valid_from,valid_to,successor_code\r\n"
                + district + ",Huyện Excel,district," + world.province + ",,,\r\n");
        assertThat(run("", "import-units", file.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(world.reporter.get("/api/v1/admin-units/" + district).json().get("name").asText())
                .isEqualTo("Huyện Excel");
    }

    @Test
    void demoDataLoadsOnceWithAUserPerRole() throws Exception {
        var dsl = server.database.dsl();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        DemoData.loadOnce(dsl, new vn.bdg.registry.auth.PasswordHasher(), print);
        int courses = dsl.fetchCount(COURSE, COURSE.PROVINCE_CODE.eq(DemoData.PROVINCE));
        int participants = dsl.fetchCount(PARTICIPANT, PARTICIPANT.PROVINCE_CODE.eq(DemoData.PROVINCE));
        int enrollments = dsl.fetchCount(ENROLLMENT, ENROLLMENT.PROVINCE_CODE.eq(DemoData.PROVINCE));
        assertThat(courses).isGreaterThanOrEqualTo(20);
        assertThat(participants).isGreaterThanOrEqualTo(300);
        assertThat(enrollments).isGreaterThan(500);
        assertThat(dsl.select(PARTICIPANT.FULL_NAME).from(PARTICIPANT).where(PARTICIPANT.PROVINCE_CODE.eq(DemoData.PROVINCE))
                .fetch(PARTICIPANT.FULL_NAME)).as("names as people have them: no word twice in a row (Văn Văn)")
                .noneMatch(n -> n.matches("(?U).*\\b(\\p{L}+) \\1\\b.*"));

        DemoData.loadOnce(dsl, new vn.bdg.registry.auth.PasswordHasher(), print);
        assertThat(dsl.fetchCount(COURSE, COURSE.PROVINCE_CODE.eq(DemoData.PROVINCE))).isEqualTo(courses);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("already loaded").contains(DemoData.PASSWORD);

        for (String[] user : DemoData.USERS) {
            Api api = World.login(user[0], DemoData.PASSWORD);
            assertThat(api.get("/api/v1/me").json().get("role").asText()).isEqualTo(user[1]);
        }
        Api trainer = World.login("demo-trainer", DemoData.PASSWORD);
        var today = trainer.get("/api/v1/me/sessions").json().get("items");
        assertThat(today).as("a sample course runs today for trying the scanner: morning, afternoon and,"
                + " outside both, one open now").hasSizeBetween(2, 3);
        OffsetDateTime now = OffsetDateTime.now();
        assertThat(today).as("one of them open now, whatever the time of day")
                .anyMatch(s -> !now.isBefore(OffsetDateTime.parse(s.get("opensAt").asText()))
                        && !now.isAfter(OffsetDateTime.parse(s.get("closesAt").asText())));
        String roster = "/api/v1/sessions/" + today.get(0).get("id").asText() + "/roster";
        assertThat(trainer.get(roster).json().get("participants").size()).isEqualTo(30);
        Api organizer = World.login("demo-organizer", DemoData.PASSWORD);
        assertThat(organizer.get("/api/v1/admin-units?parent=061").json().get("items").size()).isGreaterThan(5);
        assertThat(organizer.get("/api/v1/organizations").json().get("items").size()).isEqualTo(8);

        // the demo year has attendance, so the report page shows people trained, not zeros
        Api reporter = World.login("demo-reporter", DemoData.PASSWORD);
        var report = reporter.get("/api/v1/reports/indicators?from=2024-07-01&to=2025-06-30").json();
        Map<String, Long> totals = new HashMap<>();
        Map<String, JsonNode> rows = new HashMap<>();
        report.get("rows").forEach(r -> {
            totals.put(r.get("indicator").asText(), r.get("value").asLong());
            rows.put(r.get("indicator").asText(), r);
        });
        // people are registered with target groups and the province has its plans, so coverage and
        // plan-versus-done show numbers too
        assertThat(rows.get("coverage").get("numerator").asLong()).isPositive()
                .isLessThan(rows.get("coverage").get("denominator").asLong());
        assertThat(rows.get("plan_courses").get("value").asLong()).isPositive()
                .isLessThan(rows.get("plan_courses").get("planned").asLong());
        long attended = dsl.fetchCount(CHECK_IN, CHECK_IN.PROVINCE_CODE.eq(DemoData.PROVINCE));
        assertThat(totals.get("attendances")).isPositive();
        assertThat(totals.get("persons_trained")).isBetween(100L, (long) participants);
        assertThat(dsl.fetchCount(ENROLLMENT.join(PARTICIPANT).on(PARTICIPANT.ID.eq(ENROLLMENT.PARTICIPANT_ID)),
                ENROLLMENT.TARGET_GROUP.in("women_cadres_pipeline", "women_council_delegates", "women_leaders")
                        .and(PARTICIPANT.SEX.eq("male")))).as("men enrolled as women cadres or delegates").isZero();
        assertThat(attended).as("about nine in ten of the trainees' sessions")
                .isBetween((long) (enrollments * 2 * 0.8), (long) (enrollments * 4 * 0.95));
        var flags = reporter.get("/api/v1/reports/flags?from=2024-07-01&to=2025-06-30").json().get("items");
        assertThat(flags.findValuesAsText("kind")).as("nobody on two courses at once in the demo year")
                .doesNotContain("two_places_at_once");
    }
}
