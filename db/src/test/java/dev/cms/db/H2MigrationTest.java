package dev.cms.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The migration command on the embedded H2 file database, the default, fresh for every test. */
class H2MigrationTest extends EmptyDatabaseContract {

    @TempDir
    Path dataDir;

    @Override
    Map<String, String> environment() {
        return Map.of("CMS_DATA_DIR", dataDir.toString());
    }

    @Test
    void withoutUrlTheDatabaseIsTheH2FileInTheDataDirectory() {
        migrated();

        assertEquals(DatabaseSettings.h2FileUrl(dataDir.toString()).split(";")[0], displayUrl());
        assertTrue(Files.exists(dataDir.resolve("cms.mv.db")));
    }

    @Test
    void failedMigrationIsRecordedAsFailedUntilRepaired(@TempDir Path folder) throws IOException {
        String location = ShippedMigrations.writeBrokenMigration(folder);
        int broken = ShippedMigrations.brokenVersion();

        CommandRun migrate = cmsWithMigrationsFrom(location, "migrate");

        // H2 commits each DDL statement, so Flyway records the failure instead of rolling it back.
        assertEquals(1, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.err().contains("It is recorded as failed and part of it may have been applied"), migrate::toString);
        assertTrue(hasRow(cmsWithMigrationsFrom(location, "info"), broken, "broken", "SQL\\s+\\S+ \\S+\\s+Failed"));

        CommandRun validate = cmsWithMigrationsFrom(location, "validate");
        assertEquals(1, validate.exitCode(), validate::toString);
        assertTrue(validate.err().contains("migration " + broken + " (broken): Detected failed migration to version "
                + broken + " (broken)."), validate::toString);

        CommandRun migrateAgain = cmsWithMigrationsFrom(location, "migrate");
        assertEquals(1, migrateAgain.exitCode(), migrateAgain::toString);
        assertTrue(migrateAgain.err().startsWith("cms-db: migrate failed on " + displayUrl()
                + ": Detected failed migration to version " + broken), migrateAgain::toString);

        CommandRun repair = cmsWithMigrationsFrom(location, "repair");
        assertEquals(0, repair.exitCode(), repair::toString);
        assertTrue(repair.out().contains("Removed failed migration " + broken + " (broken) from the schema history"),
                repair::toString);
        assertTrue(hasRow(cmsWithMigrationsFrom(location, "info"), broken, "broken", "SQL\\s+Pending"));
    }
}
