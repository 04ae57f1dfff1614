package dev.cms.web.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cms.core.content.ContentChange;
import dev.cms.core.content.ContentNotifications;
import dev.cms.core.content.ContentVersion;
import dev.cms.core.content.ContentVersionRaised;
import dev.cms.core.content.PageTags;
import dev.cms.core.site.DatabaseAvailability;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rendered public pages, each kept until a change to something it shows. Every committed change
 * names what it showed differently as {@link PageTags} in the database's change log
 * ({@link ContentVersion}); each page carries the tags of what it shows, and a change evicts only
 * the pages sharing one of its tags. The log is read after the last version this node saw every
 * {@code cms.page-cache.version-check-interval} (default 1s), right after this node's own changes
 * commit, and on PostgreSQL as soon as another node's change commits ({@link ContentNotifications}).
 * A node that cannot read a change (pruned from the log, or raised without one) drops every page.
 *
 * <p>While the version cannot be read (database unreachable) readers keep getting the pages they
 * got, stale by whatever changed since: dropping them would turn an outage every reader survives
 * into one every reader sees. Once it can be read again, the changes made meanwhile are evicted.
 * Until a version was ever read nothing is cached.
 */
@Singleton
@Requires(property = "cms.page-cache.enabled", notEquals = "false")
public class PageCache {

    static final long UNKNOWN = -1;
    /** How many applied changes a page rendered during them is checked against before it is kept. */
    private static final int RECENT_CHANGES = 256;
    private static final Logger LOG = LoggerFactory.getLogger(PageCache.class);

    private final ContentVersion contentVersion;
    private final Cache<String, CachedPage> pages;
    /** The keys of the pages carrying each tag; may name pages gone since (evicting them again is harmless). */
    private final Map<String, Set<String>> keysByTag = new ConcurrentHashMap<>();
    private final int maxPageBytes;
    private final Counter hits;
    private final Counter misses;
    private final Counter stale;
    private final Counter evicted;
    private final Counter shared;
    /** The pages being rendered now, each by one request (its leader) while the others wait for it. */
    private final Map<String, CompletableFuture<CachedPage>> flights = new ConcurrentHashMap<>();
    private volatile long current = UNKNOWN;
    /** False while the last attempt to read the version failed. */
    private volatile boolean versionReadable = true;
    private final DatabaseAvailability availability;
    /** Guards the index, the generation and the recent changes: held by stores and evictions, never by hits. */
    private final Object lock = new Object();
    /** Counts the changes applied here; a page is stored with the generation its rendering began in. */
    private long generation;
    private final Deque<Applied> recent = new ArrayDeque<>();

    private record Applied(long generation, Set<String> tags) {
    }

    public PageCache(ContentVersion contentVersion, DatabaseAvailability availability, MeterRegistry registry,
                     ContentNotifications notifications,
                     @Value("${cms.page-cache.max-bytes:67108864}") long maxBytes,
                     @Value("${cms.page-cache.max-page-bytes:2097152}") int maxPageBytes) {
        this.contentVersion = contentVersion;
        this.availability = availability;
        this.maxPageBytes = maxPageBytes;
        this.pages = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, CachedPage page) -> page.weight())
                .build();
        this.hits = Counter.builder("cms.page.cache.requests").tag("result", "hit")
                .description("Public page requests answered from the page cache, or rendered").register(registry);
        this.misses = Counter.builder("cms.page.cache.requests").tag("result", "miss")
                .description("Public page requests answered from the page cache, or rendered").register(registry);
        this.stale = Counter.builder("cms.page.cache.requests").tag("result", "stale")
                .description("Public page requests answered from the page cache, or rendered").register(registry);
        this.shared = Counter.builder("cms.page.cache.requests").tag("result", "shared")
                .description("Public page requests answered from the page cache, or rendered").register(registry);
        this.evicted = Counter.builder("cms.page.cache.evictions")
                .description("Cached pages evicted because a change showed on them").register(registry);
        notifications.listen(this::check);
    }

    /**
     * Whether the last version check found the database unreachable: a page not in the cache cannot
     * be rendered then, so a reader gets the 503 at once instead of after the pool's connection
     * timeout, and a node under load does not tie up a thread per reader waiting for it.
     */
    boolean databaseUnreachable() {
        return availability.knownUnreachable();
    }

    /** What a page whose rendering begins now is stored with ({@link #store}), or {@link #UNKNOWN}. */
    long currentVersion() {
        if (current == UNKNOWN) {
            return UNKNOWN;
        }
        synchronized (lock) {
            return generation;
        }
    }

    Optional<CachedPage> find(String key) {
        CachedPage page = current == UNKNOWN ? null : pages.getIfPresent(key);
        if (page != null) {
            (versionReadable ? hits : stale).increment();
            return Optional.of(page);
        }
        misses.increment();
        return Optional.empty();
    }

    /**
     * A request that missed joins the rendering of its page: null when it is the first (the leader,
     * who renders and must call {@link #land} whatever happens), else the leader's page to come
     * (null when the leader's answer cannot be shared: the waiter renders its own then).
     */
    CompletableFuture<CachedPage> join(String key) {
        CompletableFuture<CachedPage> mine = new CompletableFuture<>();
        CompletableFuture<CachedPage> flight = flights.putIfAbsent(key, mine);
        return flight;
    }

    /** The leader's rendering of {@code key} ended, with a page to share or null. */
    void land(String key, CachedPage page) {
        CompletableFuture<CachedPage> flight = flights.remove(key);
        if (flight != null) {
            flight.complete(page);
        }
    }

    void countShared() {
        shared.increment();
    }

    /** How many requests wait for a page being rendered (for tests). */
    int flightsInProgress() {
        return flights.size();
    }

    /** Whether a page is kept under this key now, without counting a request (for tests and benchmarks). */
    boolean holds(String key) {
        return pages.getIfPresent(key) != null;
    }

    /**
     * Stores a page whose rendering began at generation {@code page.version()}, unless a change
     * applied since then shows on it: the page may have been rendered from what was there before.
     */
    void store(String key, CachedPage page) {
        if (page.version() == UNKNOWN || page.body().length > maxPageBytes) {
            return;
        }
        synchronized (lock) {
            if (changedSince(page.version(), page.tags())) {
                return;
            }
            pages.put(key, page);
            for (String tag : page.tags()) {
                keysByTag.computeIfAbsent(tag, t -> ConcurrentHashMap.newKeySet()).add(key);
            }
        }
    }

    private boolean changedSince(long since, Set<String> tags) {
        if (since == generation) {
            return false;
        }
        if (recent.isEmpty() || recent.peekFirst().generation() > since + 1) {
            return true;
        }
        for (Applied change : recent) {
            if (change.generation() > since && (change.tags().contains(PageTags.EVERYTHING) || intersects(change.tags(), tags))) {
                return true;
            }
        }
        return false;
    }

    private static boolean intersects(Set<String> change, Set<String> page) {
        Set<String> smaller = change.size() <= page.size() ? change : page;
        Set<String> larger = smaller == change ? page : change;
        for (String tag : smaller) {
            if (larger.contains(tag)) {
                return true;
            }
        }
        return false;
    }

    /** Evicts the pages showing one of these tags (every page for {@link PageTags#EVERYTHING}). */
    void evict(Set<String> tags) {
        synchronized (lock) {
            generation++;
            recent.addLast(new Applied(generation, tags));
            if (recent.size() > RECENT_CHANGES) {
                recent.removeFirst();
            }
            if (tags.contains(PageTags.EVERYTHING)) {
                evicted.increment(pages.estimatedSize());
                pages.invalidateAll();
                keysByTag.clear();
                return;
            }
            for (String tag : tags) {
                Collection<String> keys = keysByTag.remove(tag);
                if (keys != null) {
                    for (String key : keys) {
                        if (pages.asMap().remove(key) != null) {
                            evicted.increment();
                        }
                    }
                }
            }
            // Pages evicted for size leave their keys behind in the index: rebuilt when they outgrow it.
            long indexed = keysByTag.values().stream().mapToLong(Set::size).sum();
            if (indexed > 1000 + 200 * Math.max(1, pages.estimatedSize())) {
                keysByTag.clear();
                pages.asMap().forEach((key, page) -> page.tags().forEach(tag ->
                        keysByTag.computeIfAbsent(tag, t -> ConcurrentHashMap.newKeySet()).add(key)));
            }
        }
    }

    @EventListener
    void onStartup(StartupEvent event) {
        check();
    }

    @Scheduled(fixedDelay = "${cms.page-cache.version-check-interval:1s}",
            initialDelay = "${cms.page-cache.version-check-interval:1s}")
    synchronized void check() {
        try {
            long version = contentVersion.current();
            // Before the pages go: a reader who misses them now must get a page rendered, not a 503.
            availability.reached();
            if (current == UNKNOWN) {
                current = version;
            } else if (version != current) {
                Optional<List<ContentChange>> changes = contentVersion.changesAfter(current, version);
                if (changes.isEmpty()) {
                    evict(Set.of(PageTags.EVERYTHING));
                } else {
                    changes.get().forEach(change -> evict(change.tags()));
                }
                current = version;
            }
            if (!versionReadable) {
                LOG.info("The content version can be read again; cached pages are current");
                versionReadable = true;
            }
        } catch (RuntimeException e) {
            availability.probeFailed(e);
            if (versionReadable) {
                LOG.warn("Cannot read the content version; serving the cached pages of version {} until it can be read: {}",
                        current, e.getMessage());
                versionReadable = false;
            }
        }
    }

    /**
     * This node's own change: read it as soon as it is committed, not at the next check. A
     * transaction raises the version (and announces it) once, however many changes it made.
     */
    @TransactionalEventListener
    void onRaised(ContentVersionRaised event) {
        check();
    }
}
