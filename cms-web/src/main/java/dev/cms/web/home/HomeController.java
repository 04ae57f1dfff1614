package dev.cms.web.home;

import dev.cms.core.article.ArticleService;
import dev.cms.core.site.SiteSettings;
import dev.cms.web.site.SiteTime;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.View;

/** The home page: newest published articles with their times and summaries. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class HomeController {

    private final ArticleService articles;
    private final SiteSettings site;
    private final SiteTime time;

    public HomeController(ArticleService articles, SiteSettings site, SiteTime time) {
        this.articles = articles;
        this.site = site;
        this.time = time;
    }

    @Get
    @View("home/index")
    public HomePage index() {
        return new HomePage(articles.newestPublished(site.homePageSize()).stream()
                .map(a -> new HomePage.Item(a.title(), a.slug(), a.summary(), time.format(a.publishedAt()),
                        time.iso(a.publishedAt())))
                .toList());
    }
}
