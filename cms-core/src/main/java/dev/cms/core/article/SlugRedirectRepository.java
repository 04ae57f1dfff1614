package dev.cms.core.article;

import dev.cms.core.content.Visibility;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/** Old slugs of articles, so links made before a rename keep working (301 to the current URL). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SlugRedirectRepository extends GenericRepository<Article, Long> {

    @Query("INSERT INTO slug_redirect (old_slug, article_id, created_at) VALUES (:oldSlug, :articleId, :createdAt)")
    void insert(String oldSlug, Long articleId, Instant createdAt);

    /** A slug in use by an article is never also a redirect. */
    @Query("DELETE FROM slug_redirect WHERE old_slug = :slug")
    void deleteBySlug(String slug);

    /** The current slug of the published article an old slug now points to. */
    @Query("""
            SELECT a.slug FROM slug_redirect r JOIN article a ON a.id = r.article_id
            WHERE r.old_slug = :oldSlug AND """ + Visibility.PUBLISHED)
    Optional<String> findPublishedTarget(String oldSlug, Instant now);
}
