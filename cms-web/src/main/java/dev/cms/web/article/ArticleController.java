package dev.cms.web.article;

import dev.cms.core.article.ArticleService;
import dev.cms.core.article.PublishedArticle;
import dev.cms.core.topic.Topic;
import dev.cms.web.error.NotFoundPages;
import dev.cms.web.site.AbsoluteLinks;
import dev.cms.web.site.SiteTime;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.List;

/**
 * The public article page: /articles/{slug}. A former slug answers 301 to the current URL;
 * unknown, draft and unpublished articles are 404.
 */
@Controller("/articles")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ArticleController {

    private final ArticleService articles;
    private final SiteTime time;
    private final ArticleJsonLd jsonLd;
    private final NotFoundPages notFound;

    public ArticleController(ArticleService articles, SiteTime time, ArticleJsonLd jsonLd, NotFoundPages notFound) {
        this.articles = articles;
        this.time = time;
        this.jsonLd = jsonLd;
        this.notFound = notFound;
    }

    @Get("/{slug}")
    public HttpResponse<?> show(String slug, HttpRequest<?> request) {
        return articles.findPublished(slug)
                .<HttpResponse<?>>map(a -> HttpResponse.ok(new ModelAndView<>("article/show", page(a))))
                .or(() -> articles.currentSlugFor(slug).map(current -> HttpResponse.redirect(
                        URI.create("/articles/" + AbsoluteLinks.pathSegment(current)))))
                .orElseGet(() -> notFound.response(request));
    }

    private ArticlePage page(PublishedArticle published) {
        var a = published.article();
        List<String> topicNames = published.topics().stream().map(Topic::name).toList();
        return new ArticlePage(a.title(), a.slug(), a.summary(), time.format(a.publishedAt()),
                time.iso(a.publishedAt()), time.iso(a.updatedAt()), a.bodyHtml(),
                published.topics().stream().map(t -> new ArticlePage.TopicLink(t.name(), t.slug())).toList(),
                published.related().stream().map(r -> new ArticlePage.Link(r.title(), r.slug())).toList(),
                jsonLd.of(a, topicNames), false);
    }
}
