package dev.cms.admin.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The export's statements, on the export's connection (its one repeatable-read snapshot): every
 * table read in keyset batches after the last key of the batch before, so a large site streams out
 * in constant memory and with no OFFSET scan.
 */
final class ExportRepository {

    record TopicRow(long id, String slug, String name, Instant created, String description) {
    }

    record UserRow(long id, String username, String displayName, String role, boolean enabled, Instant created,
                   String passwordHash) {
    }

    record ArticleRow(long id, String slug, String title, String summary, String markdown, String status,
                      Instant published, Instant created, Instant updated, String author, Instant trashed,
                      String statusBeforeTrash, String featuredImage) {
    }

    /** The pending change of a published article, as stored (V33). */
    record PendingRow(String title, String slug, String summary, String markdown, String topics,
                      String featuredImage, boolean submitted, String savedBy, Instant savedAt) {
    }

    record RevisionRow(String title, String summary, String markdown, String topics, String status, String savedBy,
                       Instant savedAt, String featuredImage) {
    }

    record OverrideRow(long articleId, long relatedId, String article, String related, String kind, int position,
                       Instant created) {
    }

    record RedirectRow(String oldSlug, String target, Instant created) {
    }

    record MediaRow(long id, String path, String originalName, String contentType, long sizeBytes, int width,
                    int height, String uploadedBy, Instant created) {
    }

    private final Connection db;

    ExportRepository(Connection db) {
        this.db = db;
    }

    List<TopicRow> topicsAfter(long id, int limit) throws SQLException {
        return list("SELECT id, slug, name, created_at, description FROM topic WHERE id > ? ORDER BY id LIMIT ?",
                s -> {
                    s.setLong(1, id);
                    s.setInt(2, limit);
                }, r -> new TopicRow(r.getLong(1), r.getString(2), r.getString(3), SqlValues.instant(r, 4),
                        r.getString(5)));
    }

    List<UserRow> usersAfter(long id, int limit) throws SQLException {
        return list("""
                SELECT id, username, display_name, role, enabled, created_at, password_hash
                FROM app_user WHERE id > ? ORDER BY id LIMIT ?""", s -> {
                    s.setLong(1, id);
                    s.setInt(2, limit);
                }, r -> new UserRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getBoolean(5),
                        SqlValues.instant(r, 6), r.getString(7)));
    }

    long countArticles() throws SQLException {
        return list("SELECT COUNT(*) FROM article", s -> { }, r -> r.getLong(1)).get(0);
    }

    List<ArticleRow> articlesAfter(long id, int limit) throws SQLException {
        return list("""
                SELECT a.id, a.slug, a.title, a.summary, a.body_markdown, a.status, a.published_at,
                       a.created_at, a.updated_at, u.username, a.trashed_at, a.status_before_trash,
                       a.featured_image_path
                FROM article a LEFT JOIN app_user u ON u.id = a.author_id
                WHERE a.id > ? ORDER BY a.id LIMIT ?""", s -> {
                    s.setLong(1, id);
                    s.setInt(2, limit);
                }, r -> new ArticleRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), SqlValues.instant(r, 7), SqlValues.instant(r, 8), SqlValues.instant(r, 9),
                        r.getString(10), SqlValues.instant(r, 11), r.getString(12), r.getString(13)));
    }

    /** The topic slugs of the articles with ids from {@code first} to {@code last}, by article, in the article's order. */
    Map<Long, List<String>> topicsOf(long first, long last) throws SQLException {
        Map<Long, List<String>> topics = new HashMap<>();
        each("""
                SELECT l.article_id, t.slug FROM article_topic l JOIN topic t ON t.id = l.topic_id
                WHERE l.article_id BETWEEN ? AND ? ORDER BY l.article_id, l.position, t.name""", s -> {
                    s.setLong(1, first);
                    s.setLong(2, last);
                }, r -> topics.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(r.getString(2)));
        return topics;
    }

    /** The revisions of the articles with ids from {@code first} to {@code last}, by article, oldest first. */
    Map<Long, List<RevisionRow>> revisionsOf(long first, long last) throws SQLException {
        Map<Long, List<RevisionRow>> revisions = new HashMap<>();
        each("""
                SELECT article_id, title, summary, body_markdown, topics, status, saved_by, saved_at,
                       featured_image_path
                FROM article_revision WHERE article_id BETWEEN ? AND ? ORDER BY article_id, id""", s -> {
                    s.setLong(1, first);
                    s.setLong(2, last);
                }, r -> revisions.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new RevisionRow(
                        r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                        r.getString(7), SqlValues.instant(r, 8), r.getString(9))));
        return revisions;
    }

    /** The pending changes of the articles with ids in [first, last], by article id. */
    Map<Long, PendingRow> pendingOf(long first, long last) throws SQLException {
        Map<Long, PendingRow> pending = new HashMap<>();
        each("""
                SELECT article_id, title, slug, summary, body_markdown, topics, featured_image_path, submitted,
                       saved_by, saved_at
                FROM article_pending WHERE article_id BETWEEN ? AND ?""", s -> {
                    s.setLong(1, first);
                    s.setLong(2, last);
                }, r -> pending.put(r.getLong(1), new PendingRow(r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), r.getString(7), r.getBoolean(8), r.getString(9),
                        SqlValues.instant(r, 10))));
        return pending;
    }

    List<OverrideRow> overridesAfter(long articleId, long relatedId, int limit) throws SQLException {
        return list("""
                SELECT o.article_id, o.related_id, a.slug, r.slug, o.kind, o.position, o.created_at
                FROM related_override o JOIN article a ON a.id = o.article_id JOIN article r ON r.id = o.related_id
                WHERE o.article_id > ? OR (o.article_id = ? AND o.related_id > ?)
                ORDER BY o.article_id, o.related_id LIMIT ?""", s -> {
                    s.setLong(1, articleId);
                    s.setLong(2, articleId);
                    s.setLong(3, relatedId);
                    s.setInt(4, limit);
                }, r -> new OverrideRow(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getInt(6), SqlValues.instant(r, 7)));
    }

    List<RedirectRow> slugRedirectsAfter(String oldSlug, int limit) throws SQLException {
        return redirects("""
                SELECT r.old_slug, a.slug, r.created_at FROM slug_redirect r JOIN article a ON a.id = r.article_id
                WHERE r.old_slug > ? ORDER BY r.old_slug LIMIT ?""", oldSlug, limit);
    }

    List<RedirectRow> topicRedirectsAfter(String oldSlug, int limit) throws SQLException {
        return redirects("""
                SELECT r.old_slug, t.slug, r.created_at FROM topic_redirect r JOIN topic t ON t.id = r.topic_id
                WHERE r.old_slug > ? ORDER BY r.old_slug LIMIT ?""", oldSlug, limit);
    }

    List<MediaRow> mediaAfter(long id, int limit) throws SQLException {
        return list("""
                SELECT id, path, original_name, content_type, size_bytes, width, height, uploaded_by, created_at
                FROM media WHERE id > ? ORDER BY id LIMIT ?""", s -> {
                    s.setLong(1, id);
                    s.setInt(2, limit);
                }, r -> new MediaRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                        r.getInt(6), r.getInt(7), r.getString(8), SqlValues.instant(r, 9)));
    }

    private List<RedirectRow> redirects(String sql, String after, int limit) throws SQLException {
        return list(sql, s -> {
            s.setString(1, after);
            s.setInt(2, limit);
        }, r -> new RedirectRow(r.getString(1), r.getString(2), SqlValues.instant(r, 3)));
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private interface Mapper<T> {
        T map(ResultSet r) throws SQLException;
    }

    private <T> List<T> list(String sql, Binder binder, Mapper<T> mapper) throws SQLException {
        List<T> rows = new ArrayList<>();
        each(sql, binder, r -> rows.add(mapper.map(r)));
        return rows;
    }

    private void each(String sql, Binder binder, Mapper<?> row) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    row.map(r);
                }
            }
        }
    }
}
