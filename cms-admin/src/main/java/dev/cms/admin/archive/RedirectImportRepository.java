package dev.cms.admin.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The import's statements on {@code slug_redirect} and {@code topic_redirect}, which have one shape:
 * an old slug and the id it leads to.
 */
final class RedirectImportRepository {

    private final Connection db;
    private final String table;
    private final String column;

    private RedirectImportRepository(Connection db, String table, String column) {
        this.db = db;
        this.table = table;
        this.column = column;
    }

    /** Old slugs of articles. */
    static RedirectImportRepository articles(Connection db) {
        return new RedirectImportRepository(db, "slug_redirect", "article_id");
    }

    /** Old slugs of topics. */
    static RedirectImportRepository topics(Connection db) {
        return new RedirectImportRepository(db, "topic_redirect", "topic_id");
    }

    /** The id the old slug leads to now, or null. */
    Long findTarget(String oldSlug) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT " + column + " FROM " + table + " WHERE old_slug = ?")) {
            s.setString(1, oldSlug);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    void insert(String oldSlug, long target, Instant created) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "INSERT INTO " + table + " (old_slug, " + column + ", created_at) VALUES (?, ?, ?)")) {
            s.setString(1, oldSlug);
            s.setLong(2, target);
            s.setObject(3, SqlValues.utc(created));
            s.executeUpdate();
        }
    }

    void retarget(String oldSlug, long target) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE old_slug = ?")) {
            s.setLong(1, target);
            s.setString(2, oldSlug);
            s.executeUpdate();
        }
    }
}
