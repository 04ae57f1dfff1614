package dev.cms.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;

/**
 * The password of the embedded H2 database, generated and kept in {@code <data dir>/db-password}
 * (0600) so that the node and the command lines ({@code cms-db.jar}, {@code cms-admin.jar}
 * commands, also through the node's AUTO_SERVER port) all use it. H2 would otherwise be opened as
 * {@code sa} with an empty password, and anyone on the machine who can read the lock file's server
 * address and key could write to the database through that port.
 *
 * <p>A new database is created with the generated password. A database made by an earlier build,
 * with the empty password, gets it on its first start with this build: opened alone with the empty
 * password, {@code ALTER USER ... SET PASSWORD}. The new password goes to {@code db-password.pending}
 * before the change and is renamed to {@code db-password} after it, so an interrupted upgrade is
 * finished by the next start, never left with a password nobody knows. While another process (a
 * node of the earlier build) has the database open, it is not changed under it: this process uses
 * the empty password as before, and the next start that finds the database free upgrades it.
 *
 * <p>An explicit {@code CMS_DB_PASSWORD} wins; this class is then not used.
 */
public final class EmbeddedDatabasePassword {

    public static final String FILE = "db-password";
    static final String PENDING = FILE + ".pending";

    /** H2: wrong user name or password; database already open in another process. */
    private static final int WRONG_PASSWORD = 28000;
    private static final int IN_USE = 90020;

    private EmbeddedDatabasePassword() {
    }

    /**
     * The password to open the embedded database under {@code dataDir} with, as {@code user}: makes
     * the data directory private ({@link DataDirectory#secure}), reads or creates the password file,
     * and upgrades a database that still has the empty password. Call before opening the database.
     */
    public static String prepare(Path dataDir, String user) {
        Path dir = dataDir.toAbsolutePath().normalize();
        DataDirectory.secure(dir);
        Path file = dir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            String password = pendingPassword(dir.resolve(PENDING));
            if (Files.exists(dir.resolve("cms.mv.db")) && !upgrade(dir, user, password)) {
                return "";
            }
            try {
                Files.move(dir.resolve(PENDING), file, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException | FileAlreadyExistsException e) {
                // Another process starting at the same moment finished first: its file is the same password.
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(dir.resolve(PENDING), file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the embedded database's password file " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** The password an upgrade in progress is setting, or a new one written for it (owner-only, never replaced). */
    private static String pendingPassword(Path pending) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Path temporary = Files.createTempFile(pending.getParent(), ".db-password-", ".tmp",
                    DataDirectory.ownerOnlyFile(pending.getParent()));
            try {
                Files.writeString(temporary, generated + "\n", StandardCharsets.UTF_8);
                // A link, not a move: it fails instead of replacing a pending password another process wrote.
                Files.createLink(pending, temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (FileAlreadyExistsException e) {
            // Kept from an interrupted upgrade or written by a process starting alongside: use that one.
        } catch (UnsupportedOperationException e) {
            if (!Files.exists(pending)) {
                Files.writeString(pending, generated + "\n", StandardCharsets.UTF_8);
            }
        }
        return read(pending);
    }

    /**
     * Gives an existing database the password: opens it alone (no AUTO_SERVER) with the empty one and
     * changes it. False when another process has it open, so it was left as it is.
     */
    private static boolean upgrade(Path dir, String user, String password) {
        String url = "jdbc:h2:file:" + dir.toString().replace('\\', '/') + "/cms" + DatabaseSettings.H2_OPTIONS
                + ";IFEXISTS=TRUE";
        try (Connection connection = open(url, user, "")) {
            try (Statement statement = connection.createStatement();
                 ResultSet current = statement.executeQuery("SELECT CURRENT_USER")) {
                current.next();
                String name = current.getString(1).replace("\"", "\"\"");
                // The password is base64url: no quote to escape.
                statement.execute("ALTER USER \"" + name + "\" SET PASSWORD '" + password + "'");
            }
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == IN_USE) {
                return false;
            }
            if (e.getErrorCode() == WRONG_PASSWORD && opens(url, user, password)) {
                // Changed by an upgrade that stopped before renaming the file.
                return true;
            }
            throw new IllegalStateException("Cannot give the embedded database " + dir.resolve("cms.mv.db")
                    + " its password (from " + dir.resolve(PENDING) + "): " + e.getMessage(), e);
        }
    }

    private static boolean opens(String url, String user, String password) {
        try (Connection ignored = open(url, user, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static Connection open(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(url, properties);
    }

    private static String read(Path file) throws IOException {
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        return password;
    }
}
