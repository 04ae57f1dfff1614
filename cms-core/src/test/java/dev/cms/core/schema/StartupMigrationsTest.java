package dev.cms.core.schema;

import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.UserService;
import dev.cms.db.MigrationCommand;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.jdbc.DataSourceResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a node does with the schema at start: migrate where configured to (by default only the
 * embedded H2 database), otherwise check, and refuse to start with a message naming what is
 * pending or failed and the command to run.
 */
class StartupMigrationsTest {

    private static final String MIGRATE_COMMAND = "java -jar db/target/cms-db.jar migrate";

    @TempDir
    Path dataDir;

    @Test
    void nodeWithMigrateOffRefusesToStartOnPendingMigrationsUntilTheyAreApplied() {
        Map<String, String> node = new HashMap<>(TestDatabases.h2("pending"));
        node.put("cms.db-migrate", "false");

        String refusal = refusalOf(node);

        assertTrue(refusal.contains("is not at the schema this build needs (it is at version none), so this node does not start"),
                refusal);
        assertTrue(refusal.contains("\n  migration 1 (create articles) is pending\n"), refusal);
        assertTrue(refusal.contains("Apply the migrations with the same CMS_DB_* settings as this node: " + MIGRATE_COMMAND),
                refusal);

        assertEquals(0, migrate(node.get("datasources.default.url"), "sa", ""));
        try (ApplicationContext context = start(node)) {
            assertFalse(context.getBean(UserService.class).hasUsers());
        }
    }

    @Test
    void nodeOnPostgresChecksByDefaultAndStartsOnceMigrated() {
        try (TestDatabases.PostgresDatabase database = TestDatabases.postgres("cms_schema_test")) {
            Map<String, String> node = new HashMap<>(database.properties());
            node.remove("cms.db-migrate");

            String refusal = refusalOf(node);

            assertTrue(refusal.startsWith("The database " + database.url() + " is not at the schema"), refusal);
            assertTrue(refusal.contains("migration 1 (create articles) is pending"), refusal);
            assertEquals(0, migrate(database.url(), database.user(), database.password()));
            try (ApplicationContext context = start(node)) {
                assertFalse(context.getBean(UserService.class).hasUsers());
            }
        }
    }

    @Test
    void migrationsOnPostgresAreNotCutOffByTheNodesReadTimeout() throws Exception {
        try (TestDatabases.PostgresDatabase database = TestDatabases.postgres("cms_schema_slow")) {
            Map<String, String> node = new HashMap<>(database.properties());
            node.put("cms.db.socket-timeout", "1s");
            try (ApplicationContext context = start(node)) {
                DataSource pool = context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
                // A reader's statement is cut off so a silent database answers fast ...
                try (Connection reader = pool.getConnection(); Statement statement = reader.createStatement()) {
                    assertThrows(SQLException.class, () -> statement.execute("SELECT pg_sleep(2)"));
                }
                // ... but a migration building an index on a large table may take its time.
                try (Connection migration = StartupMigrations.withoutNetworkTimeout(pool).getConnection();
                     Statement statement = migration.createStatement()) {
                    assertTrue(statement.execute("SELECT pg_sleep(2)"));
                }
                try (Connection returned = pool.getConnection()) {
                    assertEquals(1000, returned.getNetworkTimeout(), "the pool restores the timeout");
                }
            }
        }
    }

    @Test
    void nodeDoesNotStartOnAFailedMigrationEvenWhenItMayMigrate(@TempDir Path folder) throws IOException {
        Map<String, String> node = new HashMap<>(TestDatabases.h2("failed"));
        node.put("cms.db-migrate", "true");
        Files.writeString(folder.resolve("V999__broken.sql"), "CREATE TABLE half_done (id INTEGER);\nNOT SQL;\n");
        // A newer build's migrate failed half way: H2 records the failure.
        assertEquals(1, migrate(node.get("datasources.default.url"), "sa", "", "filesystem:" + folder));

        String refusal = refusalOf(node);

        assertTrue(refusal.contains("\n  migration 999 (broken) failed\n"), refusal);
        assertTrue(refusal.contains("java -jar db/target/cms-db.jar info"), refusal);
        assertTrue(refusal.contains("java -jar db/target/cms-db.jar repair, then " + MIGRATE_COMMAND), refusal);
        node.put("cms.db-migrate", "false");
        assertEquals(refusal, refusalOf(node));
    }

    @Test
    void migrateSettingDefaultsToTheEmbeddedDatabaseOnly() {
        assertTrue(new StartupMigrations("", null).migrateAtStart("jdbc:h2:file:/srv/cms/data/cms"));
        assertFalse(new StartupMigrations("", null).migrateAtStart("jdbc:postgresql://db/cms"));
        assertTrue(new StartupMigrations("TRUE", null).migrateAtStart("jdbc:postgresql://db/cms"));
        assertFalse(new StartupMigrations("false", null).migrateAtStart("jdbc:h2:mem:x"));
        IllegalStateException bad = assertThrows(IllegalStateException.class,
                () -> new StartupMigrations("yes", null).migrateAtStart("jdbc:h2:mem:x"));
        assertTrue(bad.getMessage().contains("CMS_DB_MIGRATE"), bad::getMessage);
    }

    private ApplicationContext start(Map<String, String> properties) {
        Map<String, Object> node = new HashMap<>(properties);
        node.put("cms.data-dir", dataDir.toString());
        return ApplicationContext.builder(Environment.TEST).properties(node).start();
    }

    /** The message a node gives when it refuses to start on these settings. */
    private String refusalOf(Map<String, String> properties) {
        try (ApplicationContext ignored = start(properties)) {
            return fail("the node started");
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SchemaNotCurrentException refusal) {
                    return refusal.getMessage().replace(System.lineSeparator(), "\n");
                }
            }
            throw e;
        }
    }

    /** The migration command line's {@code migrate}; its exit status. */
    private static int migrate(String url, String user, String password, String... extraLocations) {
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output, true);
        int status = new MigrationCommand(Map.of(), List.of(extraLocations), writer, writer)
                .execute("migrate", "--url", url, "--user", user, "--password", password);
        System.out.print(output);
        return status;
    }
}
