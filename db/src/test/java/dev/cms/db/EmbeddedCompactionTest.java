package dev.cms.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded database appends every commit to its file (so a restart after kill -9 finds it);
 * the space that leaves behind is given back when the file is next opened, and nothing is lost.
 */
class EmbeddedCompactionTest {

    @TempDir
    Path dataDir;

    @Test
    void spaceLeftByAppendedCommitsIsGivenBackAtTheNextOpen() throws Exception {
        DatabaseSettings settings = DatabaseSettings.resolve(null, null, null, dataDir.toString());
        Path file = dataDir.resolve("cms.mv.db");
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body VARCHAR(1000))");
            try (PreparedStatement save = connection.prepareStatement("MERGE INTO note KEY (id) VALUES (?, ?)")) {
                for (int i = 0; i < 2_000; i++) {
                    save.setInt(1, i % 20);
                    save.setString(2, "第" + i + "次保存" + "。".repeat(200));
                    save.executeUpdate();
                }
            }
        }
        long grown = Files.size(file);

        settings.compactEmbedded();

        long compacted = Files.size(file);
        assertTrue(compacted * 4 < grown, "file of " + grown + " bytes after the saves, " + compacted + " after compaction");
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*), MAX(body) FROM note")) {
            rows.next();
            assertEquals(20, rows.getInt(1));
            assertTrue(rows.getString(2).startsWith("第1999次保存"), rows.getString(2));
        }
    }
}
