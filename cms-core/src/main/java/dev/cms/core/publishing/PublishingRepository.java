package dev.cms.core.publishing;

import dev.cms.core.article.Article;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;

/** The scheduler's statements: find what is due, and claim one due article atomically. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PublishingRepository extends GenericRepository<Article, Long> {

    /**
     * Scheduled articles whose time has come, oldest first; those whose time lies before
     * {@code earliest} are left out (see {@link #findScheduledBefore}), or they would be first in
     * every batch for ever.
     */
    @Query("""
            SELECT id FROM article WHERE status = 'SCHEDULED' AND published_at <= :now AND published_at >= :earliest
            ORDER BY published_at, id LIMIT :limit""")
    List<Long> findDue(Instant now, Instant earliest, int limit);

    /**
     * Scheduled articles with a publish time before any the editor accepts (stored before times
     * were checked, or by a database that wrapped an absurd year around): left for a person to fix.
     */
    @Query("SELECT id FROM article WHERE status = 'SCHEDULED' AND published_at < :earliest ORDER BY id LIMIT :limit")
    List<Long> findScheduledBefore(Instant earliest, int limit);

    /**
     * Publishes one due article if it is still scheduled. Returns 1 for the one node whose update
     * wins, 0 for every other node trying at the same moment: each article is published once.
     */
    @Query("""
            UPDATE article SET status = 'PUBLISHED', updated_at = :now, version = version + 1
            WHERE id = :id AND status = 'SCHEDULED' AND published_at <= :now""")
    int claim(Long id, Instant now);
}
