package dev.cms.web.home;

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
import java.util.OptionalInt;

/** The home page: newest published articles with their times and summaries, in numbered pages. */
@Controller
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class HomeController {

    private final ArticleListService lists;
    private final ArticleListItems items;
    private final SiteSettings site;
    private final NotFoundPages notFound;

    public HomeController(ArticleListService lists, ArticleListItems items, SiteSettings site, NotFoundPages notFound) {
        this.lists = lists;
        this.items = items;
        this.site = site;
        this.notFound = notFound;
    }

    @Get
    public HttpResponse<?> index(HttpRequest<?> request) {
        return page(1, request);
    }

    @Get("/page/{number}")
    public HttpResponse<?> numbered(String number, HttpRequest<?> request) {
        OptionalInt page = PageNumber.parse(number);
        if (page.isEmpty()) {
            return notFound.response(request);
        }
        if (page.getAsInt() == 1) {
            return HttpResponse.redirect(URI.create("/"));
        }
        return page(page.getAsInt(), request);
    }

    private HttpResponse<?> page(int number, HttpRequest<?> request) {
        SummaryPage list = lists.newest(number, site.homePageSize());
        if (list.beyondEnd()) {
            return notFound.response(request);
        }
        return HttpResponse.ok(new ModelAndView<>("home/index",
                new HomePage(items.of(list.items()), Pagination.of(list, "/"))));
    }
}
