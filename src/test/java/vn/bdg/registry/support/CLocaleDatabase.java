package vn.bdg.registry.support;

import org.jooq.DSLContext;
import vn.bdg.registry.Database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;

/**
 * A database of the service's schema created with the C locale (LC_CTYPE and LC_COLLATE C), as
 * initdb or the embedded PostgreSQL make it when started without LANG, and some managed servers:
 * there upper() and lower() change ASCII letters only. Dropped when the body ends.
 */
public final class CLocaleDatabase {
    public interface Body {
        void run(DSLContext dsl) throws Exception;
    }

    private CLocaleDatabase() {
    }

    public static void with(Body body) throws Exception {
        TestServer server = TestServer.get();
        String name = "registry_ctype_c_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = server.config.databaseUrl().substring(0, server.config.databaseUrl().lastIndexOf('/') + 1) + name;
        admin(server, "create database " + name + " encoding 'UTF8' lc_collate 'C' lc_ctype 'C' template template0");
        try (Database db = Database.open(server.config.withDatabase(url, server.config.databaseUser(),
                server.config.databasePassword()))) {
            db.migrate();
            body.run(db.dsl());
        } finally {
            admin(server, "drop database if exists " + name + " with (force)");
        }
    }

    private static void admin(TestServer server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.config.databaseUrl(), server.config.databaseUser(),
                server.config.databasePassword())) {
            c.createStatement().execute(sql);
        }
    }
}
