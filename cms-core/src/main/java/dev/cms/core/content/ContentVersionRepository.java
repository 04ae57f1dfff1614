package dev.cms.core.content;

import dev.cms.core.article.Article;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** The single row of {@code content_version}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ContentVersionRepository extends GenericRepository<Article, Long> {

    /** The raise, also run on a committing transaction's own connection by {@link ContentVersion}. */
    String RAISE = "UPDATE content_version SET version = version + 1 WHERE id = 1";

    @Query(RAISE)
    int increment();

    @Query("SELECT version FROM content_version WHERE id = 1")
    long current();
}
