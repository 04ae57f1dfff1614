package dev.cms.admin.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The import's statements on {@code related_override}, the editors' pins and exclusions. */
final class RelatedOverrideImportRepository {

    record StoredOverride(String kind, long position) {
    }

    private final Connection db;

    RelatedOverrideImportRepository(Connection db) {
        this.db = db;
    }

    /** The override of the pair, or null. */
    StoredOverride find(long articleId, long relatedId) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT kind, position FROM related_override WHERE article_id = ? AND related_id = ?")) {
            s.setLong(1, articleId);
            s.setLong(2, relatedId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new StoredOverride(r.getString(1), r.getInt(2)) : null;
            }
        }
    }

    void insert(long articleId, long relatedId, String kind, long position, Instant created) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("""
                INSERT INTO related_override (article_id, related_id, kind, position, created_at)
                VALUES (?, ?, ?, ?, ?)""")) {
            s.setLong(1, articleId);
            s.setLong(2, relatedId);
            s.setString(3, kind);
            s.setInt(4, (int) position);
            s.setObject(5, SqlValues.utc(created));
            s.executeUpdate();
        }
    }

    void update(long articleId, long relatedId, String kind, long position) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "UPDATE related_override SET kind = ?, position = ? WHERE article_id = ? AND related_id = ?")) {
            s.setString(1, kind);
            s.setInt(2, (int) position);
            s.setLong(3, articleId);
            s.setLong(4, relatedId);
            s.executeUpdate();
        }
    }

    /** The articles pinning this one: its changes reach their lists too. */
    List<Long> findPinning(long relatedId) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(
                "SELECT article_id FROM related_override WHERE related_id = ? AND kind = 'PIN'")) {
            s.setLong(1, relatedId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
        }
        return ids;
    }
}
