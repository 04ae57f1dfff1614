package dev.cms.web.error;

import dev.cms.core.article.ArticleService;
import dev.cms.web.home.HomePage;
import dev.cms.web.site.PageRenderer;
import dev.cms.web.site.SiteTime;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** The 404 page readers get for anything that is not (or no longer) public: newest articles to go on with. */
@Singleton
public class NotFoundPages {

    private static final int SUGGESTIONS = 5;
    private final ArticleService articles;
    private final SiteTime time;
    private final PageRenderer pages;

    public NotFoundPages(ArticleService articles, SiteTime time, PageRenderer pages) {
        this.articles = articles;
        this.time = time;
        this.pages = pages;
    }

    public HttpResponse<?> response(HttpRequest<?> request) {
        HomePage newest = new HomePage(articles.newestPublished(SUGGESTIONS).stream()
                .map(a -> new HomePage.Item(a.title(), a.slug(), a.summary(), time.format(a.publishedAt()),
                        time.iso(a.publishedAt())))
                .toList());
        return pages.render(HttpStatus.NOT_FOUND, "error/404", newest, request);
    }
}
