package dev.cms.core.site;

import io.micronaut.data.exceptions.DataAccessException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures mean "the database cannot be reached" (a 503, the form kept) and which are bugs (a 500). */
class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAreTheDatabaseBeingAwayHoweverWrapped() {
        assertTrue(DatabaseUnavailable.causedBy(new DataAccessException("query failed",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"))));
        assertTrue(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("An I/O error occurred", "08006",
                new SocketTimeoutException("Read timed out")))));
        assertTrue(DatabaseUnavailable.causedBy(new RuntimeException("wrapped",
                new SQLException("Connection attempt failed", null, new ConnectException("Connection refused")))),
                "a network failure under a JDBC one");
        assertTrue(DatabaseUnavailable.causedBy(new SQLException("Connection is closed")), "the pool's closed connection");
        assertTrue(DatabaseUnavailable.causedBy(new SQLException("Database is already closed", "90098", 90098)), "H2");
        RuntimeException hidden = new IllegalStateException("cleanup failed");
        hidden.addSuppressed(new SQLException("This connection has been closed.", "08003"));
        assertTrue(DatabaseUnavailable.causedBy(hidden), "the first symptom, suppressed by a later failure");
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DatabaseUnavailable.causedBy(new DataAccessException("bad SQL",
                new SQLException("syntax error at or near \"SELEKT\"", "42601"))));
        assertFalse(DatabaseUnavailable.causedBy(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseUnavailable.causedBy(new IllegalStateException("a bug")));
        assertFalse(DatabaseUnavailable.causedBy(new RuntimeException(new IOException("Broken pipe"))),
                "a reader's connection breaking is not the database's");
        assertFalse(DatabaseUnavailable.causedBy(new RuntimeException(new SocketException("reset"))),
                "nor is a socket failure no JDBC call saw");
    }
}
