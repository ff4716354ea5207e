package vn.bdg.registry;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(Integer.parseInt(System.getenv().getOrDefault("DATABASE_POOL_SIZE", "16")));
        hc.setPoolName("registry");
        return new HikariDataSource(hc);
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
