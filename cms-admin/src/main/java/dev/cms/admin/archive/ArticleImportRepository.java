package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.PendingItem;
import dev.cms.admin.archive.ImportItems.RevisionItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import's statements on {@code article}, {@code article_topic} and {@code article_revision}:
 * a batch of articles read, inserted or updated in one statement each (JDBC batches), which is
 * what lets an archive of 100,000 articles import in minutes.
 */
final class ArticleImportRepository {

    /** An article's own columns as the import writes them. */
    record ArticleColumns(String slug, String title, String summary, String markdown, String html, String status,
                          Instant published, Instant created, Instant updated, Long authorId, Instant trashed,
                          String statusBeforeTrash, ImageSize featuredImage) {
    }

    /** The stored article, to compare with the archive's. */
    record StoredArticle(long id, String title, String summary, String markdown, String status, Instant published,
                         Instant created, Instant updated, Long authorId, Instant trashed, String statusBeforeTrash,
                         String featuredImage) {
    }

    /** An uploaded image by its media path, and its size in pixels (what an article keeps of its featured image). */
    record ImageSize(String path, int width, int height) {
    }

    private final Connection db;

    ArticleImportRepository(Connection db) {
        this.db = db;
    }

    boolean exists(String slug) throws SQLException {
        return findId(slug) != null;
    }

    /** The id of the article with this slug, or null. */
    Long findId(String slug) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT id FROM article WHERE slug = ?")) {
            s.setString(1, slug);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    /** The media of the site with this path, or null. */
    ImageSize findImageSize(String path) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT width, height FROM media WHERE path = ?")) {
            s.setString(1, path);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new ImageSize(path, r.getInt(1), r.getInt(2)) : null;
            }
        }
    }

    /** The stored articles with these slugs, by slug. */
    Map<String, StoredArticle> findBySlugs(List<String> slugs) throws SQLException {
        Map<String, StoredArticle> stored = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("""
                SELECT id, slug, title, summary, body_markdown, status, published_at, created_at, updated_at,
                       author_id, trashed_at, status_before_trash, featured_image_path
                FROM article WHERE slug IN (""" + SqlValues.marks(slugs.size()) + ")")) {
            SqlValues.bind(s, slugs);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long author = r.getLong(10);
                    stored.put(r.getString(2), new StoredArticle(r.getLong(1), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), SqlValues.instant(r, 7), SqlValues.instant(r, 8),
                            SqlValues.instant(r, 9), r.wasNull() ? null : author, SqlValues.instant(r, 11),
                            r.getString(12), r.getString(13)));
                }
            }
        }
        return stored;
    }

    /** The topic ids of each of these articles. */
    Map<Long, Set<Long>> findTopicIds(Collection<Long> articleIds) throws SQLException {
        Map<Long, Set<Long>> topics = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT article_id, topic_id FROM article_topic"
                + " WHERE article_id IN (" + SqlValues.marks(articleIds.size()) + ")")) {
            SqlValues.bind(s, articleIds);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    topics.computeIfAbsent(r.getLong(1), k -> new HashSet<>()).add(r.getLong(2));
                }
            }
        }
        return topics;
    }

    /** The revisions of these articles, each as {@code articleId|}{@link RevisionItem#key()}. */
    Set<String> findRevisionKeys(Collection<Long> articleIds) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement s = db.prepareStatement("SELECT article_id, saved_by, saved_at, title"
                + " FROM article_revision WHERE article_id IN (" + SqlValues.marks(articleIds.size()) + ")")) {
            SqlValues.bind(s, articleIds);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.add(r.getLong(1) + "|" + r.getString(2) + "|" + SqlValues.instant(r, 3) + "|" + r.getString(4));
                }
            }
        }
        return keys;
    }

    /** The pending changes of these articles, by article id. */
    Map<Long, PendingItem> findPending(Collection<Long> articleIds) throws SQLException {
        Map<Long, PendingItem> pending = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("""
                SELECT article_id, title, slug, summary, body_markdown, topics, featured_image_path, submitted,
                       saved_by, saved_at FROM article_pending WHERE article_id IN (""" + SqlValues.marks(articleIds.size()) + ")")) {
            SqlValues.bind(s, articleIds);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pending.put(r.getLong(1), new PendingItem(r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getBoolean(8), r.getString(9),
                            SqlValues.instant(r, 10)));
                }
            }
        }
        return pending;
    }

    /** Makes these the articles' pending changes, based on the article's version now. */
    void replacePending(Map<Long, PendingItem> pending) throws SQLException {
        try (PreparedStatement del = db.prepareStatement("DELETE FROM article_pending WHERE article_id = ?");
             PreparedStatement ins = db.prepareStatement("""
                     INSERT INTO article_pending (article_id, title, slug, summary, body_markdown, topics,
                                                  featured_image_path, based_on_version, submitted, saved_by, saved_at)
                     SELECT id, ?, ?, ?, ?, ?, ?, version, ?, ?, ? FROM article WHERE id = ?""")) {
            for (Map.Entry<Long, PendingItem> e : pending.entrySet()) {
                PendingItem p = e.getValue();
                del.setLong(1, e.getKey());
                del.addBatch();
                ins.setString(1, p.title());
                ins.setString(2, p.slug());
                ins.setString(3, p.summary());
                ins.setString(4, p.markdown());
                ins.setString(5, p.topics());
                ins.setString(6, p.featuredImage());
                ins.setBoolean(7, p.submitted());
                ins.setString(8, p.savedBy());
                ins.setObject(9, SqlValues.utc(p.savedAt()));
                ins.setLong(10, e.getKey());
                ins.addBatch();
            }
            del.executeBatch();
            ins.executeBatch();
        }
    }

    /** Adds the articles (version 0); their new ids by slug. */
    Map<String, Long> insert(List<ArticleColumns> articles) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("""
                INSERT INTO article (slug, title, summary, body_markdown, body_html, status, published_at,
                                     created_at, updated_at, version, author_id, trashed_at, status_before_trash,
                                     featured_image_path, featured_image_width, featured_image_height)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)""")) {
            for (ArticleColumns a : articles) {
                bind(s, a);
                s.addBatch();
            }
            s.executeBatch();
        }
        List<String> slugs = articles.stream().map(ArticleColumns::slug).toList();
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement(
                "SELECT id, slug FROM article WHERE slug IN (" + SqlValues.marks(slugs.size()) + ")")) {
            SqlValues.bind(s, slugs);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.put(r.getString(2), r.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Replaces the columns of the articles with these ids (raising their version, as every edit does). */
    void update(Map<Long, ArticleColumns> articles) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("""
                UPDATE article SET slug = ?, title = ?, summary = ?, body_markdown = ?, body_html = ?, status = ?,
                       published_at = ?, created_at = ?, updated_at = ?, author_id = ?, trashed_at = ?,
                       status_before_trash = ?, featured_image_path = ?, featured_image_width = ?,
                       featured_image_height = ?, version = version + 1
                WHERE id = ?""")) {
            for (Map.Entry<Long, ArticleColumns> e : articles.entrySet()) {
                bind(s, e.getValue());
                s.setLong(16, e.getKey());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Parameters 1-15: the article's columns in the order of the insert. */
    private static void bind(PreparedStatement s, ArticleColumns a) throws SQLException {
        s.setString(1, a.slug());
        s.setString(2, a.title());
        s.setString(3, a.summary());
        s.setString(4, a.markdown());
        s.setString(5, a.html());
        s.setString(6, a.status());
        s.setObject(7, SqlValues.utc(a.published()), Types.TIMESTAMP_WITH_TIMEZONE);
        s.setObject(8, SqlValues.utc(a.created()));
        s.setObject(9, SqlValues.utc(a.updated()));
        if (a.authorId() == null) {
            s.setNull(10, Types.BIGINT);
        } else {
            s.setLong(10, a.authorId());
        }
        s.setObject(11, SqlValues.utc(a.trashed()), Types.TIMESTAMP_WITH_TIMEZONE);
        s.setString(12, a.statusBeforeTrash());
        ImageSize image = a.featuredImage();
        s.setString(13, image == null ? null : image.path());
        if (image == null) {
            s.setNull(14, Types.INTEGER);
            s.setNull(15, Types.INTEGER);
        } else {
            s.setInt(14, image.width());
            s.setInt(15, image.height());
        }
    }

    /** Gives each of these articles exactly the topics listed for it, in the listed order. */
    void replaceTopics(Map<Long, List<Long>> topicsByArticle) throws SQLException {
        try (PreparedStatement del = db.prepareStatement("DELETE FROM article_topic WHERE article_id = ?");
             PreparedStatement ins = db.prepareStatement(
                     "INSERT INTO article_topic (article_id, topic_id, position) VALUES (?, ?, ?)")) {
            for (Map.Entry<Long, List<Long>> e : topicsByArticle.entrySet()) {
                del.setLong(1, e.getKey());
                del.addBatch();
                int position = 0;
                for (Long topic : e.getValue()) {
                    ins.setLong(1, e.getKey());
                    ins.setLong(2, topic);
                    ins.setInt(3, position++);
                    ins.addBatch();
                }
            }
            del.executeBatch();
            ins.executeBatch();
        }
    }

    void insertRevisions(Map<Long, List<RevisionItem>> revisionsByArticle) throws SQLException {
        try (PreparedStatement ins = db.prepareStatement("""
                INSERT INTO article_revision (article_id, title, summary, body_markdown, topics, status,
                                              saved_by, saved_at, featured_image_path)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Map.Entry<Long, List<RevisionItem>> e : revisionsByArticle.entrySet()) {
                for (RevisionItem r : e.getValue()) {
                    ins.setLong(1, e.getKey());
                    ins.setString(2, r.title());
                    ins.setString(3, r.summary());
                    ins.setString(4, r.markdown());
                    ins.setString(5, r.topics());
                    ins.setString(6, r.status());
                    ins.setString(7, r.savedBy());
                    ins.setObject(8, SqlValues.utc(r.savedAt()));
                    ins.setString(9, r.featuredImage());
                    ins.addBatch();
                }
            }
            ins.executeBatch();
        }
    }

    /** The articles in any of these topics. */
    Set<Long> findInTopics(List<Long> topicIds) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement s = db.prepareStatement("SELECT DISTINCT article_id FROM article_topic"
                + " WHERE topic_id IN (" + SqlValues.marks(topicIds.size()) + ")")) {
            SqlValues.bind(s, topicIds);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
        }
        return ids;
    }
}
