package dev.cms.core.feed;

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
 * The queries behind the RSS and Atom feeds: published articles only ({@link Visibility#PUBLISHED}),
 * newest first (along the index, as {@link ArticleRepository#NEWEST_FIRST}), without bodies.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FeedRepository extends GenericRepository<Article, Long> {

    @Query("""
            SELECT a.id, a.slug, a.title, a.summary, a.published_at, a.updated_at, a.created_at FROM article a
            WHERE """ + Visibility.PUBLISHED + ArticleRepository.NEWEST_FIRST + """

            LIMIT :limit""")
    List<FeedEntry> findPublishedEntries(Instant now, int limit);

    @Query("""
            SELECT a.id, a.slug, a.title, a.summary, a.published_at, a.updated_at, a.created_at
            FROM article_topic link JOIN article a ON a.id = link.article_id
            WHERE link.topic_id = :topicId AND """ + Visibility.PUBLISHED + """

            ORDER BY a.published_at DESC, a.id DESC
            LIMIT :limit""")
    List<FeedEntry> findPublishedEntriesOfTopic(Long topicId, Instant now, int limit);

    /** The topic with this slug, if at least one published article carries it (others are not public). */
    @Query("""
            SELECT t.id, t.slug, t.name FROM topic t
            WHERE t.slug = :slug AND EXISTS (
                SELECT 1 FROM article_topic link JOIN article a ON a.id = link.article_id
                WHERE link.topic_id = t.id AND """ + Visibility.PUBLISHED + ")")
    Optional<FeedTopic> findPublicTopicBySlug(String slug, Instant now);
}
