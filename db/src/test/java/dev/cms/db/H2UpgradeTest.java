package dev.cms.db;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded database across H2 versions: this build's H2 keeps CHECK constraints working in
 * every connection (2.4.240 refused every write from a connection other than the creating one), and
 * a data directory written by the H2 of earlier installs opens, migrates and takes writes.
 */
class H2UpgradeTest {

    private static final String PREVIOUS_H2 = System.getProperty("cms.test.previous-h2");
    private static final String PREVIOUS_VERSION = System.getProperty("cms.test.previous-h2-version");
    /** The schema of the last release that shipped that H2. */
    private static final String PREVIOUS_RELEASE_SCHEMA = "20";

    @TempDir
    Path dataDir;

    @Test
    void checkConstraintHoldsInAConnectionOtherThanTheOneThatCreatedIt() throws SQLException {
        String url = DatabaseSettings.h2FileUrl(dataDir.toString());
        // As in a node: the pool keeps the database open while its connections come and go.
        try (Connection pool = DriverManager.getConnection(url, "sa", "")) {
            createThenInsertFromAnotherConnection(url);
        }
    }

    private static void createThenInsertFromAnotherConnection(String url) throws SQLException {
        try (Connection creator = DriverManager.getConnection(url, "sa", "");
             Statement create = creator.createStatement()) {
            create.execute("CREATE TABLE account (name VARCHAR(20) NOT NULL,"
                    + " role VARCHAR(10) NOT NULL CONSTRAINT ck_account_role CHECK (role IN ('ADMIN', 'EDITOR')))");
        }
        try (Connection other = DriverManager.getConnection(url, "sa", "");
             Statement insert = other.createStatement()) {
            assertEquals(1, insert.executeUpdate("INSERT INTO account VALUES ('chief', 'ADMIN')"));
            SQLException refused = assertThrows(SQLException.class,
                    () -> insert.executeUpdate("INSERT INTO account VALUES ('guest', 'NOBODY')"));
            assertTrue(refused.getMessage().contains("CK_ACCOUNT_ROLE") || refused.getMessage().contains("ck_account_role"),
                    refused::getMessage);
        }
    }

    @Test
    void dataDirectoryWrittenByThePreviousH2OpensMigratesAndTakesWrites() throws Exception {
        assertTrue(PREVIOUS_H2 != null && Files.isRegularFile(Path.of(PREVIOUS_H2)),
                "the previous H2 jar is copied to target/previous-h2 by the build: " + PREVIOUS_H2);
        String url = DatabaseSettings.h2FileUrl(dataDir.toString());

        // An install of the previous release: its schema and an admin and an article, written by its H2.
        try (URLClassLoader previous = new URLClassLoader(new URL[]{Path.of(PREVIOUS_H2).toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Driver driver = (Driver) previous.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
            try (Connection old = driver.connect(url, credentials())) {
                assertEquals(PREVIOUS_VERSION, old.getMetaData().getDatabaseProductVersion().split(" ")[0]);
                // One connection for everything: that H2 refuses CHECKed writes from any other.
                Flyway.configure(H2UpgradeTest.class.getClassLoader()).dataSource(singleConnection(old))
                        .locations(MigrationCommand.MIGRATIONS_LOCATION).target(PREVIOUS_RELEASE_SCHEMA).load().migrate();
                try (Statement write = old.createStatement()) {
                    write.executeUpdate(user("chief", "ADMIN"));
                    write.executeUpdate("INSERT INTO article (title, slug, body_markdown, body_html, status,"
                            + " published_at, created_at, updated_at) VALUES ('旧文章', 'old-article', '正文',"
                            + " '<p>正文</p>', 'PUBLISHED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                    write.execute("SHUTDOWN");
                }
            }
        }

        // This build's H2 on the same files: the node migrates at start, then takes writes from any connection.
        DataSource current = new SettingsDataSource(new DatabaseSettings(url, "sa", ""));
        SchemaMigrations.Migrated migrated = new SchemaMigrations(current).migrate();
        assertEquals(String.valueOf(ShippedMigrations.latestVersion()), migrated.version());
        try (Connection reader = current.getConnection(); Statement read = reader.createStatement();
             ResultSet rows = read.executeQuery("SELECT title FROM article WHERE slug = 'old-article'")) {
            assertTrue(rows.next(), "the article written by the previous H2 is there");
            assertEquals("旧文章", rows.getString(1));
        }
        for (int connection = 0; connection < 3; connection++) {
            try (Connection writer = current.getConnection(); Statement write = writer.createStatement()) {
                write.executeUpdate("INSERT INTO app_user (username, username_key, display_name, password_hash, role,"
                        + " created_at, updated_at) VALUES ('editor" + connection + "', 'editor" + connection
                        + "', '编辑', 'x', 'EDITOR', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                write.executeUpdate("UPDATE article SET status = 'UNPUBLISHED' WHERE slug = 'old-article'");
                write.executeUpdate("INSERT INTO write_probe (probe) VALUES ('health')");
            }
        }
        try (Connection reader = current.getConnection(); Statement read = reader.createStatement();
             ResultSet count = read.executeQuery("SELECT COUNT(*) FROM app_user")) {
            count.next();
            assertEquals(4, count.getInt(1));
        }
    }

    /** A user as the previous release's schema had them. */
    private static String user(String username, String role) {
        return "INSERT INTO app_user (username, display_name, password_hash, role, created_at, updated_at)"
                + " VALUES ('" + username + "', '" + username + "', 'x', '" + role + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)";
    }

    private static Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", "sa");
        properties.setProperty("password", "");
        return properties;
    }

    /** A data source always handing out the same open connection (closing it is left to the caller). */
    private static DataSource singleConnection(Connection connection) {
        ClassLoader loader = H2UpgradeTest.class.getClassLoader();
        Connection unclosable = (Connection) Proxy.newProxyInstance(loader, new Class<?>[]{Connection.class},
                (proxy, method, args) -> method.getName().equals("close") ? null : invoke(method, connection, args));
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[]{DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection") ? unclosable
                        : method.getReturnType() == boolean.class ? false
                        : method.getReturnType() == int.class ? 0 : null);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
