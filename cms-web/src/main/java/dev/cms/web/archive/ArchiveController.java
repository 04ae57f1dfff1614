package dev.cms.web.archive;

import dev.cms.core.article.ArticleListService;
import dev.cms.core.article.SummaryPage;
import dev.cms.core.site.SiteSettings;
import dev.cms.web.error.NotFoundPages;
import dev.cms.web.site.ArticleListItems;
import dev.cms.web.site.PageNumber;
import dev.cms.web.site.Pagination;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.time.YearMonth;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Monthly archives: /archive/{yyyy}/{mm}, months in the site's time zone, newest first. */
@Controller("/archive")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ArchiveController {

    private static final Pattern YEAR = Pattern.compile("[12][0-9]{3}");
    private static final Pattern MONTH = Pattern.compile("0[1-9]|1[0-2]");

    private final ArticleListService lists;
    private final ArticleListItems items;
    private final SiteSettings site;
    private final NotFoundPages notFound;

    public ArchiveController(ArticleListService lists, ArticleListItems items, SiteSettings site, NotFoundPages notFound) {
        this.lists = lists;
        this.items = items;
        this.site = site;
        this.notFound = notFound;
    }

    @Get("/{year}/{month}")
    public HttpResponse<?> month(String year, String month, HttpRequest<?> request) {
        return page(year, month, 1, request);
    }

    @Get("/{year}/{month}/page/{number}")
    public HttpResponse<?> numbered(String year, String month, String number, HttpRequest<?> request) {
        OptionalInt page = PageNumber.parse(number);
        if (page.isEmpty()) {
            return notFound.response(request);
        }
        if (page.getAsInt() == 1) {
            return HttpResponse.redirect(URI.create("/archive/" + year + "/" + month));
        }
        return page(year, month, page.getAsInt(), request);
    }

    private HttpResponse<?> page(String year, String month, int number, HttpRequest<?> request) {
        Optional<YearMonth> when = parse(year, month);
        if (when.isEmpty()) {
            return notFound.response(request);
        }
        SummaryPage list = lists.inMonth(when.get(), site.zone(), number, site.homePageSize());
        if (list.beyondEnd() || list.total() == 0) {
            return notFound.response(request);
        }
        String base = "/archive/" + year + "/" + month;
        return HttpResponse.ok(new ModelAndView<>("archive/month", new ArchivePage(when.get().getYear(),
                when.get().getMonthValue(), list.total(), items.of(list.items()), Pagination.of(list, base))));
    }

    private static Optional<YearMonth> parse(String year, String month) {
        if (!YEAR.matcher(year).matches() || !MONTH.matcher(month).matches()) {
            return Optional.empty();
        }
        return Optional.of(YearMonth.of(Integer.parseInt(year), Integer.parseInt(month)));
    }
}
