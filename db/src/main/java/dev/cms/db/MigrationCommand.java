package dev.cms.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.BaselineResult;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.RepairOutput;
import org.flywaydb.core.api.output.RepairResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migration command line ({@code java -jar cms-db.jar}): applies, lists, validates and repairs
 * the Flyway migrations of the one schema, on the embedded H2 database or on PostgreSQL.
 *
 * <p>Results go to stdout; a failure is one message on stderr that names the database, and exit
 * status 1 (2 for a bad command line). {@link #execute} runs it without a process, for tests.
 */
@Command(name = "cms-db", sortOptions = false,
        description = "Applies and inspects the database migrations of the cms schema (Flyway), "
                + "on the embedded H2 database or on PostgreSQL.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nEnvironment (options take precedence):%n",
        footer = {
            "  CMS_DB_URL       JDBC URL; empty means the H2 database <CMS_DATA_DIR>/cms",
            "  CMS_DB_USER      database user (default: sa for H2, else empty)",
            "  CMS_DB_PASSWORD  database password",
            "  CMS_DATA_DIR     data directory of the embedded H2 database (default: ./data)",
            "",
            "Exit status: 0 done, 1 failed, 2 bad command line.",
            "Run 'cms-db COMMAND --help' for the options of a command."})
public final class MigrationCommand {

    /** Where the migrations are: the jar's own copy of db/src/main/resources/db/migration. */
    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^;&\\s]*");

    @Option(names = "--url", paramLabel = "<jdbc-url>", scope = ScopeType.INHERIT,
            description = "JDBC URL of the database (default: CMS_DB_URL, else the embedded H2 database).")
    private String url;

    @Option(names = "--user", paramLabel = "<user>", scope = ScopeType.INHERIT,
            description = "Database user (default: CMS_DB_USER, else sa for H2).")
    private String user;

    @Option(names = "--password", paramLabel = "<password>", scope = ScopeType.INHERIT,
            description = "Database password (default: CMS_DB_PASSWORD).")
    private String password;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Also show Flyway's own log and the stack trace of a failure.")
    private boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help and exit.")
    private boolean help;

    private final Map<String, String> env;
    private final List<String> extraLocations;
    private final PrintWriter out;
    private final PrintWriter err;
    private final MigrationOutput output;

    /**
     * @param env            the environment to read {@code CMS_DB_*} and {@code CMS_DATA_DIR} from
     * @param extraLocations Flyway locations searched besides the built-in migrations (tests use
     *                       this to add a migration of their own)
     */
    public MigrationCommand(Map<String, String> env, List<String> extraLocations, PrintWriter out,
                            PrintWriter err) {
        this.env = Map.copyOf(env);
        this.extraLocations = List.copyOf(extraLocations);
        this.out = out;
        this.err = err;
        this.output = new MigrationOutput(out, err);
    }

    public static void main(String[] args) {
        DatabaseSettings.keepEmbeddedServerLocal();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(new MigrationCommand(System.getenv(), List.of(), out, err).execute(args));
    }

    /** Runs the command line {@code args} and returns its exit status. */
    public int execute(String... args) {
        CommandLine commandLine = new CommandLine(this)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(this::unexpectedFailure);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Command(name = "migrate", sortOptions = false, description = "Apply the pending migrations.")
    int migrate() {
        return withFlyway("migrate", UnaryOperator.identity(), (flyway, database) -> {
            MigrateResult result;
            try {
                result = flyway.migrate();
            } catch (FlywayMigrateException e) {
                output.printApplied(e.getErrorResult());
                throw migrationFailure(flyway, database, e);
            }
            output.printApplied(result);
            String version = Objects.requireNonNullElse(result.targetSchemaVersion, result.initialSchemaVersion);
            String at = version == null || version.isEmpty()
                    ? "no version (there are no migrations)" : "version " + version;
            if (result.migrationsExecuted == 0) {
                out.println("Database " + database + ": already up to date at " + at);
            } else {
                out.println("Database " + database + ": schema now at " + at
                        + " (" + MigrationOutput.count(result.migrationsExecuted, "migration") + " applied)");
            }
            output.printWarnings(result.warnings);
            return 0;
        });
    }

    @Command(name = "info", sortOptions = false,
            description = "List every migration with its state, and the current version.")
    int info() {
        return withFlyway("info", UnaryOperator.identity(), (flyway, database) -> {
            MigrationInfoService service = flyway.info();
            MigrationInfo[] all = service.all();
            out.println("Database " + database);
            if (all.length == 0) {
                out.println("No migrations found in " + String.join(", ", locations()));
            } else {
                output.printTable(all);
            }
            MigrationInfo current = service.current();
            int pending = service.pending().length;
            out.println("Current version: " + (current == null || current.getVersion() == null
                    ? "none" : current.getVersion().toString())
                    + (pending == 0 ? "" : " (" + MigrationOutput.count(pending, "migration") + " pending)"));
            return 0;
        });
    }

    @Command(name = "validate", sortOptions = false,
            description = "Check that the applied migrations match this build's and none is pending or failed.")
    int validate() {
        return withFlyway("validate", UnaryOperator.identity(), (flyway, database) -> {
            ValidateResult result = flyway.validateWithResult();
            if (result.validationSuccessful) {
                MigrationInfo current = flyway.info().current();
                out.println("Schema valid: " + database + " is at version "
                        + (current == null || current.getVersion() == null ? "none" : current.getVersion())
                        + " and matches the " + MigrationOutput.count(result.validateCount, "migration") + " of this build");
                output.printWarnings(result.warnings);
                return 0;
            }
            err.println("cms-db: schema of " + database + " is not valid:");
            if (result.invalidMigrations == null || result.invalidMigrations.isEmpty()) {
                err.println("  " + FailureMessages.plainWords(result.errorDetails == null
                        ? result.getAllErrorMessages() : result.errorDetails.errorMessage));
            } else {
                for (ValidateOutput invalid : result.invalidMigrations) {
                    err.println("  " + FailureMessages.invalidMigration(invalid.version, invalid.description,
                            invalid.errorDetails == null ? null : invalid.errorDetails.errorCode,
                            invalid.errorDetails == null ? "" : invalid.errorDetails.errorMessage));
                }
            }
            return 1;
        });
    }

    @Command(name = "repair", sortOptions = false,
            description = "Fix the schema history: remove failed migrations, mark missing ones deleted, "
                    + "realign checksums and descriptions with this build.")
    int repair() {
        return withFlyway("repair", UnaryOperator.identity(), (flyway, database) -> {
            RepairResult result = flyway.repair();
            List<String> done = new ArrayList<>();
            for (RepairOutput removed : nullToEmpty(result.migrationsRemoved)) {
                done.add("Removed failed migration " + MigrationOutput.name(removed) + " from the schema history");
            }
            for (RepairOutput deleted : nullToEmpty(result.migrationsDeleted)) {
                done.add("Marked missing migration " + MigrationOutput.name(deleted) + " as deleted");
            }
            for (RepairOutput aligned : nullToEmpty(result.migrationsAligned)) {
                done.add("Realigned migration " + MigrationOutput.name(aligned) + " with this build (checksum, description, type)");
            }
            done.forEach(out::println);
            out.println(done.isEmpty()
                    ? "Nothing to repair: the schema history of " + database + " matches the migrations"
                    : "Repaired the schema history of " + database);
            output.printWarnings(result.warnings);
            return 0;
        });
    }

    @Command(name = "baseline", sortOptions = false,
            description = "Adopt an existing schema: record it as being at the baseline version, "
                    + "so migrate applies only the migrations after it.")
    int baseline(@Option(names = "--baseline-version", paramLabel = "<version>", defaultValue = "1",
            converter = VersionConverter.class,
            description = "Version the existing schema is at (default: ${DEFAULT-VALUE}).") MigrationVersion version) {
        return withFlyway("baseline", configuration -> configuration.baselineVersion(version), (flyway, database) -> {
            // Flyway refuses a history with migrations in it, and reports success without a change
            // when the history holds just this baseline: anything applied before means the latter.
            boolean historyExisted = flyway.info().applied().length > 0;
            BaselineResult result = flyway.baseline();
            if (result.successfullyBaselined && historyExisted) {
                out.println("Database " + database + ": already baselined at version " + result.baselineVersion
                        + "; nothing changed");
            } else if (result.successfullyBaselined) {
                out.println("Database " + database + ": baselined at version " + result.baselineVersion
                        + "; migrations up to it count as applied, migrate applies the ones after it");
            } else {
                out.println("Database " + database + ": not baselined (Flyway made no change)");
            }
            output.printWarnings(result.warnings);
            return 0;
        });
    }

    /** One Flyway command against the database, given Flyway and the database's display URL. */
    private interface FlywayAction {
        int run(Flyway flyway, String database);
    }

    /** A failure already put into words. */
    private static final class CommandFailure extends RuntimeException {
        CommandFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private int withFlyway(String command, UnaryOperator<FluentConfiguration> configure, FlywayAction action) {
        DatabaseSettings given = DatabaseSettings.fromEnvironment(env, url, user, password);
        Path embeddedDataDir = embeddedDataDir();
        DatabaseSettings settings;
        try {
            // The node's own password for its embedded database, from the data directory.
            settings = embeddedDataDir == null ? given
                    : given.with(null, null, EmbeddedDatabasePassword.prepare(embeddedDataDir, given.user()));
        } catch (RuntimeException e) {
            return fail("cannot connect to " + given.displayUrl() + ": " + e.getMessage(), e, UnaryOperator.identity());
        }
        String database = settings.displayUrl();
        SettingsDataSource dataSource = new SettingsDataSource(settings);
        UnaryOperator<String> redact = text -> redact(text, settings);
        if (verbose) {
            FlywayLog.showOn(err, redact);
        } else {
            FlywayLog.silence();
        }
        try {
            if (!hasDriver(settings.url())) {
                return fail(FailureMessages.noDriver(database), null, redact);
            }
            Flyway flyway = configure.apply(Flyway.configure(MigrationCommand.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(locations().toArray(String[]::new))
                    .loggers(FlywayLog.class.getName())).load();
            return action.run(flyway, database);
        } catch (CommandFailure e) {
            return fail(e.getMessage(), e.getCause(), redact);
        } catch (RuntimeException e) {
            SQLException connectFailure = dataSource.connectFailure();
            String message = connectFailure != null && causedBy(e, connectFailure)
                    ? FailureMessages.cannotConnect(database, connectFailure)
                    : FailureMessages.commandFailed(command, database, e);
            return fail(message, e, redact);
        } finally {
            FlywayLog.silence();
            if (embeddedDataDir != null) {
                // A database this command created: its file is the site's alone, like the node's.
                DataDirectory.secure(embeddedDataDir);
            }
        }
    }

    /**
     * The data directory when this command opens the embedded database with the password kept there:
     * no URL and no password given (option or environment); null otherwise.
     */
    private Path embeddedDataDir() {
        if (!isBlank(url) || !isBlank(env.get("CMS_DB_URL")) || !isBlank(password) || !isBlank(env.get("CMS_DB_PASSWORD"))) {
            return null;
        }
        String dataDir = env.get("CMS_DATA_DIR");
        return Path.of(isBlank(dataDir) ? DatabaseSettings.DEFAULT_DATA_DIR : dataDir);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private CommandFailure migrationFailure(Flyway flyway, String database, FlywayMigrateException e) {
        return new CommandFailure(FailureMessages.migrationFailedWithAftermath(flyway, database, e), e);
    }

    private int fail(String message, Throwable cause, UnaryOperator<String> redact) {
        err.println("cms-db: " + redact.apply(message));
        if (verbose && cause != null) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            err.print(redact.apply(trace.toString()));
        }
        return 1;
    }

    /** Last resort for a failure outside any database work: still one line, still exit status 1. */
    private int unexpectedFailure(Exception e, CommandLine commandLine, ParseResult parseResult) {
        String command = commandLine.getCommandName();
        UnaryOperator<String> redact = text -> redact(text, DatabaseSettings.fromEnvironment(env, url, user, password));
        return fail(command + " failed: " + e, e, redact);
    }

    private List<String> locations() {
        List<String> locations = new ArrayList<>();
        locations.add(MIGRATIONS_LOCATION);
        locations.addAll(extraLocations);
        return locations;
    }

    /** The text without the full URL (it may carry options and a password) or any password=... */
    private static String redact(String text, DatabaseSettings settings) {
        if (text == null) {
            return "";
        }
        String redacted = settings.url().equals(settings.displayUrl())
                ? text : text.replace(settings.url(), settings.displayUrl());
        return PASSWORD_PARAMETER.matcher(redacted).replaceAll(Matcher.quoteReplacement("password=***"));
    }

    private static boolean hasDriver(String url) {
        try {
            DriverManager.getDriver(url);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean causedBy(Throwable e, Throwable cause) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t == cause) {
                return true;
            }
        }
        return false;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Rejects a malformed {@code --baseline-version} as a usage error, before connecting. */
    static final class VersionConverter implements ITypeConverter<MigrationVersion> {
        @Override
        public MigrationVersion convert(String value) {
            try {
                return MigrationVersion.fromVersion(value);
            } catch (FlywayException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not a version (digits separated by dots, e.g. 1 or 2.1)");
            }
        }
    }
}
