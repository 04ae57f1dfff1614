package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.MediaItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The import's statements on {@code media}: a record is matched by its path and added as the archive has it. */
final class MediaImportRepository {

    private final Connection db;

    MediaImportRepository(Connection db) {
        this.db = db;
    }

    boolean exists(String path) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT 1 FROM media WHERE path = ?")) {
            s.setString(1, path);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    void insert(MediaItem m) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("""
                INSERT INTO media (path, original_name, content_type, size_bytes, width, height,
                                   uploaded_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, m.path());
            s.setString(2, m.originalName());
            s.setString(3, m.contentType());
            s.setLong(4, m.sizeBytes());
            s.setInt(5, (int) m.width());
            s.setInt(6, (int) m.height());
            s.setString(7, m.uploadedBy());
            s.setObject(8, SqlValues.utc(m.created()));
            s.executeUpdate();
        }
    }
}
