package dev.cms.core.schema;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes keep working after the pool has replaced its connections, to every table with a CHECK
 * constraint: H2 2.4.240 refused them all from any connection but the one that created the
 * constraint, so a fresh install stopped taking logins and saves when the pool first recycled its
 * connections (half an hour after start), while reads went on working.
 */
abstract class RecycledConnectionsContract {

    /** What this test writes to each table with a CHECK constraint, in a connection of its own. */
    private static final Map<String, List<String>> WRITES = new TreeMap<>(Map.of(
            "app_user", List.of(
                    "INSERT INTO app_user (username, username_key, display_name, password_hash, role, created_at,"
                            + " updated_at) VALUES ('recycled', 'recycled', '编辑', 'x', 'AUTHOR', CURRENT_TIMESTAMP,"
                            + " CURRENT_TIMESTAMP)",
                    "UPDATE app_user SET role = 'EDITOR', username = 'Recycled' WHERE username_key = 'recycled'"),
            "site_setup", List.of(
                    "INSERT INTO site_setup (id, done_at) SELECT 1, CURRENT_TIMESTAMP"
                            + " WHERE NOT EXISTS (SELECT 1 FROM site_setup)",
                    "UPDATE site_setup SET done_at = CURRENT_TIMESTAMP WHERE id = 1"),
            "article", List.of(
                    "INSERT INTO article (slug, title, body_markdown, body_html, status, created_at, updated_at)"
                            + " VALUES ('recycled-a', '甲', 'x', 'x', 'DRAFT', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                    "INSERT INTO article (slug, title, body_markdown, body_html, status, created_at, updated_at)"
                            + " VALUES ('recycled-b', '乙', 'x', 'x', 'DRAFT', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                    "UPDATE article SET status = 'PUBLISHED', published_at = CURRENT_TIMESTAMP WHERE slug LIKE 'recycled-%'"),
            "related_override", List.of(
                    "INSERT INTO related_override (article_id, related_id, kind, created_at)"
                            + " SELECT a.id, b.id, 'PIN', CURRENT_TIMESTAMP FROM article a, article b"
                            + " WHERE a.slug = 'recycled-a' AND b.slug = 'recycled-b'",
                    "UPDATE related_override SET kind = 'EXCLUDE'"),
            "media", List.of(
                    "INSERT INTO media (path, original_name, content_type, size_bytes, width, height, uploaded_by, created_at)"
                            + " VALUES ('2030/01/recycled.png', 'a.png', 'image/png', 10, 1, 1, 'recycled', CURRENT_TIMESTAMP)",
                    "UPDATE media SET content_type = 'image/webp', size_bytes = 11 WHERE path = '2030/01/recycled.png'"),
            "content_version", List.of("UPDATE content_version SET version = version + 1 WHERE id = 1"),
            "search_reindex", List.of("UPDATE search_reindex SET generation = generation + 1 WHERE id = 1"),
            "related_backlog_lease", List.of("UPDATE related_backlog_lease SET holder = 'recycled' WHERE id = 1"),
            "write_probe", List.of(WriteProbe.PROBE)));

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Inject
    WriteProbe probe;

    @Test
    void everyTableWithACheckConstraintTakesWritesFromRecycledConnections() throws SQLException {
        HikariDataSource pool = (HikariDataSource) resolver.resolve(dataSource);
        assertEquals(new TreeSet<>(WRITES.keySet()), tablesWithCheckConstraints(pool),
                "every table with a CHECK constraint is written here");

        // Tables are written in the order above (articles before the overrides that name them).
        for (String table : List.of("app_user", "site_setup", "article", "related_override", "media", "content_version",
                "search_reindex", "related_backlog_lease", "write_probe")) {
            pool.getHikariPoolMXBean().softEvictConnections();
            try (Connection fresh = pool.getConnection(); Statement statement = fresh.createStatement()) {
                for (String write : WRITES.get(table)) {
                    assertTrue(statement.executeUpdate(write) > 0, table + ": " + write);
                }
            }
        }
        pool.getHikariPoolMXBean().softEvictConnections();
        probe.check();
    }

    private static TreeSet<String> tablesWithCheckConstraints(DataSource pool) throws SQLException {
        TreeSet<String> tables = new TreeSet<>();
        // By the project's naming rule (ck_...): PostgreSQL lists each NOT NULL as a CHECK here too.
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name, constraint_name"
                     + " FROM information_schema.table_constraints WHERE constraint_type = 'CHECK'")) {
            while (rows.next()) {
                if (rows.getString(2).toLowerCase().startsWith("ck_")) {
                    tables.add(rows.getString(1).toLowerCase());
                }
            }
        }
        return tables;
    }
}
