package dev.cms.web.cache;

import dev.cms.core.content.PageTags;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a cached page shows, as {@link PageTags}: from its URL (an article's own page, a topic's
 * pages and feeds, a month of the archive, the home pages, the feeds, the sitemaps) and from its
 * bytes, every article it links to ({@code /articles/<slug>}): a related list, a list page or a
 * feed showing an article's title shows a link to it, so a change to that article evicts every
 * page linking to it without the database having to know who links where.
 */
final class PageDependencies {

    private static final byte[] ARTICLE_LINK = "/articles/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOPIC_LINK = "href=\"/topics/".getBytes(StandardCharsets.US_ASCII);
    /** Links beyond this many make the page depend on every change to a list: plenty for real pages. */
    private static final int MAX_LINKS = 1000;

    private PageDependencies() {
    }

    /** The tags of the page at {@code rawPath} (as sent, percent-encoded) with these bytes. */
    static Set<String> of(String rawPath, byte[] body) {
        Set<String> tags = new LinkedHashSet<>();
        String path = decode(rawPath);
        if (path.equals("/") || path.startsWith("/page/")) {
            tags.add(PageTags.HOME);
            tags.add(PageTags.LISTS);
        } else if (path.startsWith("/articles/")) {
            tags.add(PageTags.article(segment(path, "/articles/".length())));
            // Its previous / next links come from its first topic, the breadcrumb's: an article newly
            // published there is not linked yet, but its change carries that topic's tag.
            firstTopicLink(body).ifPresent(tags::add);
        } else if (path.startsWith("/topics/")) {
            tags.add(PageTags.topic(segment(path, "/topics/".length())));
            tags.add(PageTags.LISTS);
        } else if (path.startsWith("/archive/")) {
            tags.add(PageTags.LISTS);
            month(path).ifPresent(tags::add);
        } else if (path.equals("/feed.xml") || path.equals("/atom.xml")) {
            tags.add(PageTags.FEED);
            tags.add(PageTags.LISTS);
        } else if (path.startsWith("/sitemap")) {
            tags.add(PageTags.SITEMAP);
            tags.add(PageTags.LISTS);
        }
        // Any other page (robots.txt) shows no content: only a change to everything evicts it.
        if (!linkedArticles(body, tags)) {
            tags.add(PageTags.LISTS);
            tags.add(PageTags.HOME);
        }
        return tags;
    }

    private static String segment(String path, int from) {
        int end = path.indexOf('/', from);
        return end < 0 ? path.substring(from) : path.substring(from, end);
    }

    private static java.util.Optional<String> month(String path) {
        String[] parts = path.split("/");
        // "", "archive", year, month, ...
        if (parts.length >= 4) {
            try {
                return java.util.Optional.of(PageTags.month(YearMonth.of(Integer.parseInt(parts[2]), Integer.parseInt(parts[3]))));
            } catch (NumberFormatException | DateTimeException e) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    /** The tag of the first topic the page links to (an article page's breadcrumb comes first). */
    private static java.util.Optional<String> firstTopicLink(byte[] body) {
        int at = indexOf(body, TOPIC_LINK, 0);
        if (at < 0) {
            return java.util.Optional.empty();
        }
        int from = at + TOPIC_LINK.length;
        int end = from;
        while (end < body.length && !endsLink(body[end])) {
            end++;
        }
        return end > from
                ? java.util.Optional.of(PageTags.topic(decode(new String(body, from, end - from, StandardCharsets.UTF_8))))
                : java.util.Optional.empty();
    }

    /** Adds a tag per article linked; false when there were too many to list. */
    private static boolean linkedArticles(byte[] body, Set<String> tags) {
        int links = 0;
        int at = indexOf(body, 0);
        while (at >= 0) {
            int from = at + ARTICLE_LINK.length;
            int end = from;
            while (end < body.length && !endsLink(body[end])) {
                end++;
            }
            if (end > from) {
                if (++links > MAX_LINKS) {
                    return false;
                }
                tags.add(PageTags.article(decode(new String(body, from, end - from, StandardCharsets.UTF_8))));
            }
            at = indexOf(body, end);
        }
        return true;
    }

    private static boolean endsLink(byte b) {
        return b == '"' || b == '\'' || b == '<' || b == '>' || b == '?' || b == '#' || b == '/' || b == '&'
                || b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static int indexOf(byte[] body, int from) {
        return indexOf(body, ARTICLE_LINK, from);
    }

    private static int indexOf(byte[] body, byte[] link, int from) {
        byte first = link[0];
        int last = body.length - link.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (body[i] != first) {
                continue;
            }
            for (int j = 1; j < link.length; j++) {
                if (body[i + j] != link[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Percent-decoding as in a URL path ({@code +} stays a plus); a broken escape stays as it is. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
