package dev.cms.core.search;

import java.util.List;

/**
 * One page of a search: the query as searched (trimmed, at most {@link SearchQueries#MAX_QUERY_LENGTH}
 * characters), what happened, and the hits of this page (page numbers start at 1).
 */
public record SearchResults(String query, Outcome outcome, long page, long total, List<SearchHit> hits) {

    /** What the reader is shown. */
    public enum Outcome {
        /** Nothing was asked: an empty query. */
        NO_QUERY,
        /** The search ran; {@code total} may be 0. */
        SEARCHED,
        /** The index cannot answer now (being built or rebuilt); try again shortly. */
        UNAVAILABLE
    }

    static SearchResults noQuery() {
        return new SearchResults("", Outcome.NO_QUERY, 1, 0, List.of());
    }

    static SearchResults unavailable(String query, long page) {
        return new SearchResults(query, Outcome.UNAVAILABLE, page, 0, List.of());
    }

    /** Pages of results a reader can open; hits beyond the first thousand are counted but not ranked. */
    public long totalPages() {
        long pages = (total + SearchService.PAGE_SIZE - 1) / SearchService.PAGE_SIZE;
        return Math.min(pages, SearchService.MAX_PAGE);
    }

    /** The search ran and found nothing at all. */
    public boolean nothingFound() {
        return outcome == Outcome.SEARCHED && total == 0;
    }

    /** The search found articles, but none on this page (a page past the end). */
    public boolean beyondEnd() {
        return outcome == Outcome.SEARCHED && total > 0 && hits.isEmpty();
    }

    public boolean hasPrevious() {
        return outcome == Outcome.SEARCHED && page > 1 && page <= totalPages();
    }

    public boolean hasNext() {
        return outcome == Outcome.SEARCHED && page < totalPages();
    }

    /** The rank of this page's first hit, from 1. */
    public long firstRank() {
        return (Math.min(page, SearchService.MAX_PAGE + 1) - 1) * SearchService.PAGE_SIZE + 1;
    }
}
