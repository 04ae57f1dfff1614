package dev.cms.core.search;

import dev.cms.core.article.Article;
import dev.cms.core.content.Visibility;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The queries the search index is fed and checked with. The index holds every PUBLISHED article
 * (also one whose publish time is still ahead: searches filter on it); readers only ever get what
 * {@link #findPublishedVersions} confirms ({@link Visibility#PUBLISHED}).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SearchRepository extends GenericRepository<Article, Long> {

    /**
     * One page of a full rebuild, keyset by id so no page ever holds more than {@code limit} bodies.
     * Ordered by (status, id), the index's columns, so H2 walks the index ix_article_status_id from
     * the last id and stops after the page (ordered by id alone, it read and sorted every published
     * row for each page: a rebuild of 100,000 articles took over 14 minutes).
     */
    @Query("""
            SELECT id, slug, title, summary, body_markdown, published_at, updated_at FROM article
            WHERE status = 'PUBLISHED' AND published_at IS NOT NULL AND id > :afterId
            ORDER BY status, id
            LIMIT :limit""")
    List<IndexableArticle> findIndexable(long afterId, int limit);

    /** The article as the index should hold it; empty when it must not be in the index at all. */
    @Query("""
            SELECT id, slug, title, summary, body_markdown, published_at, updated_at FROM article
            WHERE id = :id AND status = 'PUBLISHED' AND published_at IS NOT NULL""")
    Optional<IndexableArticle> findIndexableById(long id);

    @Query("SELECT COUNT(*) FROM article WHERE status = 'PUBLISHED' AND published_at IS NOT NULL")
    long countIndexable();

    /**
     * Articles changed at or after {@code since} (in any status: an unpublished one must leave the
     * index), keyset by (updated_at, id) starting after the row ({@code since}, {@code afterId}).
     */
    @Query("""
            SELECT id, updated_at FROM article
            WHERE updated_at > :since OR (updated_at = :since AND id > :afterId)
            ORDER BY updated_at, id
            LIMIT :limit""")
    List<ChangedArticle> findChangedSince(Instant since, long afterId, int limit);

    @Query("""
            SELECT a.id, a.slug, a.title, a.published_at, a.updated_at FROM article a
            WHERE a.id IN (:ids) AND """ + Visibility.PUBLISHED)
    List<PublishedVersion> findPublishedVersions(Collection<Long> ids, Instant now);

    /** The newest "rebuild every node's index" an operator asked for; an index rebuilt for an older one rebuilds. */
    @Query("SELECT generation FROM search_reindex WHERE id = 1")
    long findReindexGeneration();

    /** Asks every node to rebuild its index (each sees the new generation at its next catch-up). */
    @Query("UPDATE search_reindex SET generation = generation + 1, requested_at = :at, requested_by = :by WHERE id = 1")
    void requestReindex(Instant at, String by);
}
