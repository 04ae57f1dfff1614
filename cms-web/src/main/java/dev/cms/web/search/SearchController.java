package dev.cms.web.search;

import dev.cms.core.search.SearchResults;
import dev.cms.core.search.SearchService;
import dev.cms.web.site.PageRenderer;
import dev.cms.web.site.SiteTime;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;

import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The search page: {@code /search?q=...&page=n}, ten results a page. A page number that is not a
 * positive whole number is a 400 page; one past the last page is an empty page. While the index
 * is being (re)built the page says so with status 503 and Retry-After.
 */
@Controller("/search")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SearchController {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** Numbers this long are past the last page of any search; no need to read them exactly. */
    private static final int MAX_DIGITS = 18;
    private static final String RETRY_AFTER_SECONDS = "30";

    private final SearchService search;
    private final SiteTime time;
    private final PageRenderer pages;

    public SearchController(SearchService search, SiteTime time, PageRenderer pages) {
        this.search = search;
        this.time = time;
        this.pages = pages;
    }

    @Get
    public HttpResponse<?> index(@Nullable @QueryValue String q, @Nullable @QueryValue String page,
                                 HttpRequest<?> request) {
        OptionalLong number = pageNumber(page);
        if (number.isEmpty()) {
            return pages.render(HttpStatus.BAD_REQUEST, "error/400", Map.of(), request);
        }
        SearchResults results = search.search(q, number.getAsLong());
        ModelAndView<SearchPage> view = new ModelAndView<>("search/index", SearchPage.of(results, time));
        if (results.outcome() == SearchResults.Outcome.UNAVAILABLE) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .body(view);
        }
        return HttpResponse.ok(view);
    }

    /** 1 when absent; empty (a bad request) unless a whole number from 1 up. */
    static OptionalLong pageNumber(String text) {
        if (text == null || text.isEmpty()) {
            return OptionalLong.of(1);
        }
        if (!DIGITS.matcher(text).matches()) {
            return OptionalLong.empty();
        }
        String digits = text.replaceFirst("^0+", "");
        if (digits.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(digits.length() > MAX_DIGITS ? Long.MAX_VALUE : Long.parseLong(digits));
    }
}
