package dev.cms.web.purge;

import dev.cms.core.content.PageTags;
import dev.cms.web.site.AbsoluteLinks;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The public URLs a change's {@link PageTags} name, absolute on the site's base URL: the first
 * page of each list it touched, the article pages under their slugs (old and new), the feeds and
 * the sitemap index. Pages a tag reaches without a URL of their own to derive (a list's later
 * pages, the sitemap's pages, every page whose related list or list links to an article) are
 * named by the tags sent beside the URLs.
 */
@Singleton
class PurgeUrls {

    private final AbsoluteLinks links;

    PurgeUrls(AbsoluteLinks links) {
        this.links = links;
    }

    Set<String> of(Collection<String> tags) {
        Set<String> urls = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag.startsWith("article:")) {
                urls.add(links.article(tag.substring("article:".length())));
            } else if (tag.startsWith("topic:")) {
                String topic = links.topic(tag.substring("topic:".length()));
                urls.add(topic);
                urls.add(topic + "/feed.xml");
                urls.add(topic + "/atom.xml");
            } else if (tag.startsWith("month:")) {
                // month:2026-03 is /archive/2026/03
                urls.add(links.path("/archive/" + tag.substring("month:".length()).replace('-', '/')));
            } else if (tag.equals(PageTags.HOME)) {
                urls.add(links.home());
            } else if (tag.equals(PageTags.FEED)) {
                urls.add(links.path("/feed.xml"));
                urls.add(links.path("/atom.xml"));
            } else if (tag.equals(PageTags.SITEMAP)) {
                urls.add(links.path("/sitemap.xml"));
            } else if (tag.equals(PageTags.LISTS)) {
                urls.add(links.home());
                urls.add(links.path("/feed.xml"));
                urls.add(links.path("/atom.xml"));
                urls.add(links.path("/sitemap.xml"));
            }
        }
        return urls;
    }
}
