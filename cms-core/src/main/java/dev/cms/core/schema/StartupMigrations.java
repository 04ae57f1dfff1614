package dev.cms.core.schema;

import dev.cms.core.site.StatementTimeouts;
import dev.cms.db.DatabaseSettings;
import dev.cms.db.SchemaMigrations;
import dev.cms.db.SchemaMigrations.Migrated;
import dev.cms.db.SchemaMigrations.MigrationFailedException;
import dev.cms.db.SchemaState;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Brings the database to this build's schema, or makes sure it is there, as soon as the data source
 * exists: before any bean can query it and before the HTTP server binds. With {@code cms.db-migrate}
 * ({@code CMS_DB_MIGRATE}) true the node applies pending migrations; false, it only checks and
 * refuses to start, naming what is pending or failed and the command to run. Unset, it migrates
 * the embedded H2 database (one machine, nothing else to run) and only checks anything else, where
 * migrations are run once from the command line before a deploy.
 */
@Singleton
public class StartupMigrations implements BeanCreatedEventListener<DataSource> {

    private static final Logger LOG = LoggerFactory.getLogger(StartupMigrations.class);

    private final String migrateSetting;
    private final DataSourceResolver resolver;

    public StartupMigrations(@Value("${cms.db-migrate:}") String migrateSetting, @Nullable DataSourceResolver resolver) {
        this.migrateSetting = migrateSetting == null ? "" : migrateSetting.strip();
        this.resolver = resolver == null ? DataSourceResolver.DEFAULT : resolver;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource dataSource = resolver.resolve(event.getBean());
        String url = urlOf(dataSource);
        String database = new DatabaseSettings(url, "", "").displayUrl();
        // A migration may rightly run for minutes: no statement timeout, and on PostgreSQL no read timeout.
        DataSource untimed = StatementTimeouts.lifted(dataSource);
        SchemaMigrations migrations = new SchemaMigrations(url.startsWith("jdbc:postgresql:")
                ? withoutNetworkTimeout(untimed) : untimed);
        if (migrateAtStart(url)) {
            migrate(migrations, database);
        } else {
            SchemaState state = check(migrations, database);
            LOG.info("Database {}: schema at version {}, as this build needs (migrations are applied by {})",
                    database, state.version(), SchemaMigrations.MIGRATE_COMMAND);
        }
        return event.getBean();
    }

    /**
     * The pool with no read timeout on the connections it lends to migrations: a node's statements
     * are cut off after {@code CMS_DB_SOCKET_TIMEOUT} (a few seconds, so a silent database gives
     * readers a fast 503), but a migration that builds an index on a large table may rightly take
     * minutes. The pool restores each connection's timeout when it is returned.
     */
    static DataSource withoutNetworkTimeout(DataSource pool) {
        return (DataSource) Proxy.newProxyInstance(StartupMigrations.class.getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(pool, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof Connection connection) {
                        connection.setNetworkTimeout(Runnable::run, 0);
                    }
                    return result;
                });
    }

    /** Whether to apply migrations at start: as configured, else only on the embedded H2 database. */
    boolean migrateAtStart(String url) {
        if (migrateSetting.isEmpty()) {
            return url.startsWith("jdbc:h2:");
        }
        return switch (migrateSetting.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalStateException("CMS_DB_MIGRATE (cms.db-migrate) must be true, false or empty"
                    + " (migrate the embedded H2 database only), not '" + migrateSetting + "'");
        };
    }

    private static void migrate(SchemaMigrations migrations, String database) {
        Migrated migrated;
        try {
            migrated = migrations.migrate();
        } catch (MigrationFailedException e) {
            throw new SchemaNotCurrentException(e.getMessage() + System.lineSeparator()
                    + "This node does not start on a failed migration. See its state with the same CMS_DB_* settings:"
                    + " java -jar db/target/cms-db.jar info", e);
        }
        // Flyway migrates past a failed migration of a newer build; this node must not serve on it.
        check(migrations, database);
        if (migrated.applied() == 0) {
            LOG.info("Database {}: schema up to date at version {}", database, migrated.version());
        } else {
            LOG.info("Database {}: schema now at version {} ({} migration{} applied)", database, migrated.version(),
                    migrated.applied(), migrated.applied() == 1 ? "" : "s");
        }
    }

    private static SchemaState check(SchemaMigrations migrations, String database) {
        SchemaState state;
        try {
            state = migrations.check();
        } catch (RuntimeException e) {
            throw new SchemaNotCurrentException("Cannot check the schema of " + database + ": " + e.getMessage(), e);
        }
        if (!state.current()) {
            throw new SchemaNotCurrentException(refusal(state));
        }
        return state;
    }

    /** What is wrong, one migration a line, and what to run about it. */
    static String refusal(SchemaState state) {
        String nl = System.lineSeparator();
        StringBuilder message = new StringBuilder("The database ").append(state.database())
                .append(" is not at the schema this build needs (it is at version ").append(state.version())
                .append("), so this node does not start:");
        state.problems().forEach(problem -> message.append(nl).append("  ").append(problem));
        message.append(nl);
        if (state.failed().isEmpty() && state.other().isEmpty()) {
            message.append("Apply the migrations with the same CMS_DB_* settings as this node: ")
                    .append(SchemaMigrations.MIGRATE_COMMAND)
                    .append(nl).append("(or start a node with CMS_DB_MIGRATE=true to let it apply them)");
        } else {
            message.append("See what happened with the same CMS_DB_* settings as this node:"
                            + " java -jar db/target/cms-db.jar info (and validate); undo what a failed migration"
                            + " left behind, run java -jar db/target/cms-db.jar repair, then ")
                    .append(SchemaMigrations.MIGRATE_COMMAND);
        }
        return message.toString();
    }

    private static String urlOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new SchemaNotCurrentException("Cannot connect to the database to check its schema: " + e.getMessage(), e);
        }
    }
}
