package vn.bdg.registry.support;

import vn.bdg.registry.Config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * A lock the test takes in a transaction of its own (on a connection of its own, not the
 * service's), to hold requests at a chosen point of theirs until it is closed: the way the race
 * tests line two requests up in the order that used to go wrong.
 */
public final class HeldLock implements AutoCloseable {
    private final Connection connection;

    private HeldLock(Connection connection) {
        this.connection = connection;
    }

    /** Runs the locking statement (e.g. {@code select 1 from participant where id = '…' for update}) and holds what it took. */
    public static HeldLock take(String statement) throws SQLException {
        Connection connection = connect();
        try {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                st.execute(statement);
            }
            return new HeldLock(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Waits (up to 20 s) until at least n requests to the test database wait for a lock; fails otherwise. */
    public static void awaitWaiting(int n) throws SQLException, InterruptedException {
        try (Connection watcher = connect()) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int waiting = waiting(watcher);
            while (waiting < n && System.nanoTime() < until) {
                Thread.sleep(20);
                waiting = waiting(watcher);
            }
            if (waiting < n) {
                throw new AssertionError(waiting + " requests wait for a lock, not " + n);
            }
        }
    }

    /** How many requests to the test database wait for a lock now. */
    public static int waiting() throws SQLException {
        try (Connection watcher = connect()) {
            return waiting(watcher);
        }
    }

    /** Releases the lock (the transaction rolls back); once released, nothing more. */
    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }

    private static int waiting(Connection watcher) throws SQLException {
        try (Statement st = watcher.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity"
                     + " where datname = current_database() and wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Connection connect() throws SQLException {
        Config config = TestServer.get().config;
        return DriverManager.getConnection(config.databaseUrl(), config.databaseUser(), config.databasePassword());
    }
}
