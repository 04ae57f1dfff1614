package dev.cms.core.related;

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
 * The stored related lists: written when content changes, read with one query per page. Its root
 * entity is the list's own row ({@link StoredList}), not the article, so this package needs nothing
 * of the article package above it.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RelatedRepository extends GenericRepository<StoredList, Long> {

    @Query("SELECT article_id, pinned, related_ids FROM related_list WHERE article_id = :articleId")
    Optional<StoredList> findList(Long articleId);

    /** The article's id if it is public now: only a public article has a list. */
    @Query("SELECT a.id FROM article a WHERE a.id = :articleId AND " + Visibility.PUBLISHED)
    Optional<Long> findPublicId(Long articleId, Instant now);

    /** Published articles now: N in the topic weights (see {@link RelatedService}). */
    @Query("SELECT COUNT(*) FROM article a WHERE " + Visibility.PUBLISHED)
    long countPublished(Instant now);

    /** The editor's pins that are published now, in pin order: the top of the list. */
    @Query("""
            SELECT o.related_id FROM related_override o JOIN article a ON a.id = o.related_id
            WHERE o.article_id = :articleId AND o.kind = 'PIN' AND """ + Visibility.PUBLISHED + """

            ORDER BY o.position, o.related_id""")
    List<Long> findPublishedPins(Long articleId, Instant now);

    /** Every article the editor pinned to or excluded from this article's list. */
    @Query("SELECT related_id FROM related_override WHERE article_id = :articleId")
    List<Long> findOverriddenIds(Long articleId);

    /**
     * What the computed part of a list is scored from, first: the links of every article carrying
     * one of this article's topics (the article's own included), read from its own links through the
     * topic index, so it costs what its topics hold, never what the site holds. The articles are
     * read apart ({@link #findPublishedAt}) on purpose: joined here, H2 (with statistics) starts
     * from every published article through the status index and reads the links for each, as
     * the aggregate this replaced did (minutes per publish on a site of 100,000 articles).
     */
    @Query("""
            SELECT link.topic_id, link.article_id
            FROM article_topic mine
            JOIN article_topic link ON link.topic_id = mine.topic_id
            WHERE mine.article_id = :articleId""")
    List<TopicLink> findSharedTopicLinks(Long articleId);

    /** Which of these articles are public now, with their publish times; by primary key. */
    @Query("SELECT a.id, a.published_at FROM article a WHERE a.id IN (:ids) AND " + Visibility.PUBLISHED)
    List<PublishedAt> findPublishedAt(Collection<Long> ids, Instant now);

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
