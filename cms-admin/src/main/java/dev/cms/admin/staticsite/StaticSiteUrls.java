package dev.cms.admin.staticsite;

import dev.cms.core.article.ArticleListService;
import dev.cms.core.media.ImageVariants;
import dev.cms.core.media.Media;
import dev.cms.core.media.MediaLibrary;
import dev.cms.core.media.MediaService;
import dev.cms.core.site.SiteSettings;
import dev.cms.core.sitemap.Sitemap;
import dev.cms.core.sitemap.SitemapCursor;
import dev.cms.core.sitemap.SitemapEntry;
import dev.cms.core.sitemap.SitemapPage;
import dev.cms.core.sitemap.SitemapRange;
import dev.cms.core.sitemap.SitemapService;
import dev.cms.core.topic.Topic;
import dev.cms.web.site.AbsoluteLinks;
import dev.cms.web.site.AssetUrls;
import jakarta.inject.Singleton;

import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every URL of the public site, read from the database through the services the pages themselves
 * use (never by following links): home and its pages, every published article, every public topic
 * with its pages and feeds, every month with its pages, feeds, sitemaps, robots.txt, the icons and
 * stylesheets, every uploaded image and its narrower copies, and the 404 page. Articles, topics
 * and media are read in keyset batches, so a site of any size is handed over a batch at a time.
 * The search page answers each query afresh and has no static copy.
 */
@Singleton
public class StaticSiteUrls {

    /** Uploads read per query. */
    private static final int MEDIA_BATCH = 500;

    private final ArticleListService lists;
    private final SitemapService sitemaps;
    private final MediaService media;
    private final AssetUrls assets;
    private final SiteSettings site;

    public StaticSiteUrls(ArticleListService lists, SitemapService sitemaps, MediaService media, AssetUrls assets,
            SiteSettings site) {
        this.lists = lists;
        this.sitemaps = sitemaps;
        this.media = media;
        this.assets = assets;
        this.site = site;
    }

    /** What a URL answers with, and so how it is stored and checked. */
    public enum Kind {
        /** An HTML page: stored as {@code path.html} ({@code index.html} for the home page). */
        PAGE,
        /** A file whose URL names its type (.xml, .txt, .ico): stored under its own path. */
        FILE,
        /** A file whose URL never names another content (uploads, fingerprinted assets): fetched once. */
        IMMUTABLE_FILE,
        /** The page readers get for a URL that is not there, answered 404: stored as {@code 404.html}. */
        NOT_FOUND_PAGE
    }

    /** One URL: its path, percent-encoded as pages link it, and its kind. */
    public record SiteUrl(String path, Kind kind) {
    }

    /** Hands every URL to {@code sink}, lists first, then articles, topics, months, files and media. */
    public void forEach(Consumer<SiteUrl> sink) {
        int size = site.homePageSize();
        numbered("", lists.newest(1, size).totalPages(), sink);
        Sitemap sitemap = sitemaps.current();
        each(sitemap.articles(SitemapRange.all()), entry -> sink.accept(page(articlePath(entry.slug()))));
        each(sitemap.topics(SitemapRange.all()), entry -> topic(entry.slug(), size, sink));
        for (YearMonth month : lists.publishedMonths(site.zone())) {
            String path = String.format(Locale.ROOT, "/archive/%04d/%02d", month.getYear(), month.getMonthValue());
            numbered(path, lists.inMonth(month, site.zone(), 1, size).totalPages(), sink);
        }
        for (String file : List.of("/feed.xml", "/atom.xml", "/sitemap.xml", "/robots.txt", "/favicon.ico")) {
            sink.accept(new SiteUrl(file, Kind.FILE));
        }
        if (sitemap.needsIndex()) {
            for (SitemapPage page : sitemap.topicPages()) {
                sink.accept(new SiteUrl("/sitemap-topics-" + page.number() + ".xml", Kind.FILE));
            }
            for (SitemapPage page : sitemap.articlePages()) {
                sink.accept(new SiteUrl("/sitemap-" + page.number() + ".xml", Kind.FILE));
            }
        }
        assets.publicUrls().forEach((plain, fingerprinted) -> {
            // Pages link the fingerprinted URL; pages cached elsewhere before it existed, the plain one.
            sink.accept(new SiteUrl(plain, Kind.FILE));
            sink.accept(new SiteUrl(fingerprinted, Kind.IMMUTABLE_FILE));
        });
        media(sink);
        sink.accept(new SiteUrl(StaticPaths.NOT_FOUND_URL, Kind.NOT_FOUND_PAGE));
    }

    private void topic(String slug, int size, Consumer<SiteUrl> sink) {
        Optional<Topic> topic = lists.topic(slug);
        if (topic.isEmpty()) {
            return; // renamed since the batch was read: its new slug is another entry
        }
        String path = "/topics/" + AbsoluteLinks.pathSegment(slug);
        numbered(path, lists.inTopic(topic.get(), 1, size).totalPages(), sink);
        sink.accept(new SiteUrl(path + "/feed.xml", Kind.FILE));
        sink.accept(new SiteUrl(path + "/atom.xml", Kind.FILE));
    }

    private void media(Consumer<SiteUrl> sink) {
        Long before = null;
        do {
            MediaLibrary batch = media.library(before, MEDIA_BATCH);
            for (Media item : batch.items()) {
                sink.accept(new SiteUrl(item.url(), Kind.IMMUTABLE_FILE));
                for (int width : ImageVariants.widthsFor(item.contentType(), item.width())) {
                    sink.accept(new SiteUrl(Media.URL_PREFIX + ImageVariants.path(item.path(), width),
                            Kind.IMMUTABLE_FILE));
                }
            }
            before = batch.olderBefore();
        } while (before != null);
    }

    /** A list's first page at {@code path} (the home page at "/"), then {@code path/page/2} and on. */
    private static void numbered(String path, int pages, Consumer<SiteUrl> sink) {
        sink.accept(page(path.isEmpty() ? "/" : path));
        for (int number = 2; number <= pages; number++) {
            sink.accept(page(path + "/page/" + number));
        }
    }

    static String articlePath(String slug) {
        return "/articles/" + AbsoluteLinks.pathSegment(slug);
    }

    private static SiteUrl page(String path) {
        return new SiteUrl(path, Kind.PAGE);
    }

    private static void each(SitemapCursor cursor, Consumer<SitemapEntry> action) {
        for (List<SitemapEntry> batch = cursor.next(); !batch.isEmpty(); batch = cursor.next()) {
            batch.forEach(action);
        }
    }
}
