package vn.bdg.registry;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;

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
            return new Database(pool(config.databaseUrl(), config.databaseUser(), config.databasePassword()), null);
        }
        try {
            Files.createDirectories(config.embeddedDataDir());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(config.embeddedDataDir())
                    .setCleanDataDirectory(false)
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

    /** Applies the migrations carried in the jar (db/migration). */
    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
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
