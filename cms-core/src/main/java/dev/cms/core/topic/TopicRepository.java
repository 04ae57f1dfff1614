package dev.cms.core.topic;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

/** Topics and the article-topic links. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TopicRepository extends CrudRepository<Topic, Long> {

    Optional<Topic> findByName(String name);

    boolean existsBySlug(String slug);

    Optional<Topic> findBySlug(String slug);

    @Query("""
            SELECT t.* FROM topic t JOIN article_topic link ON link.topic_id = t.id
            WHERE link.article_id = :articleId ORDER BY link.position, t.name""")
    List<Topic> findByArticle(Long articleId);

    /** Links the topic to the article at {@code position} among its topics (0 first). */
    @Query("INSERT INTO article_topic (article_id, topic_id, position) VALUES (:articleId, :topicId, :position)")
    void link(Long articleId, Long topicId, int position);

    @Query("DELETE FROM article_topic WHERE article_id = :articleId")
    void unlinkAll(Long articleId);

    @Query("""
            SELECT t.id, t.slug, t.name, t.description, COUNT(link.article_id) AS articles FROM topic t
            LEFT JOIN article_topic link ON link.topic_id = t.id
            GROUP BY t.id, t.slug, t.name, t.description ORDER BY t.name""")
    List<TopicRow> listWithCounts();

    @Query("SELECT article_id FROM article_topic WHERE topic_id = :topicId")
    List<Long> articleIds(Long topicId);

    /** Moves every link of one topic to another, skipping articles that already carry the target. */
    @Query("""
            INSERT INTO article_topic (article_id, topic_id, position)
            SELECT link.article_id, :targetId, link.position FROM article_topic link
            WHERE link.topic_id = :sourceId
              AND NOT EXISTS (SELECT 1 FROM article_topic t WHERE t.article_id = link.article_id AND t.topic_id = :targetId)""")
    void copyLinks(Long sourceId, Long targetId);

    @Query("INSERT INTO topic_redirect (old_slug, topic_id, created_at) VALUES (:oldSlug, :topicId, :createdAt)")
    void insertRedirect(String oldSlug, Long topicId, java.time.Instant createdAt);

    @Query("DELETE FROM topic_redirect WHERE old_slug = :slug")
    void deleteRedirect(String slug);

    @Query("UPDATE topic_redirect SET topic_id = :targetId WHERE topic_id = :sourceId")
    void moveRedirects(Long sourceId, Long targetId);

    @Query("SELECT t.slug FROM topic_redirect r JOIN topic t ON t.id = r.topic_id WHERE r.old_slug = :oldSlug")
    Optional<String> findRedirectTarget(String oldSlug);
}
