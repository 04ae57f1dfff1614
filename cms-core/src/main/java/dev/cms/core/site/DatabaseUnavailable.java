package dev.cms.core.site;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells a failure to reach the database (stopped, unreachable, no free connection in time) from
 * every other failure, so callers can answer "try again shortly" and keep what the user typed,
 * instead of a 500. It looks through causes and suppressed exceptions: the first symptom is often
 * wrapped, or hidden behind the pool's "Connection is closed" when the transaction is cleaned up.
 */
public final class DatabaseUnavailable {

    /** H2's SQL states for a database that is closed, gone or held by another process. */
    private static final Set<String> H2_UNAVAILABLE = Set.of(
            "90067", // connection broken
            "90098", // database closed
            "90121", // database called at shutdown
            "90013", "90146", // database not found (IFEXISTS)
            "90020", // database already in use by another process
            "90135"); // exclusive mode

    private DatabaseUnavailable() {
    }

    /** Whether this failure, or anything that caused it, means the database could not be reached. */
    public static boolean causedBy(Throwable failure) {
        return search(failure, false, new IdentityHashMap<>());
    }

    private static boolean search(Throwable t, boolean fromDriver, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return false;
        }
        boolean driver = fromDriver || t instanceof SQLException;
        if (isUnavailable(t, driver)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (search(suppressed, driver, seen)) {
                return true;
            }
        }
        if (t instanceof SQLException sql && sql.getNextException() != null
                && search(sql.getNextException(), true, seen)) {
            return true;
        }
        return search(t.getCause(), driver, seen);
    }

    /** @param fromDriver whether a JDBC exception is among the failures wrapping this one */
    private static boolean isUnavailable(Throwable t, boolean fromDriver) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLRecoverableException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            // Class 08 is "connection exception" in the SQL standard, PostgreSQL's driver included;
            // the pool reports a connection it already closed with no state at all.
            return state != null && (state.startsWith("08") || H2_UNAVAILABLE.contains(state))
                    || state == null && "Connection is closed".equals(sql.getMessage());
        }
        // Micronaut Data could not open or set up a connection, or begin a transaction on one.
        if (t instanceof ConnectionException || t instanceof CannotCreateTransactionException) {
            return true;
        }
        // The network below the driver: reset, refused, timed out, closed half way (a reader's own
        // connection breaking while the page is sent is none of this).
        return fromDriver && (t instanceof SocketException || t instanceof EOFException || t instanceof InterruptedIOException);
    }
}
