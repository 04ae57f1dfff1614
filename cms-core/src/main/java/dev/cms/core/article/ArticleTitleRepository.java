package dev.cms.core.article;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/**
 * Articles found by their exact title, as imports name them: a page already imported (same title
 * and publish time) and the article a 相关内容 title points to. Titles are indexed (V18).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ArticleTitleRepository extends GenericRepository<Article, Long> {

    /** Any article, trashed ones included, with this title and publish time. */
    @Query("SELECT id FROM article WHERE title = :title AND published_at = :publishedAt ORDER BY id LIMIT 1")
    Optional<Long> findIdByTitleAndPublishedAt(String title, Instant publishedAt);

    /** Any article, trashed ones included, with this title. */
    @Query("SELECT id FROM article WHERE title = :title ORDER BY id LIMIT 1")
    Optional<Long> findIdByTitle(String title);

    /** The article a link to this title should reach: not trashed, a published one first, then the newest. */
    @Query("""
            SELECT id FROM article WHERE title = :title AND status <> 'TRASHED'
            ORDER BY CASE WHEN status = 'PUBLISHED' THEN 0 ELSE 1 END, id DESC
            LIMIT 1""")
    Optional<Long> findLinkTarget(String title);
}
