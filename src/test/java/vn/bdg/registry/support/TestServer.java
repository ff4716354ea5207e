package vn.bdg.registry.support;

import io.javalin.Javalin;
import vn.bdg.registry.App;
import vn.bdg.registry.Config;
import vn.bdg.registry.Database;

/** One running service per test JVM, on its own fresh database, stopped and dropped at exit. */
public final class TestServer {
    private static TestServer instance;

    public final Config config;
    public final Database database;
    public final Javalin app;
    public final String baseUrl;

    private TestServer() {
        TestDatabase db = TestDatabase.create();
        config = Config.fromEnvironment().withDatabase(db.url, db.user, db.password);
        database = Database.open(config);
        database.migrate();
        app = App.create(config, database).start("127.0.0.1", 0);
        baseUrl = "http://127.0.0.1:" + app.port();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            database.close();
            db.drop();
        }));
    }

    public static synchronized TestServer get() {
        if (instance == null) {
            instance = new TestServer();
        }
        return instance;
    }
}
