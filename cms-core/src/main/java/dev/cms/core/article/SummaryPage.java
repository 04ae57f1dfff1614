package dev.cms.core.article;

import java.util.List;

/** One numbered page of a public article list (page numbers start at 1). */
public record SummaryPage(List<ArticleSummary> items, int page, int pageSize, long total) {

    public int totalPages() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }

    /** A page past the end (page 1 of an empty list is not: it shows "nothing yet"). */
    public boolean beyondEnd() {
        return page > totalPages();
    }

    public boolean hasNext() {
        return page < totalPages();
    }

    public boolean hasPrevious() {
        return page > 1;
    }
}
