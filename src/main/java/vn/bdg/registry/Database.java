package vn.bdg.registry;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The connection pool, the embedded PostgreSQL used when none is configured, and migrations. */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final EmbeddedPostgres embedded;
    private final DSLContext dsl;

    private Database(HikariDataSource dataSource, EmbeddedPostgres embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    /** Connects to DATABASE_URL, or starts an embedded PostgreSQL whose data survives restarts. */
    public static Database open(Config config) {
        if (config.databaseUrl() != null) {
            // checked here: the pool refuses any other form with the URL, password and all, in its message
            if (!config.databaseUrl().startsWith("jdbc:postgresql:")) {
                throw new Config.Invalid("DATABASE_URL must be a JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE, "
                        + "user and password in DATABASE_USER and DATABASE_PASSWORD)");
            }
            return new Database(pool(config.databaseUrl(), config.databaseUser(), config.databasePassword()), null);
        }
        try {
            Files.createDirectories(config.embeddedDataDir());
            stopOrphan(config.embeddedDataDir());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(config.embeddedDataDir())
                    .setCleanDataDirectory(false)
                    // stopped by close(), after the HTTP server has finished the requests in flight: its own
                    // hook, run at the same time as the service's, stopped it under them (500s at SIGTERM)
                    .setRegisterShutdownHook(false)
                    // the library's settings are for throwaway test databases (-F: no fsync, and no
                    // synchronous commit): here the data is kept, and a scan answered "accepted" is
                    // not sent again, so a commit must be on disk before it is answered
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            log.info("No DATABASE_URL: started embedded PostgreSQL on port {} with data in {}",
                    pg.getPort(), config.embeddedDataDir());
            return new Database(pool(pg.getJdbcUrl("postgres", "postgres"), "postgres", ""), pg);
        } catch (IOException | RuntimeException e) {
            if (e instanceof Config.Invalid invalid) {
                throw invalid;
            }
            throw new Config.Invalid("could not start the embedded PostgreSQL in EMBEDDED_DATA_DIR "
                    + config.embeddedDataDir() + ": " + rootMessage(e));
        }
    }

    /**
     * Stops the embedded PostgreSQL left running on this data folder by a service that was killed
     * (SIGKILL, out of memory) before it could stop it: else the next start fails, the folder being
     * held by that server. It is an orphan when no running service holds the folder's lock
     * (epg-lock, held by the JVM that started it and released when that JVM dies); a service still
     * running on the folder keeps its server. SIGTERM is PostgreSQL's smart shutdown, clean: the
     * dead service's connections are gone.
     */
    static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (RuntimeException e) {
            return; // not a lock file PostgreSQL wrote: left for it to judge
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return; // stale: PostgreSQL removes it itself
        }
        try (FileChannel channel = FileChannel.open(dataDir.resolve("epg-lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return; // a running service holds the folder: its server is not an orphan
            }
        } catch (OverlappingFileLockException e) {
            return; // held in this JVM
        }
        log.warn("Stopping the embedded PostgreSQL (pid {}) left running on {} by a service that did not stop it",
                pid, dataDir);
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("The embedded PostgreSQL left running (pid {}) did not stop within 60 s", pid);
        }
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize((int) Config.number(System.getenv(), "DATABASE_POOL_SIZE", 16, 1, 1000));
        hc.setPoolName("registry");
        // a request waits this long for a connection, then answers 503 database_unavailable: while the
        // database is down, well before a phone gives up on it (20 s), not Hikari's 30 s
        hc.setConnectionTimeout(5_000);
        try {
            return new HikariDataSource(hc);
        } catch (HikariPool.PoolInitializationException e) {
            // the driver's words (refused, no such database, password failed): never the URL, which may hold a password
            throw new Config.Invalid("cannot connect to the database of DATABASE_URL as DATABASE_USER: " + rootMessage(e));
        }
    }

    /** The driver's words if it said any (they name host and port), else the deepest cause's; one line. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (!(root instanceof java.sql.SQLException) && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }

    /**
     * Applies the migrations carried in the jar (db/migration). One that fails is rolled back (the
     * ones before it stay) and stops the start with one line: which migration, and the database's
     * words, rather than Flyway's report of several lines under a stack trace.
     */
    public void migrate() {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            List<String> lines = String.valueOf(e.getMessage()).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("---")).toList();
            String what = lines.isEmpty() ? e.getClass().getSimpleName() : lines.get(0);
            String why = rootMessage(e);
            if (why.equals(what) && lines.size() > 1) {
                why = lines.get(1); // no database error: Flyway's own reason (a checksum that changed, say)
            }
            throw new Config.Invalid("the database schema could not be brought up to date: " + what
                    + (why.equals(what) ? "" : ": " + why));
        }
    }

    public DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
