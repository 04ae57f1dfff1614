package dev.cms.core.related;

import dev.cms.core.article.Article;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The stored related lists: written when content changes, read with one query per page. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RelatedRepository extends GenericRepository<Article, Long> {

    @Query("SELECT article_id, pinned, related_ids FROM related_list WHERE article_id = :articleId")
    Optional<StoredList> findList(Long articleId);

    /** Published articles now: N in the topic weights below. */
    @Query("SELECT COUNT(*) FROM article WHERE status = 'PUBLISHED' AND published_at <= :now")
    long countPublished(Instant now);

    /** The editor's pins that are published now, in pin order: the top of the list. */
    @Query("""
            SELECT o.related_id FROM related_override o JOIN article a ON a.id = o.related_id
            WHERE o.article_id = :articleId AND o.kind = 'PIN'
              AND a.status = 'PUBLISHED' AND a.published_at <= :now
            ORDER BY o.position, o.related_id""")
    List<Long> findPublishedPins(Long articleId, Instant now);

    /**
     * The computed part of the list, best first: published articles sharing a topic, scored by the
     * sum of the shared topics' weights ln(1 + N / articles in the topic), so a rare shared topic
     * counts more than a common one; ties go to the newest. Pinned and excluded articles are left
     * out. Written as joins from the article's own topics (not IN/NOT IN subqueries), which H2
     * would evaluate again for every row: that made a list cost time in proportion to the whole site.
     */
    @Query("""
            SELECT a.id
            FROM (
                SELECT link.topic_id AS topic_id,
                       LN(1.0 + CAST(:total AS DOUBLE PRECISION) / COUNT(*)) AS weight
                FROM article_topic mine
                JOIN article_topic link ON link.topic_id = mine.topic_id
                JOIN article p ON p.id = link.article_id
                WHERE mine.article_id = :articleId
                  AND p.status = 'PUBLISHED' AND p.published_at <= :now
                GROUP BY link.topic_id
            ) w
            JOIN article_topic other ON other.topic_id = w.topic_id AND other.article_id <> :articleId
            JOIN article a ON a.id = other.article_id
            WHERE a.status = 'PUBLISHED' AND a.published_at <= :now
              AND NOT EXISTS (SELECT 1 FROM related_override o
                              WHERE o.article_id = :articleId AND o.related_id = a.id)
            GROUP BY a.id, a.published_at
            ORDER BY SUM(w.weight) DESC, a.published_at DESC, a.id DESC
            LIMIT :limit""")
    List<Long> findComputed(Long articleId, Instant now, long total, int limit);

    @Query("""
            INSERT INTO related_override (article_id, related_id, kind, position, created_at)
            VALUES (:articleId, :relatedId, :kind, :position, :createdAt)""")
    void insertOverride(Long articleId, Long relatedId, String kind, int position, Instant createdAt);

    @Query("DELETE FROM related_override WHERE article_id = :articleId AND related_id = :relatedId")
    void deleteOverride(Long articleId, Long relatedId);

    @Query("SELECT COALESCE(MAX(position), 0) FROM related_override WHERE article_id = :articleId AND kind = 'PIN'")
    int maxPinPosition(Long articleId);

    /** Articles that share a topic with the given one (candidates whose lists it may enter). */
    @Query("""
            SELECT DISTINCT other.article_id FROM article_topic mine
            JOIN article_topic other ON other.topic_id = mine.topic_id
            WHERE mine.article_id = :articleId AND other.article_id <> :articleId""")
    List<Long> findNeighbourIds(Long articleId);

    /** Articles sharing a topic with any of these (and these themselves). */
    @Query("""
            SELECT DISTINCT other.article_id FROM article_topic mine
            JOIN article_topic other ON other.topic_id = mine.topic_id
            WHERE mine.article_id IN (:articleIds)""")
    List<Long> findNeighbourIdsOfAll(Collection<Long> articleIds);

    /**
     * Articles whose lists pin any of these: with the articles sharing a topic with them, every
     * list they can be in (the lists they may leave).
     */
    @Query("SELECT DISTINCT article_id FROM related_override WHERE related_id IN (:articleIds) AND kind = 'PIN'")
    List<Long> findPinningIdsOfAll(Collection<Long> articleIds);

    @Query("""
            SELECT a.id, a.slug, a.title, o.kind FROM related_override o JOIN article a ON a.id = o.related_id
            WHERE o.article_id = :articleId
            ORDER BY o.kind DESC, o.position, a.title""")
    List<RelatedOverride> findOverrides(Long articleId);
}
