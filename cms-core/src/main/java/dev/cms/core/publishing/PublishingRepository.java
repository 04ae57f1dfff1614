package dev.cms.core.publishing;

import dev.cms.core.article.Article;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;

/** The scheduler's two statements: find what is due, and claim one due article atomically. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PublishingRepository extends GenericRepository<Article, Long> {

    @Query("""
            SELECT id FROM article WHERE status = 'SCHEDULED' AND published_at <= :now
            ORDER BY published_at, id LIMIT :limit""")
    List<Long> findDue(Instant now, int limit);

    /**
     * Publishes one due article if it is still scheduled. Returns 1 for the one node whose update
     * wins, 0 for every other node trying at the same moment: each article is published once.
     */
    @Query("""
            UPDATE article SET status = 'PUBLISHED', updated_at = :now, version = version + 1
            WHERE id = :id AND status = 'SCHEDULED' AND published_at <= :now""")
    int claim(Long id, Instant now);
}
