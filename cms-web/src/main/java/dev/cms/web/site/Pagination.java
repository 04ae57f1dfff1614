package dev.cms.web.site;

import dev.cms.core.article.SummaryPage;

/**
 * Previous/next links of a numbered list. Page 1 lives at the list's own URL, page n at
 * {@code <base>/page/n}, so every page has one stable address.
 */
public record Pagination(int page, int totalPages, String previousUrl, String nextUrl) {

    public static Pagination of(SummaryPage list, String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String previous = list.hasPrevious() ? url(base, list.page() - 1) : null;
        String next = list.hasNext() ? url(base, list.page() + 1) : null;
        return new Pagination(list.page(), list.totalPages(), previous, next);
    }

    public static String url(String base, int page) {
        if (page == 1) {
            return base.isEmpty() ? "/" : base;
        }
        return base + "/page/" + page;
    }

    public boolean needed() {
        return totalPages > 1;
    }
}
