package dev.cms.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The migration command on PostgreSQL, in a database of its own for every test. */
class PostgresMigrationTest extends EmptyDatabaseContract {

    private String database;

    // Checked per test, not in @BeforeAll: Surefire counts tests skipped there as not run at all.
    @BeforeEach
    void createDatabase() throws SQLException {
        PostgresServer.assumeReachable();
        database = PostgresServer.createDatabase();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (database != null) {
            PostgresServer.dropDatabase(database);
        }
    }

    @Override
    Map<String, String> environment() {
        return PostgresServer.environmentFor(database);
    }

    @Test
    void failedMigrationIsRolledBackAndStaysPending(@TempDir Path folder) throws IOException, SQLException {
        String location = ShippedMigrations.writeBrokenMigration(folder);
        int latest = ShippedMigrations.latestVersion();

        CommandRun migrate = cmsWithMigrationsFrom(location, "migrate");

        assertEquals(1, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.err().contains("It was rolled back; the schema is still at version " + latest), migrate::toString);
        assertFalse(PostgresServer.tableExists(database, "broken_leftover"), "the failed migration left a table behind");
        assertTrue(PostgresServer.tableExists(database, "article"), "the migrations before it stay applied");
        CommandRun info = cmsWithMigrationsFrom(location, "info");
        assertTrue(hasRow(info, ShippedMigrations.brokenVersion(), "broken", "SQL\\s+Pending"), info::toString);
        assertTrue(info.out().contains("Current version: " + latest + " (1 migration pending)"), info::toString);
    }

    @Test
    void missingDatabaseIsReportedAsConnectionFailure() {
        String url = PostgresServer.urlOf(database + "_missing");

        CommandRun info = CommandRun.run(Map.of(), List.of(), "info", "--url", url,
                "--user", PostgresServer.USER, "--password", PostgresServer.PASSWORD);

        assertEquals(1, info.exitCode(), info::toString);
        assertTrue(info.err().startsWith("cms-db: cannot connect to "
                + DatabaseSettings.resolve(url, null, null, null).displayUrl() + ": "), info::toString);
        assertTrue(info.err().contains(database + "_missing"), info::toString);
    }
}
