package dev.cms.core.article;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The pending changes of published articles, one row per article. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PendingChangeRepository extends CrudRepository<PendingChange, Long> {
}
