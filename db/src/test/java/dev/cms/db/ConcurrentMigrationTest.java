package dev.cms.db;

import dev.cms.db.ShippedMigrations.Migration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two migrations started at once on one fresh PostgreSQL database (an operator's {@code migrate}
 * while a node starts with CMS_DB_MIGRATE=true, or two such nodes): Flyway's lock lets each
 * migration be applied exactly once, and both succeed.
 */
class ConcurrentMigrationTest {

    private String database;

    @BeforeEach
    void createDatabase() throws SQLException {
        PostgresServer.assumeReachable();
        database = PostgresServer.createDatabase();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (database != null) {
            PostgresServer.dropDatabase(database);
        }
    }

    @Test
    void commandLineAndNodeMigratingAtOnceApplyEachMigrationOnce() throws Exception {
        Map<String, String> env = PostgresServer.environmentFor(database);
        SettingsDataSource dataSource = new SettingsDataSource(DatabaseSettings.fromEnvironment(env));
        CyclicBarrier start = new CyclicBarrier(3);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<CommandRun> command = threads.submit(() -> {
                start.await();
                return CommandRun.run(env, List.of(), "migrate");
            });
            Future<SchemaMigrations.Migrated> node = threads.submit(() -> {
                start.await();
                return new SchemaMigrations(dataSource).migrate();
            });
            Future<SchemaMigrations.Migrated> otherNode = threads.submit(() -> {
                start.await();
                return new SchemaMigrations(dataSource).migrate();
            });

            CommandRun commandRun = command.get(60, TimeUnit.SECONDS);
            assertEquals(0, commandRun.exitCode(), commandRun::toString);
            int applied = node.get(60, TimeUnit.SECONDS).applied() + otherNode.get(60, TimeUnit.SECONDS).applied()
                    + appliedBy(commandRun);
            assertEquals(ShippedMigrations.shipped().size(), applied, "each migration applied by exactly one of them");
        } finally {
            threads.shutdownNow();
        }
        List<String> expected = new ArrayList<>();
        for (Migration migration : ShippedMigrations.shipped()) {
            expected.add(migration.version() + ":true");
        }
        assertEquals(expected, history());
        assertTrue(new SchemaMigrations(dataSource).check().current());
    }

    private static int appliedBy(CommandRun run) {
        return (int) run.out().lines().filter(line -> line.startsWith("Applied migration ")).count();
    }

    /** Every versioned row of the schema history as "version:success", in order. */
    private List<String> history() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(PostgresServer.urlOf(database), PostgresServer.USER,
                PostgresServer.PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (result.next()) {
                rows.add(result.getString("version") + ":" + result.getBoolean("success"));
            }
        }
        return rows;
    }
}
