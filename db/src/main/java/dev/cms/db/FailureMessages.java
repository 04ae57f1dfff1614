package dev.cms.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.exception.FlywaySqlException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns what went wrong under Flyway into words a person can act on: what failed, against which
 * database, and why, without Flyway's banners, its links and the CLI flags cms-db does not have.
 */
final class FailureMessages {

    private static final int MAX_STATEMENT_LENGTH = 80;
    /** H2's "database may be already in use": another process has the file open. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    /**
     * Only a URL without AUTO_SERVER gets 90020 (the embedded default has it): some process opened
     * the file for itself alone.
     */
    static final String H2_IN_USE_HINT = "another process has the H2 file open for itself alone: stop it, or give"
            + " every process a URL with ;AUTO_SERVER=TRUE as the default URL has";

    private FailureMessages() {
    }

    static String noDriver(String database) {
        return "cannot connect to " + database + ": no JDBC driver for this URL"
                + " (cms-db has drivers for jdbc:h2: and jdbc:postgresql: URLs)";
    }

    static String cannotConnect(String database, SQLException e) {
        String reason = firstLine(e.getMessage());
        Throwable root = rootCause(e);
        if (root instanceof UnknownHostException) {
            reason += " (unknown host " + root.getMessage() + ")";
        } else if (reason.isEmpty()) {
            reason = describeException(root);
        }
        if (database.startsWith("jdbc:h2:") && e.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
            reason += " (" + H2_IN_USE_HINT + ")";
        }
        return "cannot connect to " + database + ": " + reason;
    }

    /** A migration's SQL failed: which migration, the database's error, and where in the script. */
    static String migrationFailed(String database, MigrationInfo migration, Throwable e) {
        StringBuilder message = new StringBuilder("migration ").append(name(migration))
                .append(" failed on ").append(database).append(": ");
        FlywaySqlScriptException script = find(e, FlywaySqlScriptException.class);
        SQLException sql = find(e, SQLException.class);
        message.append(sql != null ? sqlError(sql) : flywayReason(e));
        if (script != null) {
            message.append(" (").append(migration.getScript());
            if (script.getLineNumber() > 0) {
                message.append(", line ").append(script.getLineNumber());
            }
            String statement = oneLine(withoutComments(script.getStatement()));
            if (!statement.isEmpty()) {
                message.append(": ").append(abbreviate(statement));
            }
            message.append(')');
        }
        return message.toString();
    }

    /** What is wrong with one migration, for {@code validate}; {@code reason} is Flyway's. */
    static String invalidMigration(String version, String description, ErrorCode code, String reason) {
        String name = version == null || version.isEmpty()
                ? "repeatable migration (" + description + ")"
                : "migration " + version + " (" + description + ")";
        if (code == CoreErrorCode.RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED) {
            return name + " is not applied yet: run migrate";
        }
        if (code == CoreErrorCode.APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED) {
            return name + " is applied to the database but missing from this build:"
                    + " restore it, or run repair to mark it deleted";
        }
        return name + ": " + plainWords(reason);
    }

    /** Any other failure of a command that got as far as Flyway. */
    static String commandFailed(String command, String database, Throwable e) {
        return command + " failed on " + database + ": " + flywayReason(e);
    }

    static String name(MigrationInfo migration) {
        return migration.getVersion() != null
                ? migration.getVersion() + " (" + migration.getDescription() + ")"
                : "(" + migration.getDescription() + ")";
    }

    /**
     * Flyway's message in plain words: without its "Validate failed" headline, its links and its
     * advice to use CLI flags cms-db does not have, on one line.
     */
    static String plainWords(String flywayMessage) {
        List<String> kept = new ArrayList<>();
        for (String line : flywayMessage == null ? new String[0] : flywayMessage.split("\\R")) {
            String trimmed = line.strip();
            String lower = trimmed.toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty() || trimmed.matches("-+")
                    || lower.startsWith("validate failed: migrations have failed validation")
                    || lower.contains("rd.gt/") || lower.contains("learn more")
                    || lower.contains("-ignoremigrationpatterns") || lower.contains("-x option")) {
                continue;
            }
            kept.add(trimmed);
        }
        return String.join(" ", kept);
    }

    private static String flywayReason(Throwable e) {
        if (e instanceof FlywaySqlException && e.getCause() instanceof SQLException sql) {
            // Flyway's message here is a form (SQL State, Error Code, Message ...); its first line
            // says what Flyway was doing, the driver's message says why it failed.
            return firstLine(e.getMessage()) + ": " + sqlError(sql);
        }
        if (e instanceof FlywayException) {
            String words = plainWords(e.getMessage());
            return words.isEmpty() ? describeException(e) : words;
        }
        return describeException(e);
    }

    private static String sqlError(SQLException e) {
        String line = firstLine(e.getMessage());
        // H2 repeats the statement after "; SQL statement:" on the next line; it is shown apart.
        return line.endsWith("; SQL statement:") ? line.substring(0, line.length() - 16) : line;
    }

    private static String describeException(Throwable e) {
        String message = firstLine(e.getMessage());
        return message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String[] lines = text.strip().split("\\R", 2);
        return lines[0].strip();
    }

    /** The statement without its leading "--" comment lines, which Flyway counts as part of it. */
    private static String withoutComments(String statement) {
        if (statement == null) {
            return "";
        }
        return statement.lines().filter(line -> !line.strip().startsWith("--"))
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_STATEMENT_LENGTH ? text : text.substring(0, MAX_STATEMENT_LENGTH - 3) + "...";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * {@code migrate}'s failure in words: the migration and why, then what it left behind and what
     * to do about it.
     */
    static String migrationFailedWithAftermath(Flyway flyway, String database, FlywayMigrateException e) {
        MigrationInfo migration = e.getMigration();
        if (migration == null) {
            return commandFailed("migrate", database, e);
        }
        String message = migrationFailed(database, migration, e);
        // Whether the failure left anything behind depends on the database: PostgreSQL rolls the
        // migration back (transactional DDL), H2 commits each DDL statement and records the failure.
        String aftermath;
        try {
            MigrationInfoService info = flyway.info();
            MigrationState state = stateOf(info, migration);
            MigrationInfo current = info.current();
            if (state == MigrationState.FAILED) {
                aftermath = "It is recorded as failed and part of it may have been applied: undo that, fix "
                        + migration.getScript() + ", then run repair and migrate again.";
            } else {
                aftermath = "It was rolled back; the schema is still at version "
                        + (current == null || current.getVersion() == null ? "none" : current.getVersion())
                        + ". Fix " + migration.getScript() + " and run migrate again.";
            }
        } catch (RuntimeException stateUnknown) {
            aftermath = "Run info to see what state it left the schema in.";
        }
        return message + System.lineSeparator() + "  " + aftermath;
    }

    private static MigrationState stateOf(MigrationInfoService info, MigrationInfo migration) {
        for (MigrationInfo candidate : info.all()) {
            if (Objects.equals(candidate.getVersion(), migration.getVersion())
                    && Objects.equals(candidate.getScript(), migration.getScript())) {
                return candidate.getState();
            }
        }
        return null;
    }
}
