package dev.cms.web.sitemap;

import dev.cms.core.sitemap.Sitemap;
import dev.cms.core.sitemap.SitemapCursor;
import dev.cms.core.sitemap.SitemapPage;
import dev.cms.core.sitemap.SitemapRange;
import dev.cms.core.sitemap.SitemapService;
import dev.cms.web.error.NotFoundPages;
import dev.cms.web.site.AbsoluteLinks;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The sitemap: {@code /sitemap.xml} lists the home page, every topic with a published article
 * and every published article. Past the page size (50,000 URLs) it becomes an index of pages,
 * {@code /sitemap-topics-{n}.xml} (home and topics) and {@code /sitemap-{n}.xml} (articles), each
 * covering a range of ids (see {@link SitemapRange}). URL sets are streamed as they are read.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class SitemapController {

    static final String XML = "application/xml; charset=utf-8";
    /** Crawlers come rarely and a big sitemap is costly to read: five minutes of staleness spares the database. */
    static final String CACHE_CONTROL = "public, max-age=300";
    /** More digits than any page number a sitemap index can have: longer numbers are simply not found. */
    private static final int MAX_PAGE_DIGITS = 12;

    private final SitemapService sitemaps;
    private final AbsoluteLinks links;
    private final NotFoundPages notFound;

    public SitemapController(SitemapService sitemaps, AbsoluteLinks links, NotFoundPages notFound) {
        this.sitemaps = sitemaps;
        this.links = links;
        this.notFound = notFound;
    }

    @Get(value = "/sitemap.xml", produces = XML)
    public HttpResponse<?> sitemap() {
        Sitemap sitemap = sitemaps.current();
        if (sitemap.needsIndex()) {
            return ok(SitemapWriter.index(pages(sitemap)));
        }
        return ok(SitemapWriter.urlset("/sitemap.xml", home(sitemap), List.of(
                new SitemapWriter.Section(sitemap.topics(SitemapRange.all()), links::topic),
                new SitemapWriter.Section(sitemap.articles(SitemapRange.all()), links::article))));
    }

    @Get(value = "/sitemap-{number:[0-9]+}.xml", produces = XML)
    public HttpResponse<?> articlePage(String number, HttpRequest<?> request) {
        OptionalLong page = pageNumber(number);
        if (page.isEmpty()) {
            return notFound.response(request);
        }
        Sitemap sitemap = sitemaps.current();
        SitemapCursor articles = sitemap.articles(sitemap.page(page.getAsLong()));
        if (articles.isEmpty()) {
            return notFound.response(request);
        }
        return ok(SitemapWriter.urlset(request.getPath(), null,
                List.of(new SitemapWriter.Section(articles, links::article))));
    }

    @Get(value = "/sitemap-topics-{number:[0-9]+}.xml", produces = XML)
    public HttpResponse<?> topicPage(String number, HttpRequest<?> request) {
        OptionalLong page = pageNumber(number);
        if (page.isEmpty()) {
            return notFound.response(request);
        }
        Sitemap sitemap = sitemaps.current();
        SitemapRange range = sitemap.page(page.getAsLong());
        SitemapCursor topics = sitemap.topics(range);
        if (!range.hasHome() && topics.isEmpty()) {
            return notFound.response(request);
        }
        return ok(SitemapWriter.urlset(request.getPath(), range.hasHome() ? home(sitemap) : null,
                List.of(new SitemapWriter.Section(topics, links::topic))));
    }

    private List<SitemapWriter.Url> pages(Sitemap sitemap) {
        List<SitemapWriter.Url> pages = new ArrayList<>();
        for (SitemapPage page : sitemap.topicPages()) {
            pages.add(new SitemapWriter.Url(links.path("/sitemap-topics-" + page.number() + ".xml"), page.lastModified()));
        }
        for (SitemapPage page : sitemap.articlePages()) {
            pages.add(new SitemapWriter.Url(links.path("/sitemap-" + page.number() + ".xml"), page.lastModified()));
        }
        return pages;
    }

    private SitemapWriter.Url home(Sitemap sitemap) {
        return new SitemapWriter.Url(links.home(), sitemap.homeLastModified().orElse(null));
    }

    /** The page number in its one spelling (no leading zeros), so each page has exactly one URL. */
    private static OptionalLong pageNumber(String digits) {
        if (digits.length() > MAX_PAGE_DIGITS || digits.startsWith("0")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    private static HttpResponse<?> ok(Object body) {
        return HttpResponse.ok(body).contentType(XML).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }
}
