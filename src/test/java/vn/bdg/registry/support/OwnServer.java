package vn.bdg.registry.support;

import io.javalin.Javalin;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.bdg.registry.App;
import vn.bdg.registry.Config;

import java.util.function.UnaryOperator;

/**
 * A service of a test's own on the shared test database: another instance beside the shared one
 * (with its own memory of callers and its own throttles), or one with other settings. Stopped by close().
 */
public final class OwnServer implements AutoCloseable {
    public final String baseUrl;
    private final Javalin app;

    private OwnServer(Javalin app) {
        this.app = app;
        this.baseUrl = "http://127.0.0.1:" + app.port();
    }

    /** Started with the shared server's settings as changed by settings. */
    public static OwnServer start(UnaryOperator<Config> settings) {
        TestServer shared = TestServer.get();
        return new OwnServer(App.create(settings.apply(shared.config), shared.database).start("127.0.0.1", 0));
    }

    /** Started with the shared server's settings. */
    public static OwnServer start() {
        return start(UnaryOperator.identity());
    }

    @Override
    public void close() {
        app.stop();
    }

    /**
     * An own server for each test of a class, as a field:
     * {@code @RegisterExtension final OwnServer.EachTest own = OwnServer.eachTest(settings);}
     */
    public static EachTest eachTest(UnaryOperator<Config> settings) {
        return new EachTest(settings);
    }

    /** Started before each test and stopped after it; see {@link #eachTest}. */
    public static final class EachTest implements BeforeEachCallback, AfterEachCallback {
        private final UnaryOperator<Config> settings;
        private OwnServer server;

        private EachTest(UnaryOperator<Config> settings) {
            this.settings = settings;
        }

        /** The running test's server. */
        public String baseUrl() {
            return server.baseUrl;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            server = start(settings);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            server.close();
        }
    }
}
