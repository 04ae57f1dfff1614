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
            WHERE link.article_id = :articleId ORDER BY t.name""")
    List<Topic> findByArticle(Long articleId);

    @Query("INSERT INTO article_topic (article_id, topic_id) VALUES (:articleId, :topicId)")
    void link(Long articleId, Long topicId);

    @Query("DELETE FROM article_topic WHERE article_id = :articleId")
    void unlinkAll(Long articleId);
}
