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

    record StoredTopic(long id, String slug, String name) {
    }

    private final Connection db;

    TopicImportRepository(Connection db) {
        this.db = db;
    }

    List<StoredTopic> findAll() throws SQLException {
        List<StoredTopic> all = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT id, slug, name FROM topic");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                all.add(new StoredTopic(r.getLong(1), r.getString(2), r.getString(3)));
            }
        }
        return all;
    }

    /** Adds the topic with the archive's creation time; its new id. */
    long insert(String slug, String name, Instant created) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "INSERT INTO topic (slug, name, created_at) VALUES (?, ?, ?)", new String[] {"id"})) {
            s.setString(1, slug);
            s.setString(2, name);
            s.setObject(3, SqlValues.utc(created));
            s.executeUpdate();
            return SqlValues.generatedId(s);
        }
    }

    void rename(long id, String name) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("UPDATE topic SET name = ? WHERE id = ?")) {
            s.setString(1, name);
            s.setLong(2, id);
            s.executeUpdate();
        }
    }
}
