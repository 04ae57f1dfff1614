package dev.cms.core.sitemap;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleRepository;
import dev.cms.core.content.Visibility;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The queries behind the sitemap: published articles ({@link Visibility#PUBLISHED}) and the topics
 * that have one, read in keyset batches by id so a site of any size is never loaded at once.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SitemapRepository extends GenericRepository<Article, Long> {

    /** How many articles are published, counting no further than {@code cap}. */
    @Query("""
            SELECT COUNT(*) FROM (
                SELECT a.id FROM article a WHERE """ + Visibility.PUBLISHED + """
                 LIMIT :cap
            ) capped""")
    long countPublishedArticles(Instant now, int cap);

    /** How many topics carry a published article, counting no further than {@code cap}. */
    @Query("""
            SELECT COUNT(*) FROM (
                SELECT t.id FROM topic t
                WHERE EXISTS (
                    SELECT 1 FROM article_topic link JOIN article a ON a.id = link.article_id
                    WHERE link.topic_id = t.id AND """ + Visibility.PUBLISHED + """
            )
                LIMIT :cap
            ) capped""")
    long countPublicTopics(Instant now, int cap);

    @Query("""
            SELECT a.published_at FROM article a WHERE """ + Visibility.PUBLISHED + ArticleRepository.NEWEST_FIRST
            + " LIMIT 1")
    Optional<Instant> findNewestPublishedAt(Instant now);

    /** Ordered by (status, id), the columns of ix_article_status_id, which H2 then walks from afterId and stops. */
    @Query("""
            SELECT a.id, a.slug, a.updated_at AS last_modified FROM article a
            WHERE a.id > :afterId AND a.id < :toId AND """ + Visibility.PUBLISHED + """

            ORDER BY a.status, a.id
            LIMIT :limit""")
    List<SitemapEntry> findPublishedArticles(Instant now, long afterId, long toId, int limit);

    /** Topics with a published article; a topic changed last when its newest article was published. */
    @Query("""
            SELECT t.id, t.slug, MAX(a.published_at) AS last_modified
            FROM topic t
            JOIN article_topic link ON link.topic_id = t.id
            JOIN article a ON a.id = link.article_id
            WHERE t.id > :afterId AND t.id < :toId AND """ + Visibility.PUBLISHED + """

            GROUP BY t.id, t.slug
            ORDER BY t.id
            LIMIT :limit""")
    List<SitemapEntry> findPublicTopics(Instant now, long afterId, long toId, int limit);

    /** The article pages of a sitemap index that have at least one URL (see {@link SitemapRange}). */
    @Query("""
            SELECT number, MAX(last_modified) AS last_modified FROM (
                SELECT a.id / :pageSize + 1 AS number, a.updated_at AS last_modified FROM article a
                WHERE """ + Visibility.PUBLISHED + """

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
                WHERE """ + Visibility.PUBLISHED + """

            ) paged
            GROUP BY number
            ORDER BY number""")
    List<SitemapPage> findTopicPages(Instant now, int pageSize);
}
