package dev.cms.admin.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The import's statements on {@code topic}, on the import's connection (its one transaction). */
final class TopicImportRepository {

    record StoredTopic(long id, String slug, String name, String description) {
    }

    private final Connection db;

    TopicImportRepository(Connection db) {
        this.db = db;
    }

    List<StoredTopic> findAll() throws SQLException {
        List<StoredTopic> all = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT id, slug, name, description FROM topic");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                all.add(new StoredTopic(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
            }
        }
        return all;
    }

    /** Adds the topic with the archive's creation time; its new id. */
    long insert(String slug, String name, Instant created, String description) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "INSERT INTO topic (slug, name, created_at, description) VALUES (?, ?, ?, ?)", new String[] {"id"})) {
            s.setString(1, slug);
            s.setString(2, name);
            s.setObject(3, SqlValues.utc(created));
            s.setString(4, description);
            s.executeUpdate();
            return SqlValues.generatedId(s);
        }
    }

    void update(long id, String name, String description) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("UPDATE topic SET name = ?, description = ? WHERE id = ?")) {
            s.setString(1, name);
            s.setString(2, description);
            s.setLong(3, id);
            s.executeUpdate();
        }
    }
}
