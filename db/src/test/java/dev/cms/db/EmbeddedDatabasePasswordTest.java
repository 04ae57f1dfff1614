package dev.cms.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded database belongs to the site's operating system user: its data directory is 0700,
 * its files 0600, and it has a generated password kept in the data directory, which the migration
 * command line reads as the node does. A database made by an earlier build (sa with no password, a
 * world-readable directory) is given the password and tightened on its first use, and still opens.
 */
class EmbeddedDatabasePasswordTest {

    /** H2's "Wrong user name or password". */
    private static final int WRONG_PASSWORD = 28000;

    @TempDir
    Path parent;

    @Test
    void aFreshDataDirectoryIsOwnerOnlyAndItsDatabaseHasAGeneratedPassword() throws Exception {
        Path dataDir = parent.resolve("data");

        CommandRun migrate = CommandRun.run(Map.of("CMS_DATA_DIR", dataDir.toString()), List.of(), "migrate");

        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertEquals("rwx------", permissions(dataDir));
        assertEquals("rw-------", permissions(dataDir.resolve("cms.mv.db")));
        assertEquals("rw-------", permissions(dataDir.resolve(EmbeddedDatabasePassword.FILE)));
        String password = password(dataDir);
        assertTrue(password.length() >= 40, "a long random password: " + password.length() + " characters");
        SQLException refused = assertThrows(SQLException.class, () -> open(dataDir, "").close());
        assertEquals(WRONG_PASSWORD, refused.getErrorCode(), refused::getMessage);
        try (Connection connection = open(dataDir, password)) {
            assertEquals(1, count(connection, "SELECT COUNT(*) FROM content_version"));
        }
        CommandRun info = CommandRun.run(Map.of("CMS_DATA_DIR", dataDir.toString()), List.of(), "info");
        assertEquals(0, info.exitCode(), info::toString);
        assertFalse(info.out().contains(password) || info.err().contains(password), "the password is never printed");
    }

    @Test
    void aDatabaseMadeBeforePasswordsIsGivenOneAndTightenedAndStillOpens() throws Exception {
        Path dataDir = Files.createDirectories(parent.resolve("old"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        // An earlier build: sa with the empty password, files as the umask made them.
        CommandRun oldMigrate = CommandRun.run(Map.of(), List.of(), "migrate", "--url",
                DatabaseSettings.h2FileUrl(dataDir.toString()), "--user", "sa");
        assertEquals(0, oldMigrate.exitCode(), oldMigrate::toString);
        try (Connection old = open(dataDir, ""); Statement s = old.createStatement()) {
            s.execute("UPDATE content_version SET version = 41 WHERE id = 1");
        }
        Files.setPosixFilePermissions(dataDir.resolve("cms.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(dataDir.resolve("cookie-secret"), "x".repeat(64));
        Files.setPosixFilePermissions(dataDir.resolve("cookie-secret"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectories(dataDir.resolve("media"));
        Files.setPosixFilePermissions(dataDir.resolve("media"), PosixFilePermissions.fromString("rwxr-xr-x"));

        CommandRun validate = CommandRun.run(Map.of("CMS_DATA_DIR", dataDir.toString()), List.of(), "validate");

        assertEquals(0, validate.exitCode(), validate::toString);
        assertEquals("rwx------", permissions(dataDir));
        assertEquals("rw-------", permissions(dataDir.resolve("cms.mv.db")));
        assertEquals("rw-------", permissions(dataDir.resolve("cookie-secret")));
        assertEquals("rwx------", permissions(dataDir.resolve("media")));
        assertEquals("rw-------", permissions(dataDir.resolve(EmbeddedDatabasePassword.FILE)));
        assertFalse(Files.exists(dataDir.resolve(EmbeddedDatabasePassword.PENDING)));
        SQLException refused = assertThrows(SQLException.class, () -> open(dataDir, "").close());
        assertEquals(WRONG_PASSWORD, refused.getErrorCode(), "sa with the empty password is refused now");
        try (Connection connection = open(dataDir, password(dataDir))) {
            assertEquals(41, count(connection, "SELECT version FROM content_version WHERE id = 1"), "the content is kept");
        }
    }

    @Test
    void anUpgradeInterruptedAfterTheDatabaseChangedIsFinishedByTheNextStart() throws Exception {
        Path dataDir = Files.createDirectories(parent.resolve("interrupted"));
        try (Connection old = open(dataDir, ""); Statement s = old.createStatement()) {
            s.execute("CREATE TABLE kept (id INTEGER)");
            s.execute("INSERT INTO kept VALUES (7)");
            // Stopped after changing the password, before renaming the pending file.
            s.execute("ALTER USER \"SA\" SET PASSWORD 'pending-secret'");
        }
        Files.writeString(dataDir.resolve(EmbeddedDatabasePassword.PENDING), "pending-secret\n", StandardCharsets.UTF_8);

        String password = EmbeddedDatabasePassword.prepare(dataDir, "sa");

        assertEquals("pending-secret", password);
        assertEquals("pending-secret", password(dataDir));
        try (Connection connection = open(dataDir, password)) {
            assertEquals(7, count(connection, "SELECT id FROM kept"));
        }
    }

    @Test
    void anUpgradeInterruptedBeforeTheDatabaseChangedIsDoneByTheNextStart() throws Exception {
        Path dataDir = Files.createDirectories(parent.resolve("before"));
        open(dataDir, "").close();
        Files.writeString(dataDir.resolve(EmbeddedDatabasePassword.PENDING), "pending-secret\n", StandardCharsets.UTF_8);

        assertEquals("pending-secret", EmbeddedDatabasePassword.prepare(dataDir, "sa"));
        open(dataDir, "pending-secret").close();
    }

    @Test
    void anExplicitPasswordWinsAndNoFileIsMade() {
        Path dataDir = parent.resolve("explicit");

        CommandRun migrate = CommandRun.run(Map.of("CMS_DATA_DIR", dataDir.toString(), "CMS_DB_PASSWORD", "operator-secret"),
                List.of(), "migrate");

        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertFalse(Files.exists(dataDir.resolve(EmbeddedDatabasePassword.FILE)));
        assertThrows(SQLException.class, () -> open(dataDir, "").close());
    }

    private static Connection open(Path dataDir, String password) throws SQLException {
        String url = DatabaseSettings.h2FileUrl(dataDir.toString());
        return DriverManager.getConnection(url, "sa", password);
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String password(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve(EmbeddedDatabasePassword.FILE), StandardCharsets.UTF_8).strip();
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
