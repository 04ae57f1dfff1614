package dev.cms.core.sitemap;

import dev.cms.core.content.ContentFacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The site's sitemap as of one moment, read in parts so its parts agree with each other: whether
 * it needs an index, the index's pages, and cursors over the URLs of the whole site or of one page.
 * Made per request by {@link SitemapService#current()}.
 */
public final class Sitemap {

    private final SitemapRepository sitemaps;
    private final Instant asOf;
    private final int pageSize;
    private final int batchSize;
    private final ContentFacts facts;

    /** A sitemap that counts afresh whatever it needs (tests). */
    Sitemap(SitemapRepository sitemaps, Instant asOf, int pageSize, int batchSize) {
        this(sitemaps, asOf, pageSize, batchSize, null);
    }

    /**
     * A sitemap whose aggregates over the whole site (whether it needs an index, the index's pages)
     * are remembered in {@code facts} until the content changes: they read every published article.
     */
    Sitemap(SitemapRepository sitemaps, Instant asOf, int pageSize, int batchSize, ContentFacts facts) {
        this.sitemaps = sitemaps;
        this.asOf = asOf;
        this.pageSize = pageSize;
        this.batchSize = batchSize;
        this.facts = facts;
    }

    private <T> T remembered(String what, Supplier<T> compute) {
        return facts == null ? compute.get() : facts.get(new Fact(what, pageSize), asOf, compute);
    }

    /** The key of a remembered figure: which one, for which page size. */
    private record Fact(String what, int pageSize) {
    }

    /**
     * Whether the URLs (home page, topics with a published article, published articles) are more
     * than one sitemap may hold. Counts stop at the page size, so this stays cheap on big sites.
     */
    public boolean needsIndex() {
        return remembered("needsIndex", this::countNeedsIndex);
    }

    private boolean countNeedsIndex() {
        long articles = sitemaps.countPublishedArticles(asOf, pageSize);
        if (1 + articles > pageSize) {
            return true;
        }
        return 1 + articles + sitemaps.countPublicTopics(asOf, pageSize) > pageSize;
    }

    /** When the home page last changed: when its newest article was published. */
    public Optional<Instant> homeLastModified() {
        return sitemaps.findNewestPublishedAt(asOf);
    }

    /** The index's pages of home and topic URLs: page 1 always (it has the home page), then those with topics. */
    public List<SitemapPage> topicPages() {
        List<SitemapPage> pages = new ArrayList<>(remembered("topicPages", () -> sitemaps.findTopicPages(asOf, pageSize)));
        Instant home = homeLastModified().orElse(null);
        if (pages.isEmpty() || pages.get(0).number() != 1) {
            pages.add(0, new SitemapPage(1L, home));
        } else {
            pages.set(0, new SitemapPage(1L, newer(pages.get(0).lastModified(), home)));
        }
        return pages;
    }

    /** The index's pages of article URLs, those with at least one published article. */
    public List<SitemapPage> articlePages() {
        return remembered("articlePages", () -> sitemaps.findArticlePages(asOf, pageSize));
    }

    /** The range of page {@code number}, for {@link #topics} and {@link #articles}. */
    public SitemapRange page(long number) {
        return SitemapRange.page(number, pageSize);
    }

    public SitemapCursor topics(SitemapRange range) {
        return new SitemapCursor(range.fromId(), batchSize,
                after -> sitemaps.findPublicTopics(asOf, after, range.toId(), batchSize));
    }

    public SitemapCursor articles(SitemapRange range) {
        return new SitemapCursor(range.fromId(), batchSize,
                after -> sitemaps.findPublishedArticles(asOf, after, range.toId(), batchSize));
    }

    private static Instant newer(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
