package dev.cms.core.site;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A statement running past {@code cms.db.statement-timeout} (1 s here) is ended by the database,
 * whoever waits for it: run by {@link H2StatementTimeoutTest} and {@link PostgresStatementTimeoutTest}.
 */
abstract class StatementTimeoutContract {

    @Inject
    TransactionOperations<Connection> transactions;

    /** A query that would run for minutes. */
    abstract String endlessQuery();

    @Test
    void aStatementRunningPastTheTimeoutIsEndedByTheDatabase() throws Exception {
        long started = System.nanoTime();
        transactions.executeRead(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                assertThrows(SQLException.class, () -> s.executeQuery(endlessQuery()).next());
            }
            return null;
        });
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue(seconds < 20, "ended after " + seconds + " s, not about 1 s");
    }
}
