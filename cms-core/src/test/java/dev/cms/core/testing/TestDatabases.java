package dev.cms.core.testing;

import dev.cms.db.DatabaseSettings;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fresh, empty databases for tests: a private in-memory H2 (in the same PostgreSQL mode the site
 * uses) or a new database on the PostgreSQL server at CMS_TEST_PG_URL. Where PostgreSQL cannot be
 * reached the test is skipped with a message saying so, unless CMS_REQUIRE_POSTGRES=true (CI),
 * where it fails.
 */
public final class TestDatabases {

    private static final String PG_ADMIN_URL = env("CMS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String PG_USER = env("CMS_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = env("CMS_TEST_PG_PASSWORD", "");

    /** Databases this test JVM created and has not dropped yet: dropped when it ends. */
    private static final Set<PostgresDatabase> UNDROPPED = ConcurrentHashMap.newKeySet();

    /** Data directories handed out with each PostgreSQL database: deleted when it is dropped. */
    private static final Map<String, Set<Path>> DATA_DIRS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> UNDROPPED.forEach(PostgresDatabase::close),
                "drop-test-databases"));
    }

    private TestDatabases() {
    }

    /**
     * Micronaut properties for a new in-memory H2 database that lives until the JVM ends, and a
     * data directory deleted then.
     */
    public static Map<String, String> h2(String name) {
        Map<String, String> props = new HashMap<>();
        props.put("datasources.default.url", "jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1" + DatabaseSettings.H2_OPTIONS);
        props.put("datasources.default.username", "sa");
        props.put("datasources.default.password", "");
        props.put("cms.data-dir", privateDataDir(name).toString());
        return props;
    }

    /**
     * Each test site keeps its files (search index, cookie secret) in a directory of its own,
     * deleted when its PostgreSQL database is closed or, at the latest, when the test JVM ends.
     */
    private static Path privateDataDir(String name) {
        return TempDirs.create("cms-test-" + name.replaceAll("[^A-Za-z0-9_-]", "_"));
    }

    /**
     * A new empty PostgreSQL database, dropped by {@link PostgresDatabase#close()} or, at the latest,
     * when the test JVM ends (so a test class need not drop its own).
     */
    public static PostgresDatabase postgres(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase();
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, PG_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String message = "PostgreSQL not reachable at " + PG_ADMIN_URL + " (" + e.getMessage() + "): PostgreSQL tests skipped";
            if (Boolean.parseBoolean(System.getenv("CMS_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException(message.replace("tests skipped", "required by CMS_REQUIRE_POSTGRES"), e);
            }
            System.err.println("WARNING: " + message);
            Assumptions.abort(message);
        }
        String url = PG_ADMIN_URL.substring(0, PG_ADMIN_URL.lastIndexOf('/') + 1) + name;
        PostgresDatabase database = new PostgresDatabase(name, url);
        UNDROPPED.add(database);
        return database;
    }

    /** A database created for one test class. */
    public record PostgresDatabase(String name, String url) implements AutoCloseable {

        public Map<String, String> properties() {
            Map<String, String> props = new HashMap<>();
            props.put("datasources.default.url", url);
            props.put("datasources.default.username", PG_USER);
            props.put("datasources.default.password", PG_PASSWORD);
            Path dataDir = privateDataDir(name);
            DATA_DIRS.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(dataDir);
            props.put("cms.data-dir", dataDir.toString());
            // A node on PostgreSQL only checks the schema unless told to migrate; tests start on an empty one.
            props.put("cms.db-migrate", "true");
            return props;
        }

        public String user() {
            return PG_USER;
        }

        public String password() {
            return PG_PASSWORD;
        }

        @Override
        public void close() {
            UNDROPPED.remove(this);
            try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, PG_PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("WARNING: could not drop test database " + name + ": " + e.getMessage());
            }
            Set<Path> dataDirs = DATA_DIRS.remove(name);
            if (dataDirs != null) {
                dataDirs.forEach(TempDirs::delete);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
