package dev.cms.core.site;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Inserts that may lose a race for a unique value (two articles with the same title saved at
 * once both pick the same free slug): checking first cannot prevent it, only the database's
 * unique constraint decides. Each attempt runs inside a savepoint of the caller's transaction, so
 * losing rolls back that insert alone and leaves the transaction usable (PostgreSQL aborts the
 * whole transaction on a failed statement otherwise); the caller then picks another value.
 */
@Singleton
public class UniqueInserts {

    /** SQLSTATE of a unique violation, on PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final TransactionOperations<Connection> transactions;

    public UniqueInserts(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /**
     * The insert's result, or empty when it violated a unique constraint (another transaction
     * committed the same value first; it is visible to the caller's next query). Must be called
     * inside a transaction; any other failure is thrown as it is.
     */
    public <T> Optional<T> attempt(Supplier<T> insert) {
        Connection db = transactions.getConnection();
        Savepoint savepoint;
        try {
            savepoint = db.setSavepoint();
        } catch (SQLException e) {
            throw new DataAccessException("Cannot set a savepoint: " + e.getMessage(), e);
        }
        try {
            T result = insert.get();
            release(db, savepoint);
            return Optional.of(result);
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            try {
                db.rollback(savepoint);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
                throw e;
            }
            return Optional.empty();
        }
    }

    private static void release(Connection db, Savepoint savepoint) {
        try {
            db.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            // Released with the transaction anyway; some drivers refuse an explicit release.
        }
    }

    /** Whether a failure is (caused by) a unique violation. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
