package dev.cms.web.topic;

import dev.cms.core.article.ArticleListService;
import dev.cms.core.article.SummaryPage;
import dev.cms.core.site.SiteSettings;
import dev.cms.core.topic.Topic;
import dev.cms.core.topic.TopicService;
import dev.cms.web.error.NotFoundPages;
import dev.cms.web.site.AbsoluteLinks;
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
import java.util.Optional;
import java.util.OptionalInt;

/** Topic pages: /topics/{slug} and its numbered pages, newest first. */
@Controller("/topics")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TopicController {

    private final ArticleListService lists;
    private final ArticleListItems items;
    private final SiteSettings site;
    private final NotFoundPages notFound;
    private final TopicService topics;

    public TopicController(ArticleListService lists, ArticleListItems items, SiteSettings site, NotFoundPages notFound,
                           TopicService topics) {
        this.topics = topics;
        this.lists = lists;
        this.items = items;
        this.site = site;
        this.notFound = notFound;
    }

    @Get("/{slug}")
    public HttpResponse<?> show(String slug, HttpRequest<?> request) {
        return page(slug, 1, request);
    }

    @Get("/{slug}/page/{number}")
    public HttpResponse<?> numbered(String slug, String number, HttpRequest<?> request) {
        OptionalInt page = PageNumber.parse(number);
        if (page.isEmpty()) {
            return notFound.response(request);
        }
        if (page.getAsInt() == 1) {
            return HttpResponse.redirect(URI.create(path(slug)));
        }
        return page(slug, page.getAsInt(), request);
    }

    private HttpResponse<?> page(String slug, int number, HttpRequest<?> request) {
        Optional<Topic> topic = lists.topic(slug);
        if (topic.isEmpty()) {
            return topics.currentSlugFor(slug)
                    .<HttpResponse<?>>map(current -> HttpResponse.redirect(URI.create(number == 1 ? path(current)
                            : path(current) + "/page/" + number)))
                    .orElseGet(() -> notFound.response(request));
        }
        SummaryPage list = lists.inTopic(topic.get(), number, site.homePageSize());
        // A topic only drafts carry is not public yet: its name must not leak, as its feed does not.
        if (list.beyondEnd() || list.total() == 0) {
            return notFound.response(request);
        }
        return HttpResponse.ok(new ModelAndView<>("topic/show", new TopicPage(topic.get().name(), topic.get().slug(),
                topic.get().description(), list.total(), items.of(list.items()), Pagination.of(list, path(topic.get().slug())))));
    }

    /** The URL path of a topic page, its slug encoded as a path segment. */
    public static String path(String slug) {
        return "/topics/" + AbsoluteLinks.pathSegment(slug);
    }
}
