package dev.cms.core.schema;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether the database takes writes, for the health check: a database can go on answering reads
 * while it refuses every write (H2 2.4.240's broken CHECK constraints, a PostgreSQL standby or one
 * out of disk), and a node that only reads to check its health reports UP while no editor can
 * save. One insert into {@code write_probe}, rolled back: nothing is kept and nothing waits.
 */
@Singleton
public class WriteProbe {

    static final String PROBE = "INSERT INTO write_probe (probe) VALUES ('health')";

    private final DataSource dataSource;

    public WriteProbe(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        // The pool itself, outside any transaction of the caller's: the probe's rollback is its own.
        this.dataSource = (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource);
    }

    /** Throws, with the database's reason, when the database refuses the write. */
    public void check() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(PROBE);
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
