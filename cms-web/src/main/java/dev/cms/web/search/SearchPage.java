package dev.cms.web.search;

import dev.cms.core.search.SearchHit;
import dev.cms.core.search.SearchResults;
import dev.cms.web.site.Pagination;
import dev.cms.web.site.SiteTime;
import io.micronaut.core.annotation.Nullable;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The model of the search page. {@code state} says what the reader sees: {@code prompt} (no
 * query), {@code results}, {@code none} (nothing found), {@code beyondEnd} (a page past the last)
 * or {@code unavailable}. Items' {@code titleHtml} and {@code snippetHtml} are HTML-safe (escaped
 * text, our own {@code <mark>}), printed unescaped by the template.
 */
public record SearchPage(String query,
                         String state,
                         long total,
                         long firstRank,
                         List<Item> items,
                         @Nullable Pagination pagination,
                         String firstPageUrl) {

    /** One result: marked title, publish time in the site's zone, snippet. */
    public record Item(String titleHtml, String slug, String publishedAt, String publishedAtIso, String snippetHtml) {
    }

    static SearchPage of(SearchResults results, SiteTime time) {
        String state = switch (results.outcome()) {
            case NO_QUERY -> "prompt";
            case UNAVAILABLE -> "unavailable";
            case SEARCHED -> results.nothingFound() ? "none" : results.beyondEnd() ? "beyondEnd" : "results";
        };
        List<Item> items = results.hits().stream().map(hit -> item(hit, time)).toList();
        Pagination pagination = state.equals("results") && results.totalPages() > 1
                ? new Pagination((int) results.page(), (int) results.totalPages(),
                        results.hasPrevious() ? url(results.query(), results.page() - 1) : null,
                        results.hasNext() ? url(results.query(), results.page() + 1) : null)
                : null;
        return new SearchPage(results.query(), state, results.total(), results.firstRank(), items, pagination,
                url(results.query(), 1));
    }

    private static Item item(SearchHit hit, SiteTime time) {
        return new Item(hit.titleHtml(), hit.slug(), time.format(hit.publishedAt()), time.iso(hit.publishedAt()),
                hit.snippetHtml());
    }

    /** The one address of a result page: page 1 has no page parameter. */
    static String url(String query, long page) {
        String url = "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        return page > 1 ? url + "&page=" + page : url;
    }
}
