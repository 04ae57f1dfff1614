package dev.cms.web.article;

import dev.cms.core.article.PublishedArticleService;
import dev.cms.web.error.NotFoundPages;
import dev.cms.web.site.AbsoluteLinks;
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

/**
 * The public article page: /articles/{slug}. A former slug answers 301 to the current URL;
 * unknown, draft and unpublished articles are 404.
 */
@Controller("/articles")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ArticleController {

    private final PublishedArticleService articles;
    private final ArticlePages pages;
    private final NotFoundPages notFound;

    public ArticleController(PublishedArticleService articles, ArticlePages pages, NotFoundPages notFound) {
        this.articles = articles;
        this.pages = pages;
        this.notFound = notFound;
    }

    @Get("/{slug}")
    public HttpResponse<?> show(String slug, HttpRequest<?> request) {
        return articles.findPublished(slug)
                .<HttpResponse<?>>map(a -> HttpResponse.ok(new ModelAndView<>("article/show", pages.published(a))))
                .or(() -> articles.currentSlugFor(slug).map(current -> HttpResponse.redirect(
                        URI.create("/articles/" + AbsoluteLinks.pathSegment(current)))))
                .orElseGet(() -> notFound.response(request));
    }
}
