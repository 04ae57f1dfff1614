package dev.cms.db;

import dev.cms.db.ShippedMigrations.Migration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the migration command does to an empty database, on every database cms runs on; each
 * subclass gives every test a fresh empty database of its kind.
 */
abstract class EmptyDatabaseContract {

    /** The environment that points the command at this test's empty database. */
    abstract Map<String, String> environment();

    final String displayUrl() {
        return DatabaseSettings.fromEnvironment(environment()).displayUrl();
    }

    final CommandRun cms(String... args) {
        return CommandRun.run(environment(), List.of(), args);
    }

    final CommandRun cmsWithMigrationsFrom(String extraLocation, String... args) {
        return CommandRun.run(environment(), List.of(extraLocation), args);
    }

    final CommandRun migrated() {
        CommandRun migrate = cms("migrate");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        return migrate;
    }

    @Test
    void migrateAppliesEveryMigrationAndNamesEachOne() {
        CommandRun migrate = migrated();

        List<Migration> shipped = ShippedMigrations.shipped();
        for (Migration migration : shipped) {
            assertTrue(migrate.out().contains("Applied migration " + migration.version() + ": " + migration.description()),
                    migrate::toString);
        }
        assertTrue(migrate.out().contains("Database " + displayUrl() + ": schema now at version "
                + ShippedMigrations.latestVersion() + " (" + shipped.size() + " migrations applied)"), migrate::toString);
        assertEquals("", migrate.err(), "Flyway's own log must not reach the console");
    }

    @Test
    void infoAfterMigrateShowsEveryMigrationAsSuccessful() {
        migrated();

        CommandRun info = cms("info");

        assertEquals(0, info.exitCode(), info::toString);
        for (Migration migration : ShippedMigrations.shipped()) {
            assertTrue(hasRow(info, migration.version(), migration.description(),
                    "SQL\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\s+Success"), info::toString);
        }
        assertTrue(info.out().contains("Current version: " + ShippedMigrations.latestVersion() + "\n"), info::toString);
        assertEquals("", info.err());
    }

    @Test
    void validateAfterMigratePasses() {
        migrated();

        CommandRun validate = cms("validate");

        assertEquals(0, validate.exitCode(), validate::toString);
        assertTrue(validate.out().startsWith("Schema valid: " + displayUrl() + " is at version "
                + ShippedMigrations.latestVersion()), validate::toString);
    }

    @Test
    void secondMigrateSaysTheSchemaIsAlreadyUpToDate() {
        migrated();

        CommandRun again = cms("migrate");

        assertEquals(0, again.exitCode(), again::toString);
        assertEquals("Database " + displayUrl() + ": already up to date at version "
                + ShippedMigrations.latestVersion() + "\n", again.out());
    }

    @Test
    void infoOnAnEmptyDatabaseShowsEveryMigrationAsPending() {
        CommandRun info = cms("info");

        assertEquals(0, info.exitCode(), info::toString);
        for (Migration migration : ShippedMigrations.shipped()) {
            assertTrue(hasRow(info, migration.version(), migration.description(), "SQL\\s+Pending"), info::toString);
        }
        assertTrue(info.out().contains("Current version: none (" + ShippedMigrations.shipped().size()
                + " migrations pending)"), info::toString);
    }

    @Test
    void validateOnAnEmptyDatabaseFailsNamingThePendingMigrations() {
        CommandRun validate = cms("validate");

        assertEquals(1, validate.exitCode(), validate::toString);
        assertTrue(validate.err().startsWith("cms-db: schema of " + displayUrl() + " is not valid:"), validate::toString);
        Migration first = ShippedMigrations.shipped().get(0);
        assertTrue(validate.err().contains("migration " + first.version() + " (" + first.description()
                + ") is not applied yet: run migrate"), validate::toString);
    }

    @Test
    void failedMigrationExitsNonZeroNamingTheMigrationAndTheDatabase(@TempDir Path folder) throws IOException {
        String location = ShippedMigrations.writeBrokenMigration(folder);

        CommandRun migrate = cmsWithMigrationsFrom(location, "migrate");

        assertEquals(1, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.err().startsWith("cms-db: migration " + ShippedMigrations.brokenVersion()
                + " (broken) failed on " + displayUrl() + ": "), migrate::toString);
        assertTrue(migrate.err().contains("(" + ShippedMigrations.brokenScript() + ", line "), migrate::toString);
        assertFalse(migrate.err().contains("\tat "), "no stack trace without --verbose");
        // The migrations before it were applied, and the output says so.
        assertTrue(migrate.out().contains("Applied migration " + ShippedMigrations.latestVersion() + ": "), migrate::toString);
    }

    @Test
    void baselineRecordsTheVersionSoMigrateSkipsTheMigrationsUpToIt() {
        int latest = ShippedMigrations.latestVersion();

        CommandRun baseline = cms("baseline", "--baseline-version", String.valueOf(latest));

        assertEquals(0, baseline.exitCode(), baseline::toString);
        assertEquals("Database " + displayUrl() + ": baselined at version " + latest
                + "; migrations up to it count as applied, migrate applies the ones after it\n", baseline.out());
        CommandRun migrate = cms("migrate");
        assertTrue(migrate.out().contains("already up to date at version " + latest), migrate::toString);
        CommandRun again = cms("baseline", "--baseline-version", String.valueOf(latest));
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("already baselined at version " + latest + "; nothing changed"), again::toString);
    }

    @Test
    void baselineIsRefusedOnceMigrationsAreApplied() {
        migrated();

        CommandRun baseline = cms("baseline");

        assertEquals(1, baseline.exitCode(), baseline::toString);
        assertTrue(baseline.err().startsWith("cms-db: baseline failed on " + displayUrl() + ": "), baseline::toString);
        assertTrue(baseline.err().contains("already contains migrations"), baseline::toString);
    }

    @Test
    void repairOfAHealthyHistoryChangesNothing() {
        migrated();

        CommandRun repair = cms("repair");

        assertEquals(0, repair.exitCode(), repair::toString);
        assertEquals("Nothing to repair: the schema history of " + displayUrl() + " matches the migrations\n",
                repair.out());
    }

    /** Whether {@code info} printed the row of a migration, its remaining columns matching {@code rest}. */
    static boolean hasRow(CommandRun info, int version, String description, String rest) {
        return Pattern.compile("(?m)^" + version + "\\s+" + Pattern.quote(description) + "\\s+" + rest + "$")
                .matcher(info.out()).find();
    }
}
