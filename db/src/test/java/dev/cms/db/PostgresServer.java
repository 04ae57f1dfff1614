package dev.cms.db;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The PostgreSQL server the tests use ({@code CMS_TEST_PG_URL}, {@code CMS_TEST_PG_USER},
 * {@code CMS_TEST_PG_PASSWORD}; by default 127.0.0.1:5432 as postgres) and empty databases on it.
 *
 * <p>When no server answers, the tests are skipped and the build log says so; with
 * {@code CMS_REQUIRE_POSTGRES=true} (as CI sets) they fail instead.
 */
final class PostgresServer {

    static final String ADMIN_URL = setting("CMS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = setting("CMS_TEST_PG_USER", "postgres");
    static final String PASSWORD = setting("CMS_TEST_PG_PASSWORD", "");

    private static final int CONNECT_TIMEOUT_SECONDS = 3;

    /** Why the server could not be reached; null when it could, unset until first asked. */
    private static String unreachable;
    private static boolean checked;
    private static boolean skipReported;

    private PostgresServer() {
    }

    /** Skips (or, when PostgreSQL is required, fails) the calling tests if no server answers. */
    static synchronized void assumeReachable() {
        if (!checked) {
            checked = true;
            try (Connection ignored = admin()) {
                unreachable = null;
            } catch (SQLException e) {
                unreachable = "PostgreSQL not reachable at " + ADMIN_URL + " as " + USER + " (" + e.getMessage() + ")";
            }
        }
        if (unreachable == null) {
            return;
        }
        if (Boolean.parseBoolean(System.getenv("CMS_REQUIRE_POSTGRES"))) {
            fail(unreachable + ": CMS_REQUIRE_POSTGRES=true, so the PostgreSQL tests must run");
        }
        String message = unreachable + ": PostgreSQL tests skipped";
        if (!skipReported) {
            skipReported = true;
            System.err.println(message);
        }
        Assumptions.abort(message);
    }

    /** Creates an empty database and returns its name. */
    static String createDatabase() throws SQLException {
        String name = "cms_db_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** Drops a database made by {@link #createDatabase}, ending any session still on it. */
    static void dropDatabase(String name) throws SQLException {
        try (Connection connection = admin()) {
            // DROP ... WITH (FORCE) needs PostgreSQL 13; ending the sessions first works on any.
            try (PreparedStatement terminate = connection.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                terminate.setString(1, name);
                terminate.executeQuery().close();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    /** The JDBC URL of a database on the test server: the admin URL with another database name. */
    static String urlOf(String database) {
        int query = ADMIN_URL.indexOf('?');
        String base = query < 0 ? ADMIN_URL : ADMIN_URL.substring(0, query);
        String parameters = query < 0 ? "" : ADMIN_URL.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
    }

    /** The environment the migration command reads, pointing at {@code database}. */
    static Map<String, String> environmentFor(String database) {
        Map<String, String> env = new HashMap<>();
        env.put("CMS_DB_URL", urlOf(database));
        env.put("CMS_DB_USER", USER);
        env.put("CMS_DB_PASSWORD", PASSWORD);
        return env;
    }

    static boolean tableExists(String database, String table) throws SQLException {
        try (Connection connection = connect(urlOf(database));
             PreparedStatement query = connection.prepareStatement(
                     "SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ?")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Connection admin() throws SQLException {
        return connect(ADMIN_URL);
    }

    private static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        if (!PASSWORD.isEmpty()) {
            properties.setProperty("password", PASSWORD);
        }
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        return DriverManager.getConnection(url, properties);
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
