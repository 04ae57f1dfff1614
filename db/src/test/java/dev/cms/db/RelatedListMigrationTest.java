package dev.cms.db;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * V20 replaces the one-row-per-entry related lists of a live site: every published article's list
 * waits in the backlog for the new nodes to recompute (drafts' lists do not), and the old table
 * stays for the old nodes still serving during a rolling upgrade.
 * On a database filled at V18, on H2 and on PostgreSQL.
 */
class RelatedListMigrationTest {

    @Test
    void upgradingAFilledH2DatabaseQueuesEveryPublishedList(@TempDir Path folder) throws SQLException {
        String url = "jdbc:h2:file:" + folder.resolve("cms").toAbsolutePath() + DatabaseSettings.H2_OPTIONS;
        check(url, null, null);
    }

    @Test
    void upgradingAFilledPostgresDatabaseQueuesEveryPublishedList() throws SQLException {
        PostgresServer.assumeReachable();
        String database = PostgresServer.createDatabase();
        try {
            check(PostgresServer.urlOf(database), PostgresServer.USER, PostgresServer.PASSWORD);
        } finally {
            PostgresServer.dropDatabase(database);
        }
    }

    private static void check(String url, String user, String password) throws SQLException {
        migrate(url, user, password, "18");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String[] a : new String[][] {{"a", "'PUBLISHED'", "CURRENT_TIMESTAMP"},
                    {"b", "'PUBLISHED'", "CURRENT_TIMESTAMP"}, {"c", "'DRAFT'", "NULL"}}) {
                s.executeUpdate("INSERT INTO article (slug, title, summary, body_markdown, body_html, status,"
                        + " published_at, created_at, updated_at, version) VALUES ('" + a[0] + "', 'T', '', 'x',"
                        + " '<p>x</p>', " + a[1] + ", " + a[2] + ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)");
            }
            s.executeUpdate("""
                    INSERT INTO related_article (article_id, related_id, position, score)
                    SELECT x.id, y.id, 1, 1.0 FROM article x JOIN article y ON x.slug = 'a' AND y.slug = 'b'""");
        }

        migrate(url, user, password, "latest");

        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            List<String> waiting = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT a.slug FROM related_backlog b JOIN article a ON a.id = b.article_id"
                    + " ORDER BY a.slug")) {
                while (r.next()) {
                    waiting.add(r.getString(1));
                }
            }
            assertEquals(List.of("a", "b"), waiting, "published lists wait to be recomputed, the draft's does not");
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM related_list")) {
                assertTrue(r.next());
                assertEquals(0, r.getLong(1));
            }
            try (ResultSet r = s.executeQuery("SELECT holder FROM related_backlog_lease WHERE id = 1")) {
                assertTrue(r.next());
                assertEquals(null, r.getString(1), "nobody holds the backlog yet");
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM related_article")) {
                assertTrue(r.next());
                assertEquals(1, r.getLong(1), "nodes of the previous build still read their lists during the upgrade");
            }
        }
    }

    private static void migrate(String url, String user, String password, String target) {
        Flyway.configure(RelatedListMigrationTest.class.getClassLoader())
                .dataSource(url, user, password)
                .locations(MigrationCommand.MIGRATIONS_LOCATION)
                .target(target)
                .load()
                .migrate();
    }
}
