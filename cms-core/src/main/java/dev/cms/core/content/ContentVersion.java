package dev.cms.core.content;

import dev.cms.core.site.SiteSettings;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The public site's content version and change log: every transaction that changes something a
 * public page shows raises the version once and writes, in the same commit, which pages it showed
 * differently ({@link PageTags}) as the {@code content_change} row numbered with the new version.
 * Every node sharing the database reads the rows after the version it last saw and evicts only
 * those pages; a row it can no longer read (pruned, or a raise without a row) makes it drop all.
 *
 * <p>The raise and the row are written once per transaction and only just before it commits: they
 * commit or roll back with the change, yet the version row is locked for the moment of the commit
 * alone. Raising it where the change happens instead would hold that lock for the rest of the
 * transaction, and a long one (an import of a whole folder) would stall every editor's save and
 * the scheduler on every node until it ended. That lock also makes the rows commit in id order, so
 * a reader never sees a later change before an earlier one.
 *
 * <p>What a change to an article shows differently is worked out at that moment too, from the
 * committed-to-be state: its page under its slug, and while it is public the home pages, feeds,
 * sitemaps, its topics' and its month's pages; plus what it showed before, kept as its
 * {@code content_footprint} by its previous change (so the topic it left and the month it moved
 * from are evicted too). Pages linking to it (a related list, a list page) are tagged with its slug
 * by the cache. Related lists that were stored anew name their articles through
 * {@link #listsChanged}. On PostgreSQL the commit also notifies {@link ContentNotifications}.
 *
 * <p>Once the commit has succeeded, this node alone announces the change it wrote as
 * {@link ContentCommitted}: the one place that knows a change was made here and not read from the
 * log (the CDN purge webhook sends each change once, from the node that made it).
 */
@Singleton
public class ContentVersion {

    /** A change naming more pages than this drops every page: cheaper to read than to list. */
    static final int MAX_TAGS = 2000;
    private static final int SLUG_BATCH = 500;

    private final ContentVersionRepository versions;
    private final ApplicationEventPublisher<ContentVersionRaised> raised;
    private final ApplicationEventPublisher<ContentCommitted> committed;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final ZoneId zone;
    private final int keep;
    /** What each connection's current transaction has changed so far. */
    private final Map<Connection, Pending> pending = new ConcurrentHashMap<>();
    private volatile Boolean h2;

    public ContentVersion(ContentVersionRepository versions, ApplicationEventPublisher<ContentVersionRaised> raised,
                          ApplicationEventPublisher<ContentCommitted> committed,
                          TransactionOperations<Connection> transactions, Clock clock, SiteSettings site,
                          @Value("${cms.page-cache.change-log-size:10000}") int keep) {
        this.versions = versions;
        this.raised = raised;
        this.committed = committed;
        this.transactions = transactions;
        this.clock = clock;
        this.zone = site.zone();
        this.keep = keep;
    }

    /**
     * Raises the version when the caller's transaction commits (at once, in its own, when there is
     * none), dropping every cached page: for rare changes that reach many pages (a topic renamed, an import).
     */
    public void raise() {
        record(p -> p.everything = true);
    }

    /** Raises the version at commit, evicting the pages carrying these {@link PageTags}. */
    public void raise(Collection<String> tags) {
        List<String> copy = List.copyOf(tags);
        record(p -> p.tags.addAll(copy));
    }

    /** The stored related lists of these articles changed: their pages show it. */
    public void listsChanged(Collection<Long> articleIds) {
        List<Long> copy = List.copyOf(articleIds);
        record(p -> p.lists.addAll(copy));
    }

    /** Every article change is announced with {@link ArticleChanged}, inside its transaction (the scheduler's claim included). */
    @EventListener
    public void onArticleChanged(ArticleChanged event) {
        record(p -> p.articles.add(event.articleId()));
    }

    @Transactional(readOnly = true)
    public long current() {
        return versions.current();
    }

    /**
     * The changes after version {@code after} up to {@code upTo}, in order; empty when one of them
     * cannot be read (pruned, too many, or a version raised without a row): the reader drops every page then.
     */
    @Transactional(readOnly = true)
    public Optional<List<ContentChange>> changesAfter(long after, long upTo) {
        if (upTo <= after || upTo - after > keep) {
            return Optional.empty();
        }
        List<ContentChange> changes = new ArrayList<>();
        try (PreparedStatement select = transactions.getConnection().prepareStatement(ContentVersionRepository.CHANGES)) {
            select.setLong(1, after);
            select.setLong(2, upTo);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    changes.add(new ContentChange(rows.getLong(1), PageTags.split(rows.getString(2))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the content changes failed: " + e.getMessage(), e);
        }
        return changes.size() == upTo - after ? Optional.of(changes) : Optional.empty();
    }

    private void record(Consumer<Pending> change) {
        Optional<? extends TransactionStatus<?>> current = transactions.findTransactionStatus();
        if (current.isEmpty() || current.get().isCompleted()) {
            transactions.executeWrite(status -> {
                record(change);
                return null;
            });
            return;
        }
        TransactionStatus<?> status = current.get();
        Connection connection = (Connection) status.getConnection();
        Pending changes = pending.get(connection);
        if (changes == null) {
            changes = new Pending();
            pending.put(connection, changes);
            Pending registered = changes;
            try {
                status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void beforeCommit(boolean readOnly) {
                        try {
                            commit(connection, registered);
                        } catch (SQLException e) {
                            throw new IllegalStateException("Raising the content version failed: " + e.getMessage(), e);
                        }
                    }

                    @Override
                    public void afterCompletion(Status completion) {
                        pending.remove(connection);
                        ContentChange written = registered.written;
                        if (completion == Status.COMMITTED && written != null) {
                            committed.publishEvent(new ContentCommitted(written));
                        }
                    }
                });
            } catch (RuntimeException e) {
                pending.remove(connection);
                throw e;
            }
            // Delivered to caches after the commit, when the new version can be read.
            raised.publishEvent(new ContentVersionRaised());
        }
        synchronized (changes) {
            change.accept(changes);
        }
    }

    /** The raise, the change row and the footprints, on the committing transaction's connection. */
    private void commit(Connection db, Pending changes) throws SQLException {
        boolean onH2 = isH2(db);
        Set<String> tags = new LinkedHashSet<>();
        boolean everything;
        synchronized (changes) {
            everything = changes.everything;
            tags.addAll(changes.tags);
            if (everything) {
                forgetFootprints(db, changes.articles);
            } else {
                // In id order, so two transactions never wait for each other's footprint rows.
                for (Long article : new TreeSet<>(changes.articles)) {
                    tags.addAll(footprintChange(db, article, onH2));
                }
                if (changes.lists.size() > MAX_TAGS) {
                    everything = true;
                } else {
                    tags.addAll(slugsOf(db, changes.lists));
                }
            }
        }
        if (everything || tags.size() > MAX_TAGS || tags.contains(PageTags.EVERYTHING)) {
            tags = Set.of(PageTags.EVERYTHING);
        }
        try (PreparedStatement raise = db.prepareStatement(ContentVersionRepository.RAISE)) {
            raise.executeUpdate();
        }
        long version;
        try (PreparedStatement current = db.prepareStatement(ContentVersionRepository.CURRENT);
             ResultSet row = current.executeQuery()) {
            row.next();
            version = row.getLong(1);
        }
        try (PreparedStatement insert = db.prepareStatement(ContentVersionRepository.INSERT_CHANGE)) {
            insert.setLong(1, version);
            insert.setString(2, PageTags.join(tags));
            insert.setTimestamp(3, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        }
        changes.written = new ContentChange(version, Collections.unmodifiableSet(tags));
        try (PreparedStatement prune = db.prepareStatement(ContentVersionRepository.PRUNE)) {
            prune.setLong(1, version - keep);
            prune.executeUpdate();
        }
        if (!onH2) {
            // Delivered by PostgreSQL at commit, to every node listening; never for a rollback.
            try (PreparedStatement notify = db.prepareStatement(ContentVersionRepository.NOTIFY)) {
                notify.setString(1, String.valueOf(version));
                notify.execute();
            }
        }
    }

    /** What the article's change shows differently: what it shows now and what it showed before. */
    private Set<String> footprintChange(Connection db, long articleId, boolean onH2) throws SQLException {
        Set<String> tags = new LinkedHashSet<>();
        Optional<Set<String>> now = footprint(db, articleId);
        String before = null;
        try (PreparedStatement select = db.prepareStatement(ContentVersionRepository.FOOTPRINT)) {
            select.setLong(1, articleId);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    before = row.getString(1);
                }
            }
        }
        if (before != null) {
            tags.addAll(PageTags.split(before));
        } else if (now.isPresent()) {
            // Changed before footprints were kept: where it was listed is unknown, so every list goes.
            // (Gone with no footprint: a trashed article purged, whose trashing evicted its pages.)
            tags.add(PageTags.LISTS);
            tags.addAll(strings(db, ContentVersionRepository.OLD_SLUGS, articleId).stream().map(PageTags::article).toList());
        }
        if (now.isPresent()) {
            tags.addAll(now.get());
            try (PreparedStatement upsert = db.prepareStatement(onH2
                    ? ContentVersionRepository.FOOTPRINT_H2 : ContentVersionRepository.FOOTPRINT_POSTGRES)) {
                upsert.setLong(1, articleId);
                upsert.setString(2, PageTags.join(now.get()));
                upsert.executeUpdate();
            }
        }
        return tags;
    }

    /** The pages an article shows on now; empty when it no longer exists. */
    private Optional<Set<String>> footprint(Connection db, long articleId) throws SQLException {
        Set<String> tags = new LinkedHashSet<>();
        boolean published;
        OffsetDateTime publishedAt;
        try (PreparedStatement select = db.prepareStatement(ContentVersionRepository.ARTICLE)) {
            select.setLong(1, articleId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                tags.add(PageTags.article(row.getString(1)));
                published = "PUBLISHED".equals(row.getString(2));
                publishedAt = row.getObject(3, OffsetDateTime.class);
            }
        }
        if (published) {
            // Published with a time still ahead counts as listed: it will be, with no change announced.
            tags.addAll(PageTags.publicLists());
            if (publishedAt != null) {
                tags.add(PageTags.month(YearMonth.from(publishedAt.atZoneSameInstant(zone))));
            }
            strings(db, ContentVersionRepository.TOPIC_SLUGS, articleId).forEach(slug -> tags.add(PageTags.topic(slug)));
        }
        return Optional.of(tags);
    }

    private void forgetFootprints(Connection db, Collection<Long> articleIds) throws SQLException {
        if (articleIds.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = db.prepareStatement(ContentVersionRepository.FORGET_FOOTPRINT)) {
            for (Long id : new TreeSet<>(articleIds)) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private Set<String> slugsOf(Connection db, Collection<Long> articleIds) throws SQLException {
        Set<String> tags = new LinkedHashSet<>();
        List<Long> ids = List.copyOf(new TreeSet<>(articleIds));
        for (int from = 0; from < ids.size(); from += SLUG_BATCH) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + SLUG_BATCH));
            String marks = String.join(",", Collections.nCopies(part.size(), "?"));
            try (PreparedStatement select = db.prepareStatement(ContentVersionRepository.SLUGS_OF.formatted(marks))) {
                for (int i = 0; i < part.size(); i++) {
                    select.setLong(i + 1, part.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        tags.add(PageTags.article(rows.getString(1)));
                    }
                }
            }
        }
        return tags;
    }

    private static List<String> strings(Connection db, String sql, long id) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(sql)) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    private boolean isH2(Connection db) throws SQLException {
        Boolean known = h2;
        if (known == null) {
            known = db.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
            h2 = known;
        }
        return known;
    }

    /** One transaction's changes until it commits. */
    private static final class Pending {
        boolean everything;
        final Set<String> tags = new LinkedHashSet<>();
        final Set<Long> articles = new LinkedHashSet<>();
        final Set<Long> lists = new LinkedHashSet<>();
        /** The change row this transaction wrote, announced if it commits. */
        volatile ContentChange written;
    }
}
