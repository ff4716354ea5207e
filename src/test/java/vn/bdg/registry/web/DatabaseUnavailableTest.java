package vn.bdg.registry.web;

import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTest {
    @Test
    void aDatabaseOutOfReachIsToldApartFromABug() {
        // no connection from the pool within its wait, as jOOQ wraps it
        assertThat(ErrorHandlers.databaseUnreachable(new DataAccessException("x",
                new SQLTransientConnectionException("registry - Connection is not available")))).isTrue();
        // a connection refused or lost, the server shutting down
        assertThat(ErrorHandlers.databaseUnreachable(new DataAccessException("x", new SQLException("refused", "08001")))).isTrue();
        assertThat(ErrorHandlers.databaseUnreachable(new DataAccessException("x", new SQLException("lost", "08006")))).isTrue();
        assertThat(ErrorHandlers.databaseUnreachable(new SQLException("terminating connection", "57P01"))).isTrue();
        // a broken constraint or any other failure stays a 500
        assertThat(ErrorHandlers.databaseUnreachable(new DataAccessException("x", new SQLException("dup", "23505")))).isFalse();
        assertThat(ErrorHandlers.databaseUnreachable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void itIsA503ThatSaysNothingWasStoredAndWhenToTryAgain() {
        ApiException e = ErrorHandlers.databaseUnavailable();
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo("database_unavailable");
        assertThat(new String(ErrorHandlers.body(Locale.ENGLISH, "/x", e), StandardCharsets.UTF_8))
                .contains("nothing was stored").contains("Try again in 5 seconds.");
    }
}
