package dev.cms.core.related;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Writes stored lists so that two transactions recomputing the same list at once (a background
 * drain batch and an editor's publish) both succeed, the later one winning: an upsert waits for
 * the other's row and then updates it, where delete-then-insert would fail on the primary key.
 * Standard MERGE is PostgreSQL 15+ only, so each database gets its own upsert.
 */
final class ListWriter implements AutoCloseable {

    private final PreparedStatement upsert;
    private final PreparedStatement delete;
    private int pending;

    ListWriter(Connection db) throws SQLException {
        boolean h2 = db.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
        upsert = db.prepareStatement(h2
                ? "MERGE INTO related_list (article_id, pinned, related_ids) KEY (article_id) VALUES (?, ?, ?)"
                : "INSERT INTO related_list (article_id, pinned, related_ids) VALUES (?, ?, ?)"
                        + " ON CONFLICT (article_id) DO UPDATE SET pinned = EXCLUDED.pinned,"
                        + " related_ids = EXCLUDED.related_ids");
        delete = db.prepareStatement("DELETE FROM related_list WHERE article_id = ?");
    }

    /** Stores the list (ids in order, the first {@code pinned} of them pins); an empty list is removed. */
    void write(long articleId, int pinned, String relatedIds) throws SQLException {
        if (relatedIds.isEmpty()) {
            delete.setLong(1, articleId);
            delete.executeUpdate();
            return;
        }
        upsert.setLong(1, articleId);
        upsert.setInt(2, pinned);
        upsert.setString(3, relatedIds);
        upsert.addBatch();
        if (++pending >= RelatedBulkRefresh.BATCH) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (pending > 0) {
            upsert.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            upsert.close();
            delete.close();
        }
    }
}
