package dev.cms.core.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Articles. Public queries are the {@code findPublished...} ones: they encode
 * {@code status = 'PUBLISHED' AND published_at <= :now}, so drafts never reach readers.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ArticleRepository extends CrudRepository<Article, Long> {

    Optional<Article> findBySlug(String slug);

    boolean existsBySlug(String slug);

    @Query("SELECT * FROM article WHERE slug = :slug AND status = 'PUBLISHED' AND published_at <= :now")
    Optional<Article> findPublishedBySlug(String slug, Instant now);

    @Query("""
            SELECT id, slug, title, summary, published_at FROM article
            WHERE status = 'PUBLISHED' AND published_at <= :now
            ORDER BY published_at DESC, id DESC
            LIMIT :limit""")
    List<ArticleSummary> findPublishedSummaries(Instant now, int limit);

    @Query("""
            SELECT id, slug, title, summary, published_at FROM article
            WHERE status = 'PUBLISHED' AND published_at <= :now
            ORDER BY published_at DESC, id DESC
            LIMIT :limit OFFSET :offset""")
    List<ArticleSummary> findPublishedSummaries(Instant now, int limit, long offset);

    @Query("SELECT COUNT(*) FROM article WHERE status = 'PUBLISHED' AND published_at <= :now")
    long countPublished(Instant now);

    @Query("""
            SELECT a.id, a.slug, a.title, a.summary, a.published_at FROM article a
            JOIN article_topic link ON link.article_id = a.id
            WHERE link.topic_id = :topicId AND a.status = 'PUBLISHED' AND a.published_at <= :now
            ORDER BY a.published_at DESC, a.id DESC
            LIMIT :limit OFFSET :offset""")
    List<ArticleSummary> findPublishedSummariesInTopic(Long topicId, Instant now, int limit, long offset);

    @Query("""
            SELECT COUNT(*) FROM article a JOIN article_topic link ON link.article_id = a.id
            WHERE link.topic_id = :topicId AND a.status = 'PUBLISHED' AND a.published_at <= :now""")
    long countPublishedInTopic(Long topicId, Instant now);

    /** Published in [from, to), for monthly archives. */
    @Query("""
            SELECT id, slug, title, summary, published_at FROM article
            WHERE status = 'PUBLISHED' AND published_at <= :now AND published_at >= :from AND published_at < :to
            ORDER BY published_at DESC, id DESC
            LIMIT :limit OFFSET :offset""")
    List<ArticleSummary> findPublishedSummariesBetween(Instant from, Instant to, Instant now, int limit, long offset);

    @Query("""
            SELECT COUNT(*) FROM article
            WHERE status = 'PUBLISHED' AND published_at <= :now AND published_at >= :from AND published_at < :to""")
    long countPublishedBetween(Instant from, Instant to, Instant now);

    /** One keyset page of the admin list, newest change first. */
    @Query("""
            SELECT a.id, a.slug, a.title, a.status, a.published_at, a.updated_at, a.updated_at AS sort_time FROM article a
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
            SELECT a.id, a.slug, a.title, a.status, a.published_at, a.updated_at, COALESCE(a.published_at, a.created_at) AS sort_time FROM article a
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

    /** The author column is kept out of the entity: it is set once, at creation, by this. */
    @Query("UPDATE article SET author_id = :authorId WHERE id = :id")
    void setAuthor(Long id, Long authorId);

    @Query("SELECT author_id FROM article WHERE id = :id")
    Optional<Long> findAuthorId(Long id);
}
