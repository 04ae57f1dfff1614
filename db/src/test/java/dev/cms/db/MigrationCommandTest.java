package dev.cms.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line itself: help, usage errors, where it connects, and how it reports failures. */
class MigrationCommandTest {

    private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/nothing";

    private static CommandRun cms(String... args) {
        return CommandRun.run(Map.of(), List.of(), args);
    }

    private static String h2Url(Path dir) {
        return DatabaseSettings.h2FileUrl(dir.toString());
    }

    @Test
    void helpListsEveryCommandAndTheConnectionSettings() {
        CommandRun help = cms("--help");

        assertEquals(0, help.exitCode(), help::toString);
        for (String expected : List.of("migrate", "info", "validate", "repair", "baseline",
                "--url", "--user", "--password", "--verbose", "CMS_DB_URL", "CMS_DATA_DIR")) {
            assertTrue(help.out().contains(expected), () -> "help lacks " + expected + "\n" + help);
        }
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        for (String command : List.of("migrate", "info", "validate", "repair", "baseline")) {
            CommandRun help = cms(command, "--help");

            assertEquals(0, help.exitCode(), help::toString);
            assertTrue(help.out().startsWith("Usage: cms-db " + command), help::toString);
            assertTrue(help.out().contains("--url"), help::toString);
        }
        assertTrue(cms("baseline", "--help").out().contains("--baseline-version"));
    }

    @Test
    void missingCommandIsAUsageError() {
        CommandRun run = cms();

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Missing required subcommand"), run::toString);
        assertTrue(run.err().contains("Usage: cms-db"), run::toString);
    }

    @Test
    void unknownCommandIsAUsageError() {
        CommandRun run = cms("frobnicate");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("'frobnicate'"), run::toString);
    }

    @Test
    void malformedBaselineVersionIsAUsageErrorBeforeConnecting() {
        CommandRun run = cms("baseline", "--baseline-version", "one", "--url", UNREACHABLE);

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("Invalid value for option '--baseline-version': 'one' is not a version"),
                run::toString);
    }

    @Test
    void urlWithoutDriverIsReportedNamingTheUrl() {
        CommandRun run = cms("migrate", "--url", "jdbc:nope:x");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("cms-db: cannot connect to jdbc:nope:x: no JDBC driver for this URL"
                + " (cms-db has drivers for jdbc:h2: and jdbc:postgresql: URLs)\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void unreachableServerIsReportedInOneLineNamingTheDatabase() {
        CommandRun run = cms("info", "--url", UNREACHABLE, "--user", "cms");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("cms-db: cannot connect to " + UNREACHABLE + ": "), run::toString);
        assertTrue(run.err().contains("refused"), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void verboseAddsTheStackTraceOfAFailure() {
        CommandRun run = cms("info", "--url", UNREACHABLE, "--verbose");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("cms-db: cannot connect to " + UNREACHABLE + ": "), run::toString);
        assertTrue(run.err().contains("\tat "), run::toString);
    }

    @Test
    void passwordsAreNeverPrinted() {
        CommandRun run = cms("info", "--url", UNREACHABLE + "?password=in-the-url", "--password", "on-the-line",
                "--verbose");

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("cms-db: cannot connect to " + UNREACHABLE + ": "), run::toString);
        assertFalse(run.err().contains("in-the-url"), run::toString);
        assertFalse(run.err().contains("on-the-line"), run::toString);
    }

    @Test
    void optionsOverrideTheEnvironment(@TempDir Path dir) {
        CommandRun run = CommandRun.run(Map.of("CMS_DB_URL", "jdbc:nope:x", "CMS_DB_USER", "nobody"), List.of(),
                "migrate", "--url", h2Url(dir), "--user", "sa");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Database jdbc:h2:file:"), run::toString);
    }

    @Test
    void connectionOptionsMayComeBeforeTheCommand(@TempDir Path dir) {
        CommandRun run = cms("--url", h2Url(dir), "info");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Database " + h2Url(dir).split(";")[0] + "\n"), run::toString);
    }

    @Test
    void verboseShowsFlywaysOwnLogOnStderr(@TempDir Path dir) {
        CommandRun run = cms("migrate", "--url", h2Url(dir), "--verbose");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("flyway: Migrating schema"), run::toString);
        assertTrue(run.out().contains("schema now at version"), run::toString);
    }
}
