package dev.cms.core.sitemap;

import dev.cms.core.article.Article;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The queries behind the sitemap: published articles ({@code status = 'PUBLISHED' AND
 * published_at <= :now}) and the topics that have one, read in keyset batches by id so a site of
 * any size is never loaded at once.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SitemapRepository extends GenericRepository<Article, Long> {

    /** How many articles are published, counting no further than {@code cap}. */
    @Query("""
            SELECT COUNT(*) FROM (
                SELECT id FROM article WHERE status = 'PUBLISHED' AND published_at <= :now LIMIT :cap
            ) capped""")
    long countPublishedArticles(Instant now, int cap);

    /** How many topics carry a published article, counting no further than {@code cap}. */
    @Query("""
            SELECT COUNT(*) FROM (
                SELECT t.id FROM topic t
                WHERE EXISTS (
                    SELECT 1 FROM article_topic link JOIN article a ON a.id = link.article_id
                    WHERE link.topic_id = t.id AND a.status = 'PUBLISHED' AND a.published_at <= :now)
                LIMIT :cap
            ) capped""")
    long countPublicTopics(Instant now, int cap);

    @Query("""
            SELECT published_at FROM article WHERE status = 'PUBLISHED' AND published_at <= :now
            ORDER BY published_at DESC LIMIT 1""")
    Optional<Instant> findNewestPublishedAt(Instant now);

    @Query("""
            SELECT id, slug, updated_at AS last_modified FROM article
            WHERE id > :afterId AND id < :toId AND status = 'PUBLISHED' AND published_at <= :now
            ORDER BY id
            LIMIT :limit""")
    List<SitemapEntry> findPublishedArticles(Instant now, long afterId, long toId, int limit);

    /** Topics with a published article; a topic changed last when its newest article was published. */
    @Query("""
            SELECT t.id, t.slug, MAX(a.published_at) AS last_modified
            FROM topic t
            JOIN article_topic link ON link.topic_id = t.id
            JOIN article a ON a.id = link.article_id
            WHERE t.id > :afterId AND t.id < :toId AND a.status = 'PUBLISHED' AND a.published_at <= :now
            GROUP BY t.id, t.slug
            ORDER BY t.id
            LIMIT :limit""")
    List<SitemapEntry> findPublicTopics(Instant now, long afterId, long toId, int limit);

    /** The article pages of a sitemap index that have at least one URL (see {@link SitemapRange}). */
    @Query("""
            SELECT number, MAX(last_modified) AS last_modified FROM (
                SELECT id / :pageSize + 1 AS number, updated_at AS last_modified FROM article
                WHERE status = 'PUBLISHED' AND published_at <= :now
            ) paged
            GROUP BY number
            ORDER BY number""")
    List<SitemapPage> findArticlePages(Instant now, int pageSize);

    /** The topic pages of a sitemap index that have at least one topic URL. */
    @Query("""
            SELECT number, MAX(last_modified) AS last_modified FROM (
                SELECT t.id / :pageSize + 1 AS number, a.published_at AS last_modified
                FROM topic t
                JOIN article_topic link ON link.topic_id = t.id
                JOIN article a ON a.id = link.article_id
                WHERE a.status = 'PUBLISHED' AND a.published_at <= :now
            ) paged
            GROUP BY number
            ORDER BY number""")
    List<SitemapPage> findTopicPages(Instant now, int pageSize);
}
