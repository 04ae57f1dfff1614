package dev.cms.core.related;

import dev.cms.core.article.Article;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;

/** The stored related lists: written when content changes, read with one query per page. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RelatedRepository extends GenericRepository<Article, Long> {

    @Query("DELETE FROM related_article WHERE article_id = :articleId")
    void deleteList(Long articleId);

    /**
     * Stores the list of one article in one statement: published articles sharing at least one
     * topic, most shared topics first, then newest.
     */
    @Query("""
            INSERT INTO related_article (article_id, related_id, position, score)
            SELECT :articleId, ranked.id,
                   ROW_NUMBER() OVER (ORDER BY ranked.shared DESC, ranked.published_at DESC, ranked.id DESC),
                   ranked.shared
            FROM (
                SELECT a.id AS id, a.published_at AS published_at, COUNT(*) AS shared
                FROM article_topic mine
                JOIN article_topic other ON other.topic_id = mine.topic_id AND other.article_id <> mine.article_id
                JOIN article a ON a.id = other.article_id
                WHERE mine.article_id = :articleId AND a.status = 'PUBLISHED' AND a.published_at <= :now
                GROUP BY a.id, a.published_at
                ORDER BY shared DESC, a.published_at DESC, a.id DESC
                LIMIT :limit
            ) ranked""")
    void insertList(Long articleId, Instant now, int limit);

    /** Articles that share a topic with the given one (candidates whose lists it may enter). */
    @Query("""
            SELECT DISTINCT other.article_id FROM article_topic mine
            JOIN article_topic other ON other.topic_id = mine.topic_id
            WHERE mine.article_id = :articleId AND other.article_id <> :articleId""")
    List<Long> findNeighbourIds(Long articleId);

    /** Articles whose stored lists currently contain the given one (lists it may leave). */
    @Query("SELECT article_id FROM related_article WHERE related_id = :articleId")
    List<Long> findListingIds(Long articleId);

    @Query("""
            SELECT a.slug, a.title, a.published_at FROM related_article r
            JOIN article a ON a.id = r.related_id
            WHERE r.article_id = :articleId AND a.status = 'PUBLISHED' AND a.published_at <= :now
            ORDER BY r.position""")
    List<RelatedLink> findPublishedList(Long articleId, Instant now);
}
