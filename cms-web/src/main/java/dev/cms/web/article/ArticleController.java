package dev.cms.web.article;

import dev.cms.core.article.ArticleService;
import dev.cms.core.article.PublishedArticle;
import dev.cms.web.error.NotFoundPages;
import dev.cms.web.site.SiteTime;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;

/** The public article page: /articles/{slug}. Unknown, draft and unpublished articles are 404. */
@Controller("/articles")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ArticleController {

    private final ArticleService articles;
    private final SiteTime time;
    private final NotFoundPages notFound;

    public ArticleController(ArticleService articles, SiteTime time, NotFoundPages notFound) {
        this.articles = articles;
        this.time = time;
        this.notFound = notFound;
    }

    @Get("/{slug}")
    public HttpResponse<?> show(String slug, HttpRequest<?> request) {
        return articles.findPublished(slug)
                .<HttpResponse<?>>map(a -> HttpResponse.ok(new ModelAndView<>("article/show", page(a))))
                .orElseGet(() -> notFound.response(request));
    }

    private ArticlePage page(PublishedArticle published) {
        var a = published.article();
        return new ArticlePage(a.title(), a.slug(), a.summary(), time.format(a.publishedAt()),
                time.iso(a.publishedAt()), a.bodyHtml(),
                published.topics().stream().map(t -> new ArticlePage.TopicLink(t.name(), t.slug())).toList(),
                published.related().stream().map(r -> new ArticlePage.Link(r.title(), r.slug())).toList());
    }
}
