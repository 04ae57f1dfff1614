package dev.cms.db;

import dev.cms.db.SchemaMigrations.Migrated;
import dev.cms.db.SchemaMigrations.MigrationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a node sees of the schema at start and in its health check, on a fresh H2 database per test. */
class SchemaMigrationsTest {

    private final String url = "jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + DatabaseSettings.H2_OPTIONS;
    private final SettingsDataSource dataSource = new SettingsDataSource(DatabaseSettings.resolve(url, null, null, null));

    @Test
    void emptyDatabaseHasEveryShippedMigrationPending() {
        SchemaState state = new SchemaMigrations(dataSource).check();

        assertFalse(state.current());
        assertEquals("none", state.version());
        assertEquals(ShippedMigrations.shipped().stream()
                .map(m -> m.version() + " (" + m.description() + ")").toList(), state.pending());
        assertEquals("migration 1 (" + ShippedMigrations.shipped().get(0).description() + ") is pending",
                state.problems().get(0));
        assertEquals(url.split(";")[0], state.database());
    }

    @Test
    void migrateAppliesEveryMigrationOnceAndLeavesTheSchemaCurrent() {
        SchemaMigrations migrations = new SchemaMigrations(dataSource);

        Migrated first = migrations.migrate();
        Migrated second = migrations.migrate();

        int latest = ShippedMigrations.latestVersion();
        assertEquals(new Migrated(ShippedMigrations.shipped().size(), String.valueOf(latest)), first);
        assertEquals(new Migrated(0, String.valueOf(latest)), second);
        SchemaState state = migrations.check();
        assertTrue(state.current(), state::toString);
        assertEquals(String.valueOf(latest), state.version());
    }

    @Test
    void failedMigrationIsNamedWhenMigratingAndAfterwards(@TempDir Path folder) throws IOException {
        SchemaMigrations withBroken = new SchemaMigrations(dataSource, List.of(ShippedMigrations.writeBrokenMigration(folder)));
        String broken = ShippedMigrations.brokenVersion() + " (broken)";

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, withBroken::migrate);

        assertTrue(failure.getMessage().startsWith("migration " + broken + " failed on " + url.split(";")[0] + ": "),
                failure::getMessage);
        assertEquals(List.of(broken), withBroken.check().failed());
        // A node of the build before sees the newer build's failed migration too, and must not serve.
        SchemaState olderBuild = new SchemaMigrations(dataSource).check();
        assertFalse(olderBuild.current(), olderBuild::toString);
        assertTrue(olderBuild.problems().stream().anyMatch(p -> p.contains(broken) && p.contains("failed")),
                olderBuild::toString);
    }

    @Test
    void migrationsOfANewerBuildDoNotStopTheNodesOfTheOlderOne(@TempDir Path folder) throws IOException {
        int next = ShippedMigrations.latestVersion() + 1;
        Files.writeString(folder.resolve("V" + next + "__add_notes.sql"), "CREATE TABLE note (id INTEGER);\n");
        new SchemaMigrations(dataSource, List.of("filesystem:" + folder.toAbsolutePath())).migrate();

        SchemaState olderBuild = new SchemaMigrations(dataSource).check();

        assertTrue(olderBuild.current(), olderBuild::toString);
        assertEquals(String.valueOf(next), olderBuild.version());
    }

    @Test
    void sameSchemaHistoryAsTheCommandLine() {
        CommandRun migrate = CommandRun.run(Map.of("CMS_DB_URL", url), List.of(), "migrate");
        assertEquals(0, migrate.exitCode(), migrate::toString);

        assertTrue(new SchemaMigrations(dataSource).check().current());
        assertEquals(0, new SchemaMigrations(dataSource).migrate().applied());
    }
}
