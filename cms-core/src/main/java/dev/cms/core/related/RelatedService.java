package dev.cms.core.related;

import dev.cms.core.content.ContentFacts;
import dev.cms.core.content.ContentVersion;
import dev.cms.core.site.SiteSettings;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the stored 相关内容 lists true: when an article is published, unpublished or its topics
 * change, its own list and the lists of every article it enters or leaves are recomputed.
 */
@Singleton
public class RelatedService {

    /** Above this many lists, one read of every topic link beats the scoring reads per list. */
    static final int BULK_FROM = 50;

    private final RelatedRepository related;
    private final ListedArticleRepository listed;
    private final SiteSettings site;
    private final Clock clock;
    private final ContentVersion contentVersion;
    private final ContentFacts facts;

    private final TransactionOperations<Connection> transactions;
    private final RelatedBacklog backlog;
    /** Above this many lists, a change to many articles leaves them to the backlog. */
    private final int syncLimit;

    /** The articles gathered by {@link #deferringRecomputes} on this thread, while it runs. */
    private static final ThreadLocal<Set<Long>> DEFERRED = new ThreadLocal<>();

    public RelatedService(RelatedRepository related, ListedArticleRepository listed,
                          SiteSettings site, Clock clock, ContentVersion contentVersion,
                          TransactionOperations<Connection> transactions, RelatedBacklog backlog,
                          @Value("${cms.related.sync-limit:2000}") int syncLimit, ContentFacts facts) {
        this.facts = facts;
        this.listed = listed;
        this.backlog = backlog;
        this.syncLimit = syncLimit;
        this.contentVersion = contentVersion;
        this.transactions = transactions;
        this.related = related;
        this.site = site;
        this.clock = clock;
    }

    /** The neighbours before a change, so lists the article leaves get recomputed too. */
    @Transactional
    public Set<Long> neighboursOf(Long articleId) {
        Set<Long> ids = new LinkedHashSet<>(related.findNeighbourIds(articleId));
        ids.addAll(related.findPinningIdsOfAll(List.of(articleId)));
        return ids;
    }

    /**
     * Runs {@code work} (on this thread, inside the caller's transaction) with every list recompute
     * it causes deferred: instead of recomputing, the articles whose lists or neighbourhoods change
     * are gathered, and returned for {@link #queueAround} to put in the backlog. For a bulk change
     * (thousands of imported pages sharing a topic), where each publish would recompute the lists
     * of every article before it.
     */
    public Set<Long> deferringRecomputes(Runnable work) {
        Set<Long> touched = new LinkedHashSet<>();
        Set<Long> outer = DEFERRED.get();
        DEFERRED.set(touched);
        try {
            work.run();
        } finally {
            if (outer == null) {
                DEFERRED.remove();
            } else {
                DEFERRED.set(outer);
                outer.addAll(touched);
            }
        }
        return touched;
    }

    /**
     * Puts in the backlog, in the current transaction, the lists a change to these articles can
     * reach: their own, those of every article sharing a topic with them, and those pinning them.
     * Returns how many lists wait.
     */
    @Transactional
    public long queueAround(Collection<Long> articleIds) {
        Set<Long> affected = around(articleIds);
        backlog.add(affected);
        return affected.size();
    }

    /**
     * After a change to many articles at once (a topic merged, deleted or renamed): recomputes, once
     * each, the lists of these articles, of every article now sharing a topic with them and of those
     * pinning them. Up to {@code cms.related.sync-limit} lists are recomputed here, in the caller's
     * transaction; a change reaching more (a topic of thousands of articles) puts them in the
     * backlog, for the nodes to recompute in the background within seconds, so the change itself
     * commits at once instead of recomputing every list once per article.
     */
    @Transactional
    public void refreshAroundAll(Collection<Long> articleIds) {
        Set<Long> deferred = DEFERRED.get();
        if (deferred != null) {
            deferred.addAll(articleIds);
            contentVersion.raise();
            return;
        }
        Set<Long> affected = around(articleIds);
        if (affected.size() > syncLimit) {
            backlog.add(affected);
            contentVersion.raise();
            return;
        }
        refreshLists(affected);
    }

    private Set<Long> around(Collection<Long> articleIds) {
        Set<Long> affected = new LinkedHashSet<>(articleIds);
        List<Long> ids = List.copyOf(articleIds);
        for (int from = 0; from < ids.size(); from += RelatedBulkRefresh.BATCH) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + RelatedBulkRefresh.BATCH));
            affected.addAll(related.findNeighbourIdsOfAll(part));
            affected.addAll(related.findPinningIdsOfAll(part));
        }
        return affected;
    }

    /** Recomputes the article's list and the lists of its old and new neighbours. */
    @Transactional
    public void refreshAround(Long articleId, Collection<Long> previousNeighbours) {
        Set<Long> deferred = DEFERRED.get();
        if (deferred != null) {
            deferred.add(articleId);
            deferred.addAll(previousNeighbours);
            contentVersion.raise();
            return;
        }
        Set<Long> affected = new LinkedHashSet<>(previousNeighbours);
        affected.addAll(neighboursOf(articleId));
        affected.add(articleId);
        if (affected.size() > BULK_FROM) {
            refreshLists(affected);
            return;
        }
        Instant now = clock.instant();
        long total = totalPublished(now);
        try (ListWriter lists = new ListWriter(transactions.getConnection())) {
            for (Long id : affected) {
                refreshList(id, now, total, lists);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Storing related lists failed: " + e.getMessage(), e);
        }
    }

    /**
     * Recomputes the stored lists of exactly these articles, reading the topic weights once: for
     * bulk changes (an import) whose caller has already worked out every list they reach, where a
     * neighbour search per article would recompute the same lists over and over.
     */
    @Transactional
    public void refreshLists(Collection<Long> articleIds) {
        try {
            new RelatedBulkRefresh(transactions.getConnection(), clock.instant(), site.relatedLimit())
                    .refresh(articleIds);
        } catch (SQLException e) {
            throw new IllegalStateException("Storing related lists failed: " + e.getMessage(), e);
        }
        contentVersion.listsChanged(articleIds);
    }

    /** The list a reader sees: the stored list's articles that are published now, in its order. */
    @Transactional(readOnly = true)
    public List<RelatedLink> publishedList(Long articleId) {
        Instant now = clock.instant();
        List<RelatedLink> links = new ArrayList<>();
        listed(related.findList(articleId), (article, position) -> {
            if (article.visibleAt(now)) {
                links.add(new RelatedLink(article.slug(), article.title(), article.publishedAt()));
            }
        });
        return links;
    }

    /** The stored list with its pins, for the editor's screen. */
    @Transactional(readOnly = true)
    public List<RelatedEntry> storedList(Long articleId) {
        Optional<StoredList> list = related.findList(articleId);
        int pinned = list.map(StoredList::pinned).orElse(0);
        List<RelatedEntry> entries = new ArrayList<>();
        listed(list, (article, position) -> entries.add(new RelatedEntry(article.id(), article.slug(),
                article.title(), position, position <= pinned)));
        return entries;
    }

    /** Each article of the stored list that still exists, in list order, with its position (from 1). */
    private void listed(Optional<StoredList> list, java.util.function.ObjIntConsumer<ListedArticle> each) {
        List<Long> ids = list.map(StoredList::ids).orElse(List.of());
        if (ids.isEmpty()) {
            return;
        }
        Map<Long, ListedArticle> byId = new HashMap<>(ids.size() * 2);
        listed.findListed(ids).forEach(a -> byId.put(a.id(), a));
        int position = 0;
        for (Long id : ids) {
            position++;
            ListedArticle article = byId.get(id);
            if (article != null) {
                each.accept(article, position);
            }
        }
    }

    /** The editor's pins and exclusions on an article's list. */
    @Transactional(readOnly = true)
    public List<RelatedOverride> overrides(Long articleId) {
        return related.findOverrides(articleId);
    }

    /** Puts an article at the top of another's list (after earlier pins), and stores the list again. */
    @Transactional
    public void pin(Long articleId, Long relatedId) {
        related.deleteOverride(articleId, relatedId);
        related.insertOverride(articleId, relatedId, "PIN", related.maxPinPosition(articleId) + 1, clock.instant());
        refreshList(articleId);
    }

    /**
     * Pins several articles at once, after the existing pins and in the given order (an import's
     * 相关内容 list), storing the list once. The article itself and repeated ids are left out.
     */
    @Transactional
    public void pinAll(Long articleId, List<Long> relatedIds) {
        int position = related.maxPinPosition(articleId);
        Instant now = clock.instant();
        for (Long relatedId : new LinkedHashSet<>(relatedIds)) {
            if (relatedId.equals(articleId)) {
                continue;
            }
            related.deleteOverride(articleId, relatedId);
            related.insertOverride(articleId, relatedId, "PIN", ++position, now);
        }
        refreshList(articleId);
    }

    /** Keeps an article out of another's list for good (until the exclusion is removed). */
    @Transactional
    public void exclude(Long articleId, Long relatedId) {
        related.deleteOverride(articleId, relatedId);
        related.insertOverride(articleId, relatedId, "EXCLUDE", 0, clock.instant());
        refreshList(articleId);
    }

    /** Removes a pin or an exclusion: the entry goes back to where its score puts it. */
    @Transactional
    public void clearOverride(Long articleId, Long relatedId) {
        related.deleteOverride(articleId, relatedId);
        refreshList(articleId);
    }

    private void refreshList(Long articleId) {
        Instant now = clock.instant();
        try (ListWriter lists = new ListWriter(transactions.getConnection())) {
            refreshList(articleId, now, totalPublished(now), lists);
        } catch (SQLException e) {
            throw new IllegalStateException("Storing the related list of article " + articleId + " failed: "
                    + e.getMessage(), e);
        }
    }

    private void refreshList(Long articleId, Instant now, long totalPublished, ListWriter lists) throws SQLException {
        Set<Long> deferred = DEFERRED.get();
        if (deferred != null) {
            // Stored later by the backlog, which names the lists it stores.
            contentVersion.raise();
            deferred.add(articleId);
            return;
        }
        boolean published = related.findPublicId(articleId, now).isPresent();
        List<Long> ids = new ArrayList<>();
        int pinned = 0;
        if (published) {
            ids.addAll(related.findPublishedPins(articleId, now));
            pinned = ids.size();
            int room = site.relatedLimit() - pinned;
            if (room > 0) {
                ids.addAll(computed(articleId, now, totalPublished, room));
            }
        }
        String stored = StoredList.join(ids);
        // A stored list is part of its article's public page: only a list that changed evicts it.
        Optional<StoredList> before = related.findList(articleId);
        int pinnedNow = pinned;
        if (before.map(list -> list.pinned() != pinnedNow || !list.relatedIds().equals(stored))
                .orElse(!stored.isEmpty())) {
            contentVersion.listsChanged(List.of(articleId));
        }
        lists.write(articleId, pinned, stored);
    }

    /**
     * N in the topic weights: the published articles as of the last committed change when a reader
     * has counted them since (a change in this transaction moves N by a few, and the weights by a
     * few parts in N), else counted here.
     */
    private long totalPublished(Instant now) {
        return facts.known(ContentFacts.PUBLISHED_ARTICLES, now).map(Long.class::cast)
                .orElseGet(() -> related.countPublished(now));
    }

    /**
     * The computed part of the list, best first: published articles sharing a topic, scored by the
     * sum of the shared topics' weights ln(1 + N / published articles in the topic), so a rare
     * shared topic counts more than a common one; ties go to the newest, then the highest id.
     * Pinned and excluded articles are left out. The same ranking as {@link RelatedBulkRefresh}
     * (weights added in topic order, as there), from index-driven reads of the article's topics.
     */
    private List<Long> computed(Long articleId, Instant now, long total, int limit) {
        List<TopicLink> links = new ArrayList<>(related.findSharedTopicLinks(articleId));
        Map<Long, Instant> published = new HashMap<>();
        List<Long> linked = links.stream().map(TopicLink::articleId).distinct().toList();
        for (int from = 0; from < linked.size(); from += RelatedBulkRefresh.BATCH) {
            related.findPublishedAt(linked.subList(from, Math.min(linked.size(), from + RelatedBulkRefresh.BATCH)), now)
                    .forEach(p -> published.put(p.id(), p.publishedAt()));
        }
        // Only published articles count, in a topic's size as in a score.
        links.removeIf(link -> !published.containsKey(link.articleId()));
        links.sort(java.util.Comparator.comparing(TopicLink::topicId));
        Map<Long, Integer> inTopic = new HashMap<>();
        links.forEach(link -> inTopic.merge(link.topicId(), 1, Integer::sum));
        Set<Long> leftOut = new java.util.HashSet<>(related.findOverriddenIds(articleId));
        leftOut.add(articleId);
        Map<Long, double[]> scores = new HashMap<>();
        for (TopicLink link : links) {
            if (!leftOut.contains(link.articleId())) {
                double weight = Math.log(1.0 + (double) total / inTopic.get(link.topicId()));
                scores.computeIfAbsent(link.articleId(), id -> new double[1])[0] += weight;
            }
        }
        List<Long> ranked = new ArrayList<>(scores.keySet());
        ranked.sort((a, b) -> {
            int byScore = Double.compare(scores.get(b)[0], scores.get(a)[0]);
            if (byScore != 0) {
                return byScore;
            }
            int byTime = published.get(b).compareTo(published.get(a));
            return byTime != 0 ? byTime : Long.compare(b, a);
        });
        return ranked.size() > limit ? ranked.subList(0, limit) : ranked;
    }
}
