package dev.cms.core.feed;

import dev.cms.core.article.Article;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The queries behind the RSS and Atom feeds: published articles only
 * ({@code status = 'PUBLISHED' AND published_at <= :now}), newest first, without bodies.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FeedRepository extends GenericRepository<Article, Long> {

    @Query("""
            SELECT id, slug, title, summary, published_at, updated_at, created_at FROM article
            WHERE status = 'PUBLISHED' AND published_at <= :now
            ORDER BY published_at DESC, id DESC
            LIMIT :limit""")
    List<FeedEntry> findPublishedEntries(Instant now, int limit);

    @Query("""
            SELECT a.id, a.slug, a.title, a.summary, a.published_at, a.updated_at, a.created_at
            FROM article_topic link JOIN article a ON a.id = link.article_id
            WHERE link.topic_id = :topicId AND a.status = 'PUBLISHED' AND a.published_at <= :now
            ORDER BY a.published_at DESC, a.id DESC
            LIMIT :limit""")
    List<FeedEntry> findPublishedEntriesOfTopic(Long topicId, Instant now, int limit);

    /** The topic with this slug, if at least one published article carries it (others are not public). */
    @Query("""
            SELECT t.id, t.slug, t.name FROM topic t
            WHERE t.slug = :slug AND EXISTS (
                SELECT 1 FROM article_topic link JOIN article a ON a.id = link.article_id
                WHERE link.topic_id = t.id AND a.status = 'PUBLISHED' AND a.published_at <= :now)""")
    Optional<FeedTopic> findPublicTopicBySlug(String slug, Instant now);
}
