package dev.cms.db;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * V23 makes usernames unique whatever their case on a site that already has 'Chief' and 'chief':
 * the oldest keeps its name, the later ones get '-id' and an audit line, and no writer can add
 * such a pair again; and V24 records that such a site has had its first-start setup. On a database
 * filled at V22, on H2 and on PostgreSQL.
 */
class UserMigrationsTest {

    @Test
    void upgradingAnH2DatabaseWithNamesDifferingInCaseKeepsTheOldestAndRenamesTheRest(@TempDir Path folder)
            throws SQLException {
        check("jdbc:h2:file:" + folder.resolve("cms").toAbsolutePath() + DatabaseSettings.H2_OPTIONS, null, null);
    }

    @Test
    void upgradingAPostgresDatabaseWithNamesDifferingInCaseKeepsTheOldestAndRenamesTheRest() throws SQLException {
        PostgresServer.assumeReachable();
        String database = PostgresServer.createDatabase();
        try {
            check(PostgresServer.urlOf(database), PostgresServer.USER, PostgresServer.PASSWORD);
        } finally {
            PostgresServer.dropDatabase(database);
        }
    }

    private static void check(String url, String user, String password) throws SQLException {
        migrate(url, user, password, "22");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String name : List.of("Chief", "ed", "chief", "CHIEF")) {
                s.executeUpdate("INSERT INTO app_user (username, display_name, password_hash, role, created_at, updated_at)"
                        + " VALUES ('" + name + "', 'x', 'x', 'ADMIN', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
        }

        migrate(url, user, password, "24");
        checkSetupRow(url, user, password, 1);

        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT username, id FROM app_user ORDER BY id")) {
                while (r.next()) {
                    names.add(r.getString(1).replace(String.valueOf(r.getLong(2)), "<id>"));
                }
            }
            assertEquals(List.of("Chief", "ed", "chief-<id>", "CHIEF-<id>"), names);
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM audit_event WHERE action = 'user-rename'")) {
                r.next();
                assertEquals(2, r.getLong(1), "each rename is in the audit log");
            }
            SQLException twin = assertThrows(SQLException.class, () -> s.executeUpdate(
                    "INSERT INTO app_user (username, username_key, display_name, password_hash, role, created_at, updated_at)"
                            + " VALUES ('ED', 'ed', 'x', 'x', 'ADMIN', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"));
            assertEquals("23505", twin.getSQLState(), twin.getMessage());
            SQLException noKey = assertThrows(SQLException.class, () -> s.executeUpdate(
                    "INSERT INTO app_user (username, display_name, password_hash, role, created_at, updated_at)"
                            + " VALUES ('zed', 'x', 'x', 'ADMIN', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"));
            assertEquals("23502", noKey.getSQLState(), "a writer that forgets the key is refused: " + noKey.getMessage());
            SQLException wrongKey = assertThrows(SQLException.class, () -> s.executeUpdate(
                    "INSERT INTO app_user (username, username_key, display_name, password_hash, role, created_at, updated_at)"
                            + " VALUES ('Zed', 'Zed', 'x', 'x', 'ADMIN', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"));
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM app_user")) {
                r.next();
                assertEquals(4, r.getLong(1));
            }
            // A check violation: 23514 on PostgreSQL, 23513 on H2.
            assertTrue(wrongKey.getSQLState().startsWith("2351"), wrongKey.getSQLState() + " " + wrongKey.getMessage());
        }
    }

    /** V24: a site that has users has had its first-start setup; an empty one has not. */
    private static void checkSetupRow(String url, String user, String password, long expected) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM site_setup")) {
            r.next();
            assertEquals(expected, r.getLong(1));
        }
    }

    @Test
    void anEmptyH2DatabaseStillWaitsForItsSetup(@TempDir Path folder) throws SQLException {
        String url = "jdbc:h2:file:" + folder.resolve("cms").toAbsolutePath() + DatabaseSettings.H2_OPTIONS;
        migrate(url, null, null, "latest");
        checkSetupRow(url, null, null, 0);
    }

    private static void migrate(String url, String user, String password, String target) {
        Flyway.configure(UserMigrationsTest.class.getClassLoader())
                .dataSource(url, user, password)
                .locations(MigrationCommand.MIGRATIONS_LOCATION)
                .target(target)
                .load()
                .migrate();
    }
}
