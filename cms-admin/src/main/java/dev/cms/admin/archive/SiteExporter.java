package dev.cms.admin.archive;

import dev.cms.admin.batch.Interruption;
import dev.cms.admin.batch.Progress;
import dev.cms.admin.zip.ChecksummedZipWriter;
import dev.cms.admin.zip.Json;
import dev.cms.core.media.MediaFiles;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the whole site into an archive. Everything is read in one read-only, repeatable-read
 * transaction, so a publish or an edit made meanwhile is either wholly in the archive or not at
 * all; large tables are read in keyset batches and streamed out, never held in memory.
 */
@Singleton
public class SiteExporter {

    static final int BATCH = 500;

    private final TransactionOperations<Connection> transactions;
    private final MediaFiles mediaFiles;
    private final dev.cms.core.schema.DatabaseSchema schema;

    public SiteExporter(TransactionOperations<Connection> transactions, MediaFiles mediaFiles,
                        dev.cms.core.schema.DatabaseSchema schema) {
        this.transactions = transactions;
        this.mediaFiles = mediaFiles;
        this.schema = schema;
    }

    /** What was exported: items per kind. */
    public record Exported(Map<String, Long> counts, long mediaBytes) {
    }

    /** Writes the archive to {@code out} (the caller's temporary file). */
    public Exported export(OutputStream out, boolean passwordHashes, PrintWriter progressOut, Interruption interruption) {
        String schemaVersion = schema.state().version();
        DefaultTransactionDefinition readOnly = new DefaultTransactionDefinition();
        readOnly.setReadOnly(true);
        // One snapshot for the whole export: a publish committed meanwhile is wholly in or wholly out.
        readOnly.setIsolationLevel(TransactionDefinition.Isolation.REPEATABLE_READ);
        return transactions.execute(readOnly, status -> {
            try {
                return new Writer(status.getConnection(), out, passwordHashes, progressOut, interruption)
                        .write(schemaVersion);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the site: " + e.getMessage(), e);
            }
        });
    }

    private final class Writer {
        private final Connection db;
        private final ChecksummedZipWriter zip;
        private final boolean passwordHashes;
        private final PrintWriter progressOut;
        private final Interruption interruption;
        private final Map<String, Object> counts = new LinkedHashMap<>();
        private final Map<String, Long> countsOut = new LinkedHashMap<>();
        private OutputStream entry;
        private long items;
        private long mediaBytes;

        Writer(Connection db, OutputStream out, boolean passwordHashes, PrintWriter progressOut,
               Interruption interruption) {
            this.db = db;
            this.zip = new ChecksummedZipWriter(out);
            this.passwordHashes = passwordHashes;
            this.progressOut = progressOut;
            this.interruption = interruption;
        }

        Exported write(String schemaVersion) throws IOException, SQLException {
            Instant created = Instant.now();
            topics();
            users();
            articles();
            related();
            redirects(ArchiveFormat.SLUG_REDIRECTS, """
                    SELECT r.old_slug, a.slug, r.created_at FROM slug_redirect r JOIN article a ON a.id = r.article_id
                    WHERE r.old_slug > ? ORDER BY r.old_slug LIMIT ?""");
            redirects(ArchiveFormat.TOPIC_REDIRECTS, """
                    SELECT r.old_slug, t.slug, r.created_at FROM topic_redirect r JOIN topic t ON t.id = r.topic_id
                    WHERE r.old_slug > ? ORDER BY r.old_slug LIMIT ?""");
            List<String> paths = media();
            for (String path : paths) {
                mediaFile(path);
                interruption.check();
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", ArchiveFormat.FORMAT);
            manifest.put("formatVersion", (long) ArchiveFormat.VERSION);
            manifest.put("created", created.toString());
            manifest.put("schemaVersion", schemaVersion);
            manifest.put("passwordHashes", passwordHashes);
            manifest.put("counts", counts);
            zip.finish(ArchiveFormat.MANIFEST, manifest);
            return new Exported(countsOut, mediaBytes);
        }

        private void begin(String entry) throws IOException {
            this.entry = zip.begin(entry);
            items = 0;
        }

        private void line(Map<String, Object> item) throws IOException {
            entry.write((Json.write(item) + "\n").getBytes(StandardCharsets.UTF_8));
            items++;
        }

        private void end(String entry) throws IOException {
            // Format 1 lists a JSON Lines entry by its items and checksum, as ARCHIVE-FORMAT.md says.
            Map<String, Object> about = zip.end();
            about.remove("bytes");
            about.put("items", items);
            counts.put(ArchiveFormat.kind(entry), items);
            countsOut.put(ArchiveFormat.kind(entry), items);
        }

        private void topics() throws IOException, SQLException {
            begin(ArchiveFormat.TOPICS);
            long after = Long.MIN_VALUE;
            while (true) {
                int n = 0;
                try (PreparedStatement s = db.prepareStatement(
                        "SELECT id, slug, name, created_at, description FROM topic WHERE id > ? ORDER BY id LIMIT ?")) {
                    s.setLong(1, after);
                    s.setInt(2, BATCH);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            after = r.getLong(1);
                            Map<String, Object> t = new LinkedHashMap<>();
                            t.put("slug", r.getString(2));
                            t.put("name", r.getString(3));
                            t.put("created", time(r, 4));
                            if (r.getString(5) != null) {
                                t.put("description", r.getString(5));
                            }
                            line(t);
                            n++;
                        }
                    }
                }
                if (n < BATCH) {
                    break;
                }
            }
            end(ArchiveFormat.TOPICS);
        }

        private void users() throws IOException, SQLException {
            begin(ArchiveFormat.USERS);
            long after = Long.MIN_VALUE;
            while (true) {
                int n = 0;
                try (PreparedStatement s = db.prepareStatement("""
                        SELECT id, username, display_name, role, enabled, created_at, password_hash
                        FROM app_user WHERE id > ? ORDER BY id LIMIT ?""")) {
                    s.setLong(1, after);
                    s.setInt(2, BATCH);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            after = r.getLong(1);
                            Map<String, Object> u = new LinkedHashMap<>();
                            u.put("username", r.getString(2));
                            u.put("displayName", r.getString(3));
                            u.put("role", r.getString(4));
                            u.put("enabled", r.getBoolean(5));
                            u.put("created", time(r, 6));
                            if (passwordHashes) {
                                u.put("passwordHash", r.getString(7));
                            }
                            line(u);
                            n++;
                        }
                    }
                }
                if (n < BATCH) {
                    break;
                }
            }
            end(ArchiveFormat.USERS);
        }

        private void articles() throws IOException, SQLException {
            long total;
            try (PreparedStatement s = db.prepareStatement("SELECT COUNT(*) FROM article");
                 ResultSet r = s.executeQuery()) {
                r.next();
                total = r.getLong(1);
            }
            Progress progress = new Progress(progressOut, "exported", "articles", total);
            begin(ArchiveFormat.ARTICLES);
            long after = Long.MIN_VALUE;
            while (true) {
                List<Long> ids = new ArrayList<>();
                List<Map<String, Object>> batch = new ArrayList<>();
                try (PreparedStatement s = db.prepareStatement("""
                        SELECT a.id, a.slug, a.title, a.summary, a.body_markdown, a.status, a.published_at,
                               a.created_at, a.updated_at, u.username, a.trashed_at, a.status_before_trash,
                               a.featured_image_path
                        FROM article a LEFT JOIN app_user u ON u.id = a.author_id
                        WHERE a.id > ? ORDER BY a.id LIMIT ?""")) {
                    s.setLong(1, after);
                    s.setInt(2, BATCH);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            after = r.getLong(1);
                            ids.add(after);
                            Map<String, Object> a = new LinkedHashMap<>();
                            a.put("slug", r.getString(2));
                            a.put("title", r.getString(3));
                            a.put("summary", r.getString(4));
                            a.put("markdown", r.getString(5));
                            a.put("status", r.getString(6));
                            a.put("published", time(r, 7));
                            a.put("created", time(r, 8));
                            a.put("updated", time(r, 9));
                            a.put("author", r.getString(10));
                            a.put("trashed", time(r, 11));
                            a.put("statusBeforeTrash", r.getString(12));
                            a.put("featuredImage", r.getString(13));
                            batch.add(a);
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    Map<Long, List<Object>> topics = topicsOf(ids);
                    Map<Long, List<Object>> revisions = revisionsOf(ids);
                    for (int i = 0; i < batch.size(); i++) {
                        Map<String, Object> a = batch.get(i);
                        a.put("topics", topics.getOrDefault(ids.get(i), List.of()));
                        a.put("revisions", revisions.getOrDefault(ids.get(i), List.of()));
                        line(a);
                    }
                    progress.advance(batch.size());
                    interruption.check();
                }
                if (batch.size() < BATCH) {
                    break;
                }
            }
            end(ArchiveFormat.ARTICLES);
        }

        private Map<Long, List<Object>> topicsOf(List<Long> ids) throws SQLException {
            Map<Long, List<Object>> topics = new HashMap<>();
            try (PreparedStatement s = db.prepareStatement("""
                    SELECT l.article_id, t.slug FROM article_topic l JOIN topic t ON t.id = l.topic_id
                    WHERE l.article_id BETWEEN ? AND ? ORDER BY l.article_id, t.slug""")) {
                s.setLong(1, ids.get(0));
                s.setLong(2, ids.get(ids.size() - 1));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        topics.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(r.getString(2));
                    }
                }
            }
            return topics;
        }

        private Map<Long, List<Object>> revisionsOf(List<Long> ids) throws SQLException {
            Map<Long, List<Object>> revisions = new HashMap<>();
            try (PreparedStatement s = db.prepareStatement("""
                    SELECT article_id, title, summary, body_markdown, topics, status, saved_by, saved_at,
                           featured_image_path
                    FROM article_revision WHERE article_id BETWEEN ? AND ? ORDER BY article_id, id""")) {
                s.setLong(1, ids.get(0));
                s.setLong(2, ids.get(ids.size() - 1));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Map<String, Object> v = new LinkedHashMap<>();
                        v.put("title", r.getString(2));
                        v.put("summary", r.getString(3));
                        v.put("markdown", r.getString(4));
                        v.put("topics", r.getString(5));
                        v.put("status", r.getString(6));
                        v.put("savedBy", r.getString(7));
                        v.put("savedAt", time(r, 8));
                        v.put("featuredImage", r.getString(9));
                        revisions.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(v);
                    }
                }
            }
            return revisions;
        }

        private void related() throws IOException, SQLException {
            begin(ArchiveFormat.RELATED);
            long afterArticle = Long.MIN_VALUE;
            long afterRelated = Long.MIN_VALUE;
            while (true) {
                int n = 0;
                try (PreparedStatement s = db.prepareStatement("""
                        SELECT o.article_id, o.related_id, a.slug, r.slug, o.kind, o.position, o.created_at
                        FROM related_override o JOIN article a ON a.id = o.article_id JOIN article r ON r.id = o.related_id
                        WHERE o.article_id > ? OR (o.article_id = ? AND o.related_id > ?)
                        ORDER BY o.article_id, o.related_id LIMIT ?""")) {
                    s.setLong(1, afterArticle);
                    s.setLong(2, afterArticle);
                    s.setLong(3, afterRelated);
                    s.setInt(4, BATCH);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            afterArticle = r.getLong(1);
                            afterRelated = r.getLong(2);
                            Map<String, Object> o = new LinkedHashMap<>();
                            o.put("article", r.getString(3));
                            o.put("related", r.getString(4));
                            o.put("kind", r.getString(5));
                            o.put("position", (long) r.getInt(6));
                            o.put("created", time(r, 7));
                            line(o);
                            n++;
                        }
                    }
                }
                if (n < BATCH) {
                    break;
                }
            }
            end(ArchiveFormat.RELATED);
        }

        private void redirects(String entry, String sql) throws IOException, SQLException {
            begin(entry);
            String after = "";
            while (true) {
                int n = 0;
                try (PreparedStatement s = db.prepareStatement(sql)) {
                    s.setString(1, after);
                    s.setInt(2, BATCH);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            after = r.getString(1);
                            Map<String, Object> o = new LinkedHashMap<>();
                            o.put("oldSlug", after);
                            o.put("target", r.getString(2));
                            o.put("created", time(r, 3));
                            line(o);
                            n++;
                        }
                    }
                }
                if (n < BATCH) {
                    break;
                }
            }
            end(entry);
        }

        private List<String> media() throws IOException, SQLException {
            begin(ArchiveFormat.MEDIA);
            List<String> paths = new ArrayList<>();
            long after = Long.MIN_VALUE;
            while (true) {
                int n = 0;
                try (PreparedStatement s = db.prepareStatement("""
                        SELECT id, path, original_name, content_type, size_bytes, width, height, uploaded_by, created_at
                        FROM media WHERE id > ? ORDER BY id LIMIT ?""")) {
                    s.setLong(1, after);
                    s.setInt(2, BATCH);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            after = r.getLong(1);
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("path", r.getString(2));
                            m.put("originalName", r.getString(3));
                            m.put("contentType", r.getString(4));
                            m.put("sizeBytes", r.getLong(5));
                            m.put("width", (long) r.getInt(6));
                            m.put("height", (long) r.getInt(7));
                            m.put("uploadedBy", r.getString(8));
                            m.put("created", time(r, 9));
                            paths.add(r.getString(2));
                            line(m);
                            n++;
                        }
                    }
                }
                if (n < BATCH) {
                    break;
                }
            }
            end(ArchiveFormat.MEDIA);
            return paths;
        }

        private void mediaFile(String path) throws IOException {
            Path file = mediaFiles.existing(path).orElseThrow(() -> new IllegalStateException(
                    "media " + path + " is recorded in the database but its file is missing under "
                            + mediaFiles.root() + "; restore the file or delete the media record, then export again"));
            String entry = ArchiveFormat.MEDIA_FILES + path;
            mediaBytes += Files.copy(file, zip.begin(entry));
            zip.end();
        }
    }

    static String time(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant().toString();
    }
}
