package dev.cms.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * This build's migrations against the database of a running node: applied at start where the node
 * is configured to, otherwise only checked, at start and by the health check. The same Flyway
 * settings and locations as {@link MigrationCommand}, so both keep one schema history.
 *
 * <p>Flyway holds a lock while it migrates (an advisory lock on PostgreSQL, a table lock on H2), so
 * nodes starting together, or a node and the command line, apply each migration once.
 */
public final class SchemaMigrations {

    /** What an operator runs, with the node's CMS_DB_* settings, to apply the migrations. */
    public static final String MIGRATE_COMMAND = "java -jar db/target/cms-db.jar migrate";

    private final DataSource dataSource;
    private final Flyway flyway;

    public SchemaMigrations(DataSource dataSource) {
        this(dataSource, List.of());
    }

    /** With {@code extraLocations} searched besides the built-in migrations, as tests need. */
    SchemaMigrations(DataSource dataSource, List<String> extraLocations) {
        List<String> locations = new ArrayList<>();
        locations.add(MigrationCommand.MIGRATIONS_LOCATION);
        locations.addAll(extraLocations);
        this.dataSource = dataSource;
        this.flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .load();
    }

    /** What {@link #migrate()} did: how many migrations it applied and the version the schema is now at. */
    public record Migrated(int applied, String version) {
    }

    /** A migration failed: the message names it, the database and the error, as the command line's does. */
    public static final class MigrationFailedException extends RuntimeException {
        MigrationFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Applies the pending migrations; throws {@link MigrationFailedException} naming the one that
     * failed, or why Flyway would not start (a failed migration already in the history).
     */
    public Migrated migrate() {
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayMigrateException e) {
            MigrationInfo migration = e.getMigration();
            String database = database();
            throw new MigrationFailedException(migration == null
                    ? FailureMessages.commandFailed("migrate", database, e)
                    : FailureMessages.migrationFailed(database, migration, e), e);
        } catch (FlywayException e) {
            // Refused before running anything, e.g. a failed migration in the history.
            throw new MigrationFailedException(FailureMessages.commandFailed("migrate", database(), e), e);
        }
        String version = Objects.requireNonNullElse(result.targetSchemaVersion, result.initialSchemaVersion);
        return new Migrated(result.migrationsExecuted, version == null || version.isEmpty() ? "none" : version);
    }

    /**
     * How the database compares with this build's migrations, without changing it. Migrations of a
     * newer build already applied (a rolling deploy) are fine, as for {@code cms-db validate}.
     */
    public SchemaState check() {
        ValidateResult result = flyway.validateWithResult();
        MigrationInfoService info = flyway.info();
        MigrationInfo current = info.current();
        String version = current == null || current.getVersion() == null ? "none" : current.getVersion().toString();
        List<String> pending = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> other = new ArrayList<>();
        // Validation passes a failed migration of a newer build ("future"), but whatever it left
        // half done is no schema to serve from either.
        for (MigrationInfo migration : info.all()) {
            if (migration.getState().isFailed() && migration.getState() != MigrationState.FAILED) {
                failed.add(FailureMessages.name(migration));
            }
        }
        if (!result.validationSuccessful) {
            for (ValidateOutput invalid : nullToEmpty(result.invalidMigrations)) {
                ErrorCode code = invalid.errorDetails == null ? null : invalid.errorDetails.errorCode;
                String name = name(invalid);
                if (code == CoreErrorCode.RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED
                        || code == CoreErrorCode.RESOLVED_REPEATABLE_MIGRATION_NOT_APPLIED) {
                    pending.add(name);
                } else if (code == CoreErrorCode.FAILED_VERSIONED_MIGRATION
                        || code == CoreErrorCode.FAILED_REPEATABLE_MIGRATION) {
                    failed.add(name);
                } else {
                    other.add(FailureMessages.invalidMigration(invalid.version, invalid.description, code,
                            invalid.errorDetails == null ? "" : invalid.errorDetails.errorMessage));
                }
            }
            if (pending.isEmpty() && failed.isEmpty() && other.isEmpty()) {
                other.add(FailureMessages.plainWords(result.errorDetails == null
                        ? result.getAllErrorMessages() : result.errorDetails.errorMessage));
            }
        }
        return new SchemaState(database(), version, pending, failed, other);
    }

    /** The database's URL without options or credentials, for messages. */
    private String database() {
        try (Connection connection = dataSource.getConnection()) {
            return new DatabaseSettings(connection.getMetaData().getURL(), "", "").displayUrl();
        } catch (SQLException | RuntimeException e) {
            return "the database";
        }
    }

    private static String name(ValidateOutput migration) {
        return migration.version == null || migration.version.isEmpty()
                ? "(" + migration.description + ")"
                : migration.version + " (" + migration.description + ")";
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
