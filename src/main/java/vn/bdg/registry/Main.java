package vn.bdg.registry;

import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.PasswordHasher;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.demo.DemoData;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.unit.UnitCsv;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.user.UserRepository;
import vn.bdg.registry.user.UserService;
import vn.bdg.registry.web.ApiException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line: serve [--demo], migrate, create-user, import-units. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    private static final String NOT_STARTED = "not started: ";
    private static final String USAGE = """
            usage: java -jar training-registry.jar <command>
              serve [--demo]        start the API (PORT, DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD;
                                    no DATABASE_URL: an embedded PostgreSQL under ~/.training-registry);
                                    --demo also loads demo data once
              migrate               apply the database migrations and exit
              create-user --username U --password-stdin --role admin|organizer|trainer|reporter
                          --province CODE [--unit CODE] [--full-name NAME]
              import-units FILE.csv administrative units: code,name,level,parent_code,valid_from,valid_to,successor_code
            """;

    private final Config config;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public static void main(String[] args) throws Exception {
        int exit;
        try {
            exit = new Main(Config.fromEnvironment(), System.in, System.out, System.err).run(args);
        } catch (Config.Invalid e) {
            System.err.println(NOT_STARTED + e.getMessage());
            exit = 1;
        }
        if (exit != 0) {
            System.exit(exit);
        }
    }

    Main(Config config, InputStream in, PrintStream out, PrintStream err) {
        this.config = config;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs one command; returns the process exit code (0 ok, 1 failed, 2 usage). A setting it cannot
     * run with (a number that is none, a database it cannot reach, a port in use) is one line on
     * standard error saying what to fix, not a stack trace.
     */
    int run(String... args) throws Exception {
        try {
            return command(args);
        } catch (Config.Invalid e) {
            err.println(NOT_STARTED + e.getMessage());
            return 1;
        }
    }

    private int command(String... args) throws Exception {
        if (args.length == 0) {
            return usage();
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        // a word the command does not take ("serve --dmeo") is refused, not ignored: the service would
        // start without what was asked for, and say nothing
        boolean servesAsAsked = rest.isEmpty() || rest.equals(List.of("--demo"));
        return switch (args[0]) {
            case "serve" -> servesAsAsked ? serve(!rest.isEmpty()) : usage();
            case "migrate" -> rest.isEmpty() ? withDatabase(db -> 0) : usage();
            case "create-user" -> createUser(rest);
            case "import-units" -> importUnits(rest);
            default -> usage();
        };
    }

    private int usage() {
        err.print(USAGE);
        return 2;
    }

    private int serve(boolean demo) {
        Database database = Database.open(config);
        Javalin app;
        try {
            database.migrate();
            if (demo) {
                DemoData.loadOnce(database.dsl(), new PasswordHasher(), out);
            }
            app = App.create(config, database).start(config.port());
            // set once started: Jetty's graceful stop of a server that failed to start throws, hiding why
            app.jettyServer().server().setStopTimeout(App.STOP_TIMEOUT.toMillis());
        } catch (RuntimeException e) {
            database.close(); // the embedded PostgreSQL too, which would be left running
            if (e instanceof io.javalin.util.JavalinBindException) {
                throw new Config.Invalid("PORT " + config.port() + " is in use by another process: stop it or set another PORT");
            }
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            database.close();
        }));
        log.info("Serving on port {}", app.port());
        return 0;
    }

    interface DatabaseTask {
        int run(Database database) throws Exception;
    }

    private int withDatabase(DatabaseTask task) throws Exception {
        try (Database database = Database.open(config)) {
            database.migrate();
            return task.run(database);
        }
    }

    /** The options create-user takes with a value; --password-stdin is its one flag. */
    private static final Set<String> CREATE_USER_OPTIONS = Set.of("username", "role", "province", "unit", "full-name");

    private int createUser(List<String> args) throws Exception {
        Options parsed = options(args, CREATE_USER_OPTIONS, Set.of("password-stdin"));
        if (parsed.strayWord() != null) {
            // refused, not ignored ("--unti 061"): the account would be created wider than asked
            // (province-wide), and nothing said
            err.println("create-user does not take \"" + parsed.strayWord() + "\"\n" + USAGE);
            return 2;
        }
        Map<String, String> opts = parsed.values();
        for (String required : List.of("username", "role", "province")) {
            if (!opts.containsKey(required)) {
                err.println("missing --" + required + "\n" + USAGE);
                return 2;
            }
        }
        if (!opts.containsKey("password-stdin")) {
            err.println("give the password on standard input with --password-stdin (never on the command line)");
            return 2;
        }
        String password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        Role role;
        try {
            role = Role.valueOf(opts.get("role"));
        } catch (IllegalArgumentException e) {
            err.println("--role must be one of admin, organizer, trainer, reporter");
            return 2;
        }
        return withDatabase(db -> {
            var units = new UnitRepository(db.dsl());
            var users = new UserService(db.dsl(), new UserRepository(db.dsl()), units, new PasswordHasher(),
                    new AuditLog());
            try {
                // the name as the API stores it: NFC, spaces collapsed (a terminal may pass it decomposed)
                var user = users.create(null, opts.get("username"), password, role,
                        VietnameseText.clean(opts.get("full-name")),
                        opts.get("province"), opts.get("unit"));
                out.println("created user " + user.username() + " (" + user.role() + ", province "
                        + user.provinceCode() + (user.unitCode() == null ? "" : ", unit " + user.unitCode()) + ")");
                return 0;
            } catch (ApiException e) {
                err.println("not created: " + e.code() + e.errors().stream()
                        .map(fe -> " " + fe.field() + ": " + fe.code()).reduce("", String::concat));
                return 1;
            }
        });
    }

    private int importUnits(List<String> args) throws Exception {
        if (args.size() != 1) {
            return usage();
        }
        List<vn.bdg.registry.unit.AdminUnit> units;
        try (var reader = Files.newBufferedReader(Path.of(args.get(0)), StandardCharsets.UTF_8)) {
            units = UnitCsv.read(reader);
        } catch (IllegalArgumentException e) {
            err.println("nothing imported:\n" + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("cannot read " + args.get(0) + ": " + e.getMessage());
            return 1;
        }
        return withDatabase(db -> {
            try {
                int n = new UnitRepository(db.dsl()).upsertAll(units);
                out.println("imported " + n + " units");
                return 0;
            } catch (IllegalArgumentException e) {
                err.println("nothing imported:\n" + e.getMessage());
                return 1;
            } catch (org.jooq.exception.DataAccessException e) {
                err.println("nothing imported: a parent or successor code names no unit in the file "
                        + "or the database");
                return 1;
            }
        });
    }

    /** The options given, by name (a flag: ""), and the first word that is none of them (null: none). */
    private record Options(Map<String, String> values, String strayWord) {
    }

    /**
     * "--name value" for the names of withValue (a missing value: ""), "--name" for flags; parsing
     * stops at the first other word.
     */
    private static Options options(List<String> args, Set<String> withValue, Set<String> flags) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.startsWith("--") ? a.substring(2) : "";
            if (flags.contains(name)) {
                opts.put(name, "");
            } else if (withValue.contains(name)) {
                boolean valueFollows = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
                opts.put(name, valueFollows ? args.get(++i) : "");
            } else {
                return new Options(opts, a);
            }
        }
        return new Options(opts, null);
    }
}
