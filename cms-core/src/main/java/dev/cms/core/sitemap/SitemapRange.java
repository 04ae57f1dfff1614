package dev.cms.core.sitemap;

/**
 * The ids one sitemap document covers, {@code fromId <= id < toId}. Page n of a sitemap index
 * covers ids {@code [(n - 1) * pageSize, n * pageSize)}, so it holds at most pageSize URLs, can be
 * read on its own with keyset queries, and keeps its URLs when content elsewhere changes. Among
 * topic pages, key 0 (which no topic has) stands for the home page.
 */
public record SitemapRange(long fromId, long toId) {

    public static SitemapRange all() {
        return new SitemapRange(0, Long.MAX_VALUE);
    }

    public static SitemapRange page(long number, int pageSize) {
        if (number < 1) {
            throw new IllegalArgumentException("Sitemap pages are numbered from 1, not " + number);
        }
        return new SitemapRange((number - 1) * pageSize, number * pageSize);
    }

    /** Whether the home page (key 0) belongs here, among the topic URLs. */
    public boolean hasHome() {
        return fromId == 0;
    }
}
