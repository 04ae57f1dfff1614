package dev.cms.core.content;

import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a content change and a cached page share: a change lists the tags of what it showed
 * differently, a page the tags of what it shows, and a cache evicts the pages sharing a tag with
 * the change. Kept to a few kinds so both sides stay easy to check: an article by its slug (its own
 * page, and every page linking to it), a topic by its slug (its pages and feeds), a month of the
 * archive in the site's time zone, the home pages, the site feeds, the sitemaps, {@link #LISTS}
 * (every list page at once) and {@link #EVERYTHING}.
 */
public final class PageTags {

    public static final String EVERYTHING = "*";
    /** Carried by every page listing articles (home, topics, archive, feeds, sitemaps). */
    public static final String LISTS = "lists";
    public static final String HOME = "home";
    public static final String FEED = "feed";
    public static final String SITEMAP = "sitemap";
    /** Tags are stored one per line: no slug holds a line break. */
    static final char SEPARATOR = '\n';

    private PageTags() {
    }

    public static String article(String slug) {
        return "article:" + slug;
    }

    public static String topic(String slug) {
        return "topic:" + slug;
    }

    public static String month(YearMonth month) {
        return "month:" + month;
    }

    /** What a change to a public article shows differently besides its own page and its topics and month. */
    static List<String> publicLists() {
        return List.of(HOME, FEED, SITEMAP);
    }

    static String join(Collection<String> tags) {
        return String.join(String.valueOf(SEPARATOR), tags);
    }

    public static Set<String> split(String tags) {
        Set<String> set = new LinkedHashSet<>();
        int from = 0;
        while (from <= tags.length()) {
            int end = tags.indexOf(SEPARATOR, from);
            if (end < 0) {
                end = tags.length();
            }
            if (end > from) {
                set.add(tags.substring(from, end));
            }
            from = end + 1;
        }
        return set;
    }
}
