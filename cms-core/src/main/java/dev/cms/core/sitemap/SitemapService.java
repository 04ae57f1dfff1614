package dev.cms.core.sitemap;

import dev.cms.core.content.ContentFacts;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The sitemap's settings and entry point. Page size is {@code cms.sitemap-page-size}: the sitemap
 * protocol's limit of 50,000 URLs by default, smaller for tests of the index.
 */
@Singleton
public class SitemapService {

    /** The most URLs one sitemap document may hold (sitemaps.org protocol). */
    public static final int MAX_PAGE_SIZE = 50_000;
    /** Rows per keyset query: a full page in ten queries (a batch of small rows is about 1 MB). */
    private static final int BATCH_SIZE = 5000;

    private final SitemapRepository sitemaps;
    private final Clock clock;
    private final int pageSize;
    private final ContentFacts facts;

    public SitemapService(SitemapRepository sitemaps, Clock clock, ContentFacts facts,
                          @Value("${cms.sitemap-page-size:50000}") int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("cms.sitemap-page-size (CMS_SITEMAP_PAGE_SIZE) must be between 1 and "
                    + MAX_PAGE_SIZE + ", not " + pageSize);
        }
        this.sitemaps = sitemaps;
        this.clock = clock;
        this.pageSize = pageSize;
        this.facts = facts;
    }

    /** The sitemap as of now. */
    public Sitemap current() {
        return new Sitemap(sitemaps, clock.instant(), pageSize, Math.min(BATCH_SIZE, pageSize), facts);
    }
}
