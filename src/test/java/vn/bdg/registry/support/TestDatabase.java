package vn.bdg.registry.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A fresh database for one test run, dropped at the end: on the PostgreSQL the environment names
 * (TEST_DATABASE_URL pointing at a server's maintenance database, or PostgreSQL on 127.0.0.1:5432
 * when user postgres may log in without a password), otherwise on an embedded PostgreSQL the tests
 * start themselves. Public for the tests that need a
 * database of their own, e.g. to run migrations up to a version.
 */
public final class TestDatabase {
    private static final String LOCAL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    public final String url;
    public final String user;
    public final String password;
    private final String adminUrl;
    private final String name;
    private final EmbeddedPostgres embedded;

    private TestDatabase(String adminUrl, String user, String password, EmbeddedPostgres embedded) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.name = "registry_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        this.url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    public static TestDatabase create() {
        String env = System.getenv("TEST_DATABASE_URL");
        TestDatabase db;
        if (env != null && !env.isBlank()) {
            db = new TestDatabase(env, System.getenv().getOrDefault("TEST_DATABASE_USER", "postgres"),
                    System.getenv().getOrDefault("TEST_DATABASE_PASSWORD", ""), null);
        } else if (listening("127.0.0.1", 5432) && canLogIn(LOCAL)) {
            db = new TestDatabase(LOCAL, "postgres", "", null);
        } else {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                db = new TestDatabase(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", pg);
            } catch (IOException e) {
                throw new IllegalStateException("No PostgreSQL on 127.0.0.1:5432 and the embedded one failed", e);
            }
        }
        db.execute("create database " + db.name + " encoding 'UTF8' template template0");
        return db;
    }

    public void drop() {
        try {
            execute("drop database if exists " + name + " with (force)");
        } finally {
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary directory goes with it
                }
            }
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password)) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * Whether the local server lets user postgres in without a password, as on these machines
     * (trust). A PostgreSQL installed with its packages' defaults asks for a password on 127.0.0.1:
     * then the tests start their own, as on a machine with none.
     */
    private static boolean canLogIn(String url) {
        try (Connection ignored = DriverManager.getConnection(url, "postgres", "")) {
            return true;
        } catch (SQLException e) {
            System.err.println("PostgreSQL on 127.0.0.1:5432 refused user postgres without a password ("
                    + e.getMessage() + "): the tests start an embedded PostgreSQL");
            return false;
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
