package dev.cms.core.article;

import dev.cms.core.content.Visibility;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Articles. Public queries are the {@code findPublished...} ones: they all carry
 * {@link Visibility#PUBLISHED}, so drafts never reach readers.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ArticleRepository extends CrudRepository<Article, Long> {

    Optional<Article> findBySlug(String slug);

    boolean existsBySlug(String slug);

    @Query("SELECT a.* FROM article a WHERE a.slug = :slug AND " + Visibility.PUBLISHED)
    Optional<Article> findPublishedBySlug(String slug, Instant now);

    /*
     * The public lists read the index (status, published_at, id) in its order and stop after the
     * page: ORDER BY names status too, although it is a constant here, because H2 only walks an
     * index in order when the ORDER BY starts with its first column (otherwise it reads every
     * published row and sorts them). A numbered page skips the rows before it inside a subquery
     * that selects only indexed columns, so the skip reads index entries, never article rows.
     */

    String NEWEST_FIRST = " ORDER BY a.status DESC, a.published_at DESC, a.id DESC";

    @Query("""
            SELECT a.id, a.slug, a.title, a.summary, a.published_at, a.featured_image_path,
                   a.featured_image_width, a.featured_image_height FROM article a
            WHERE """ + Visibility.PUBLISHED + NEWEST_FIRST + """

            LIMIT :limit""")
    List<ArticleSummary> findPublishedSummaries(Instant now, int limit);

    @Query("""
            SELECT shown.id, shown.slug, shown.title, shown.summary, shown.published_at, shown.featured_image_path,
                   shown.featured_image_width, shown.featured_image_height FROM article shown
            JOIN (SELECT a.id FROM article a WHERE """ + Visibility.PUBLISHED + NEWEST_FIRST + """

                  LIMIT :limit OFFSET :offset) page ON page.id = shown.id
            ORDER BY shown.published_at DESC, shown.id DESC""")
    List<ArticleSummary> findPublishedSummaries(Instant now, int limit, long offset);

    @Query("SELECT COUNT(*) FROM article a WHERE " + Visibility.PUBLISHED)
    long countPublished(Instant now);

    @Query("""
            SELECT a.id, a.slug, a.title, a.summary, a.published_at, a.featured_image_path,
                   a.featured_image_width, a.featured_image_height FROM article a
            JOIN article_topic link ON link.article_id = a.id
            WHERE link.topic_id = :topicId AND """ + Visibility.PUBLISHED + """

            ORDER BY a.published_at DESC, a.id DESC
            LIMIT :limit OFFSET :offset""")
    List<ArticleSummary> findPublishedSummariesInTopic(Long topicId, Instant now, int limit, long offset);

    @Query("""
            SELECT COUNT(*) FROM article a JOIN article_topic link ON link.article_id = a.id
            WHERE link.topic_id = :topicId AND """ + Visibility.PUBLISHED)
    long countPublishedInTopic(Long topicId, Instant now);

    /*
     * The article page's previous / next links: the neighbours of (publishedAt, articleId) in the
     * order of the topic's list. They start from the topic's links (ix_article_topic_topic), so they
     * read that topic's articles, never the whole site.
     */

    /** The newest published article of the topic older than (publishedAt, articleId). */
    @Query("""
            SELECT a.id, a.slug, a.title, a.summary, a.published_at, a.featured_image_path,
                   a.featured_image_width, a.featured_image_height FROM article a
            JOIN article_topic link ON link.article_id = a.id
            WHERE link.topic_id = :topicId AND """ + Visibility.PUBLISHED + """

              AND (a.published_at < :publishedAt OR (a.published_at = :publishedAt AND a.id < :articleId))
            ORDER BY a.published_at DESC, a.id DESC
            LIMIT 1""")
    Optional<ArticleSummary> findPublishedBeforeInTopic(Long topicId, Instant publishedAt, Long articleId,
                                                        Instant now);

    /** The oldest published article of the topic newer than (publishedAt, articleId). */
    @Query("""
            SELECT a.id, a.slug, a.title, a.summary, a.published_at, a.featured_image_path,
                   a.featured_image_width, a.featured_image_height FROM article a
            JOIN article_topic link ON link.article_id = a.id
            WHERE link.topic_id = :topicId AND """ + Visibility.PUBLISHED + """

              AND (a.published_at > :publishedAt OR (a.published_at = :publishedAt AND a.id > :articleId))
            ORDER BY a.published_at ASC, a.id ASC
            LIMIT 1""")
    Optional<ArticleSummary> findPublishedAfterInTopic(Long topicId, Instant publishedAt, Long articleId,
                                                       Instant now);

    /** Published in [from, to), for monthly archives. */
    @Query("""
            SELECT shown.id, shown.slug, shown.title, shown.summary, shown.published_at, shown.featured_image_path,
                   shown.featured_image_width, shown.featured_image_height FROM article shown
            JOIN (SELECT a.id FROM article a
                  WHERE """ + Visibility.PUBLISHED + " AND a.published_at >= :from AND a.published_at < :to"
                  + NEWEST_FIRST + """

                  LIMIT :limit OFFSET :offset) page ON page.id = shown.id
            ORDER BY shown.published_at DESC, shown.id DESC""")
    List<ArticleSummary> findPublishedSummariesBetween(Instant from, Instant to, Instant now, int limit, long offset);

    @Query("""
            SELECT COUNT(*) FROM article a
            WHERE """ + Visibility.PUBLISHED + " AND a.published_at >= :from AND a.published_at < :to")
    long countPublishedBetween(Instant from, Instant to, Instant now);

    /** One keyset page of the admin list, newest change first. */
    @Query("""
            SELECT a.id, a.slug, a.title, a.status, a.published_at, a.updated_at, a.updated_at AS sort_time,
                   EXISTS (SELECT 1 FROM article_pending p WHERE p.article_id = a.id) AS pending FROM article a
            WHERE a.status <> 'TRASHED'
              AND (CAST(:status AS VARCHAR) IS NULL OR a.status = :status)
              AND (CAST(:authorId AS BIGINT) IS NULL OR a.author_id = :authorId)
              AND (CAST(:topicId AS BIGINT) IS NULL
                   OR EXISTS (SELECT 1 FROM article_topic l WHERE l.article_id = a.id AND l.topic_id = :topicId))
              AND (CAST(:titleLike AS VARCHAR) IS NULL OR LOWER(a.title) LIKE :titleLike)
              AND (CAST(:afterTime AS TIMESTAMP WITH TIME ZONE) IS NULL OR a.updated_at < :afterTime
                   OR (a.updated_at = :afterTime AND a.id < :afterId))
            ORDER BY a.updated_at DESC, a.id DESC
            LIMIT :limit""")
    List<ArticleAdminRow> pageByUpdated(@Nullable String status, @Nullable Long authorId, @Nullable Long topicId,
                                   @Nullable String titleLike, @Nullable Instant afterTime, @Nullable Long afterId, int limit);

    /** One keyset page of the admin list, by publish time (drafts by creation time), newest first. */
    @Query("""
            SELECT a.id, a.slug, a.title, a.status, a.published_at, a.updated_at, COALESCE(a.published_at, a.created_at) AS sort_time,
                   EXISTS (SELECT 1 FROM article_pending p WHERE p.article_id = a.id) AS pending FROM article a
            WHERE a.status <> 'TRASHED'
              AND (CAST(:status AS VARCHAR) IS NULL OR a.status = :status)
              AND (CAST(:authorId AS BIGINT) IS NULL OR a.author_id = :authorId)
              AND (CAST(:topicId AS BIGINT) IS NULL
                   OR EXISTS (SELECT 1 FROM article_topic l WHERE l.article_id = a.id AND l.topic_id = :topicId))
              AND (CAST(:titleLike AS VARCHAR) IS NULL OR LOWER(a.title) LIKE :titleLike)
              AND (CAST(:afterTime AS TIMESTAMP WITH TIME ZONE) IS NULL
                   OR COALESCE(a.published_at, a.created_at) < :afterTime
                   OR (COALESCE(a.published_at, a.created_at) = :afterTime AND a.id < :afterId))
            ORDER BY COALESCE(a.published_at, a.created_at) DESC, a.id DESC
            LIMIT :limit""")
    List<ArticleAdminRow> pageByPublished(@Nullable String status, @Nullable Long authorId, @Nullable Long topicId,
                                     @Nullable String titleLike, @Nullable Instant afterTime, @Nullable Long afterId, int limit);

    /** Trash bookkeeping lives outside the entity too: these two statements own it. */
    @Query("""
            UPDATE article SET status_before_trash = status, status = 'TRASHED', trashed_at = :now,
                   updated_at = :now, version = version + 1
            WHERE id = :id AND status <> 'TRASHED'""")
    int moveToTrash(Long id, Instant now);

    @Query("""
            UPDATE article SET status = COALESCE(status_before_trash, 'DRAFT'), status_before_trash = NULL,
                   trashed_at = NULL, updated_at = :now, version = version + 1
            WHERE id = :id AND status = 'TRASHED'""")
    int restoreFromTrash(Long id, Instant now);

    @Query("DELETE FROM article WHERE id = :id AND status = 'TRASHED'")
    int purge(Long id);

    @Query("""
            SELECT id, slug, title, status, published_at, updated_at FROM article
            WHERE status = 'TRASHED' ORDER BY trashed_at DESC, id DESC LIMIT :limit""")
    List<ArticleRow> listTrash(int limit);

    /** The rows of these articles, trashed ones too: the audit page names them by title (one query per page). */
    @Query("SELECT id, slug, title, status, published_at, updated_at FROM article WHERE id IN (:ids)")
    List<ArticleRow> findRowsByIds(Collection<Long> ids);

    /** The author column is kept out of the entity: it is set once, at creation, by this. */
    @Query("UPDATE article SET author_id = :authorId WHERE id = :id")
    void setAuthor(Long id, Long authorId);

    /**
     * Raises the version of an article without changing what it shows, only if it is still
     * {@code version}: a pending change saved or dropped makes every form opened before it stale.
     */
    @Query("UPDATE article SET version = version + 1 WHERE id = :id AND version = :version")
    int raiseVersion(Long id, Long version);

    @Query("SELECT author_id FROM article WHERE id = :id")
    Optional<Long> findAuthorId(Long id);
}
