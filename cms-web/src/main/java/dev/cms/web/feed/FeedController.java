package dev.cms.web.feed;

import dev.cms.core.feed.FeedService;
import dev.cms.core.feed.TopicFeed;
import dev.cms.core.profile.SiteProfile;
import dev.cms.web.error.NotFoundPages;
import dev.cms.web.site.AbsoluteLinks;
import dev.cms.web.site.CurrentSite;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.function.Function;

/**
 * The site's feeds, RSS 2.0 and Atom 1.0: {@code /feed.xml} and {@code /atom.xml} for the whole
 * site, {@code /topics/{slug}/feed.xml} and {@code /topics/{slug}/atom.xml} per topic (404 for a
 * topic no published article carries). Newest {@value FeedService#FEED_SIZE} articles first.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class FeedController {

    public static final String RSS = "application/rss+xml; charset=utf-8";
    public static final String ATOM = "application/atom+xml; charset=utf-8";
    /** Feed readers poll often; five minutes of staleness is nothing to them and spares the database. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private final FeedService feeds;
    private final FeedWriter writer;
    private final AbsoluteLinks links;
    private final CurrentSite currentSite;
    private final NotFoundPages notFound;

    public FeedController(FeedService feeds, FeedWriter writer, AbsoluteLinks links, CurrentSite currentSite,
                          NotFoundPages notFound) {
        this.feeds = feeds;
        this.writer = writer;
        this.links = links;
        this.currentSite = currentSite;
        this.notFound = notFound;
    }

    @Get(value = "/feed.xml", produces = RSS)
    public HttpResponse<?> siteRss() {
        return ok(writer.rss(siteFeed()), RSS);
    }

    @Get(value = "/atom.xml", produces = ATOM)
    public HttpResponse<?> siteAtom() {
        return ok(writer.atom(siteFeed()), ATOM);
    }

    @Get(value = "/topics/{slug}/feed.xml", produces = RSS)
    public HttpResponse<?> topicRss(String slug, HttpRequest<?> request) {
        return topic(slug, request, writer::rss, RSS);
    }

    @Get(value = "/topics/{slug}/atom.xml", produces = ATOM)
    public HttpResponse<?> topicAtom(String slug, HttpRequest<?> request) {
        return topic(slug, request, writer::atom, ATOM);
    }

    private Feed siteFeed() {
        SiteProfile profile = currentSite.profile();
        String description = profile.description() == null ? profile.siteName() : profile.description();
        return new Feed(profile.siteName(), description, profile.siteName(), links.home(), links.path("/feed.xml"),
                links.path("/atom.xml"), feeds.newest());
    }

    private HttpResponse<?> topic(String slug, HttpRequest<?> request, Function<Feed, byte[]> format, String type) {
        return feeds.topic(slug)
                .<HttpResponse<?>>map(t -> ok(format.apply(topicFeed(t)), type))
                .orElseGet(() -> notFound.response(request));
    }

    private Feed topicFeed(TopicFeed topic) {
        String page = links.topic(topic.topic().slug());
        String siteName = currentSite.profile().siteName();
        String title = siteName + " - " + topic.topic().name();
        return new Feed(title, title, siteName, page, page + "/feed.xml", page + "/atom.xml", topic.entries());
    }

    private static HttpResponse<byte[]> ok(byte[] body, String type) {
        return HttpResponse.ok(body).contentType(type).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }
}
