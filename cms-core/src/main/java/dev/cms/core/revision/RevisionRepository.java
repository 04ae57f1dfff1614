package dev.cms.core.revision;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

/** Saved revisions of articles. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RevisionRepository extends CrudRepository<Revision, Long> {

    @Query("""
            SELECT id, title, saved_by, saved_at FROM article_revision
            WHERE article_id = :articleId ORDER BY id DESC LIMIT :limit""")
    List<RevisionRow> listForArticle(Long articleId, int limit);

    Optional<Revision> findByIdAndArticleId(Long id, Long articleId);
}
