package dev.cms.core.content;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/**
 * The single row of {@code content_version}, the change log {@code content_change} and the
 * {@code content_footprint} of each article. The statements a committing transaction runs on its
 * own connection ({@link ContentVersion}) are here as constants. Also the publish times that bound
 * how long {@link ContentFacts} may keep a figure.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ContentVersionRepository extends GenericRepository<ContentVersionRow, Integer> {

    /** The raise, also run on a committing transaction's own connection by {@link ContentVersion}. */
    String RAISE = "UPDATE content_version SET version = version + 1 WHERE id = 1";
    String CURRENT = "SELECT version FROM content_version WHERE id = 1";
    String INSERT_CHANGE = "INSERT INTO content_change (id, tags, changed_at) VALUES (?, ?, ?)";
    /** Rows out of the kept window; a node that had not read them yet drops every page. */
    String PRUNE = "DELETE FROM content_change WHERE id <= ?";
    String LISTEN = "LISTEN " + ContentNotifications.CHANNEL;
    String NOTIFY = "SELECT pg_notify('" + ContentNotifications.CHANNEL + "', ?)";

    String ARTICLE = "SELECT slug, status, published_at FROM article WHERE id = ?";
    String TOPIC_SLUGS = "SELECT t.slug FROM article_topic a JOIN topic t ON t.id = a.topic_id WHERE a.article_id = ?";
    String OLD_SLUGS = "SELECT old_slug FROM slug_redirect WHERE article_id = ?";
    String FOOTPRINT = "SELECT tags FROM content_footprint WHERE article_id = ?";
    String FORGET_FOOTPRINT = "DELETE FROM content_footprint WHERE article_id = ?";
    String FOOTPRINT_H2 = "MERGE INTO content_footprint (article_id, tags) KEY (article_id) VALUES (?, ?)";
    String FOOTPRINT_POSTGRES = "INSERT INTO content_footprint (article_id, tags) VALUES (?, ?)"
            + " ON CONFLICT (article_id) DO UPDATE SET tags = EXCLUDED.tags";
    /** Slugs of the articles whose related lists changed, for as many ids as the statement has marks. */
    String CHANGES = "SELECT id, tags FROM content_change WHERE id > ? AND id <= ? ORDER BY id";
    String SLUGS_OF = "SELECT slug FROM article WHERE id IN (%s)";

    @Query(RAISE)
    int increment();

    @Query(CURRENT)
    long current();

    /** When the newest public article was published (none yet: empty). */
    @Query("SELECT a.published_at FROM article a WHERE " + Visibility.PUBLISHED
            + "ORDER BY a.status DESC, a.published_at DESC LIMIT 1")
    Optional<Instant> findLastPublicationUpTo(Instant now);

    /** When the oldest public article was published (none yet: empty); along the same index, the other way. */
    @Query("SELECT a.published_at FROM article a WHERE " + Visibility.PUBLISHED
            + "ORDER BY a.status, a.published_at LIMIT 1")
    Optional<Instant> findFirstPublicationUpTo(Instant now);

    /** When the next article already published for a later time becomes public (none: empty). */
    @Query("""
            SELECT a.published_at FROM article a WHERE a.status = 'PUBLISHED' AND a.published_at > :now
            ORDER BY a.status, a.published_at LIMIT 1""")
    Optional<Instant> findNextPublicationAfter(Instant now);
}
