package dev.cms.web.error;

import dev.cms.core.article.ArticleListService;
import dev.cms.web.site.ArticleListItem;
import dev.cms.web.site.ArticleListItems;
import dev.cms.web.site.PageRenderer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.List;

/** The 404 page readers get for anything that is not (or no longer) public: newest articles to go on with. */
@Singleton
public class NotFoundPages {

    private static final int SUGGESTIONS = 5;
    private final ArticleListService articles;
    private final ArticleListItems items;
    private final PageRenderer pages;

    public NotFoundPages(ArticleListService articles, ArticleListItems items, PageRenderer pages) {
        this.articles = articles;
        this.items = items;
        this.pages = pages;
    }

    /** The 404 page's model: newest articles to go on reading. */
    public record NotFoundPage(List<ArticleListItem> articles) {
    }

    public HttpResponse<?> response(HttpRequest<?> request) {
        return pages.render(HttpStatus.NOT_FOUND, "error/404",
                new NotFoundPage(items.of(articles.newest(SUGGESTIONS))), request);
    }
}
