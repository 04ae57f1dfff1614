package dev.cms.web.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cms.core.content.ContentVersion;
import dev.cms.core.content.ContentVersionRaised;
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

import java.util.Optional;

/**
 * Rendered public pages, kept until the content version changes. The version lives in the
 * database, so a change made on any node reaches this one: it is read every
 * {@code cms.page-cache.version-check-interval} (default 1s) and right after this node's own
 * changes commit. While the version cannot be read (database unreachable) readers keep getting the
 * pages of the last version read, stale by whatever changed since: dropping them would turn an
 * outage every reader survives into one every reader sees. Once the version can be read again,
 * pages of an older one are no longer served. Until a version was ever read nothing is cached.
 */
@Singleton
@Requires(property = "cms.page-cache.enabled", notEquals = "false")
public class PageCache {

    static final long UNKNOWN = -1;
    private static final Logger LOG = LoggerFactory.getLogger(PageCache.class);

    private final ContentVersion contentVersion;
    private final Cache<String, CachedPage> pages;
    private final int maxPageBytes;
    private final Counter hits;
    private final Counter misses;
    private final Counter stale;
    private volatile long current = UNKNOWN;
    /** False while the last attempt to read the version failed. */
    private volatile boolean versionReadable = true;
    private final DatabaseAvailability availability;

    public PageCache(ContentVersion contentVersion, DatabaseAvailability availability, MeterRegistry registry,
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
    }

    /**
     * Whether the last version check found the database unreachable: a page not in the cache cannot
     * be rendered then, so a reader gets the 503 at once instead of after the pool's connection
     * timeout, and a node under load does not tie up a thread per reader waiting for it.
     */
    boolean databaseUnreachable() {
        return availability.knownUnreachable();
    }

    /** The version pages rendered now are stored under, or {@link #UNKNOWN}. */
    long currentVersion() {
        return current;
    }

    Optional<CachedPage> find(String key) {
        long version = current;
        CachedPage page = version == UNKNOWN ? null : pages.getIfPresent(key);
        if (page != null && page.version() == version) {
            (versionReadable ? hits : stale).increment();
            return Optional.of(page);
        }
        misses.increment();
        return Optional.empty();
    }

    /** Stores a page rendered at {@code version} unless the content moved on meanwhile. */
    void store(String key, CachedPage page) {
        if (page.version() != UNKNOWN && page.version() == current && page.body().length <= maxPageBytes) {
            pages.put(key, page);
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
            if (version != current) {
                current = version;
                pages.invalidateAll();
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
     * This node's own change: read the new version as soon as it is committed, not at the next
     * check. A transaction raises the version (and announces it) once, however many changes it made.
     */
    @TransactionalEventListener
    void onRaised(ContentVersionRaised event) {
        check();
    }
}
