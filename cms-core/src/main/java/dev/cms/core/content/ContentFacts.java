package dev.cms.core.content;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Aggregates over the public content that a page shows but that no index answers in one seek (how
 * many articles a list holds, the pages of the sitemap index): each is computed once and then
 * remembered until the content version moves, or until an article already published for a later
 * moment becomes public, whichever comes first (and only for moments after the newest publication
 * it counted: a clock set back is asked again). Every change to public content raises the version
 * ({@link ContentVersion}), so the figures stay exact while a request pays one primary-key read
 * instead of counting 100,000 rows; after a change each figure is counted again once, by the first
 * request that needs it.
 *
 * <p>Each node keeps its own: the version lives in the database, so a change made on another node is
 * seen at the next request.
 */
@Singleton
public class ContentFacts {

    /** More distinct figures than this (topics times pages) start the memory over rather than grow it. */
    static final int MAX_FACTS = 20_000;

    /** The key of the number of public articles (the home page's list length, N of the related weights). */
    public static final Object PUBLISHED_ARTICLES = "published articles";

    private final ContentVersionRepository versions;
    private volatile Generation generation = new Generation(Long.MIN_VALUE, Instant.MAX, Instant.MIN);

    public ContentFacts(ContentVersionRepository versions) {
        this.versions = versions;
    }

    /** The figure for {@code key} as of {@code now}: remembered, or computed (inside the caller's transaction). */
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Instant now, Supplier<T> compute) {
        Generation current = current(now);
        Object known = current.facts.get(key);
        if (known != null) {
            return (T) known;
        }
        T value = compute.get();
        if (current.facts.size() >= MAX_FACTS) {
            current.facts.clear();
        }
        // Stored under the version read before computing: a change committed meanwhile moved the
        // version too, so the next request counts again.
        current.facts.putIfAbsent(key, value);
        return value;
    }

    /**
     * The figure for {@code key} if remembered for the current version, without computing it: for a
     * transaction that writes, whose own count must not be remembered (it may still roll back).
     */
    public Optional<Object> known(Object key, Instant now) {
        return Optional.ofNullable(current(now).facts.get(key));
    }

    private Generation current(Instant now) {
        long version = versions.current();
        Generation known = generation;
        if (known.version == version && !now.isBefore(known.validFrom) && now.isBefore(known.validUntil)) {
            return known;
        }
        // Between the newest publication up to now and the next one after it, "published_at <= now"
        // selects the same articles: figures counted at any moment in between hold for all of them.
        Instant from = versions.findLastPublicationUpTo(now).orElse(Instant.MIN);
        Instant until = versions.findNextPublicationAfter(now).orElse(Instant.MAX);
        Generation fresh = new Generation(version, from, until);
        generation = fresh;
        return fresh;
    }

    private record Generation(long version, Instant validFrom, Instant validUntil, Map<Object, Object> facts) {
        Generation(long version, Instant validFrom, Instant validUntil) {
            this(version, validFrom, validUntil, new ConcurrentHashMap<>());
        }
    }
}
