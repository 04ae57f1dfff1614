package dev.cms.web.site;

import dev.cms.core.site.SiteSettings;
import jakarta.inject.Singleton;

import java.net.IDN;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Absolute URLs of the site's pages, for documents read away from the site (feeds, sitemaps):
 * always from the configured base URL, never from a request's Host header, with slugs
 * percent-encoded as path segments (UTF-8; a space is %20, never +).
 */
@Singleton
public class AbsoluteLinks {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final DateTimeFormatter TAG_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final String base;
    private final String host;

    public AbsoluteLinks(SiteSettings site) {
        this.base = site.baseUrlNoSlash();
        this.host = hostOf(base);
    }

    public String home() {
        return base + "/";
    }

    public String article(String slug) {
        return base + "/articles/" + pathSegment(slug);
    }

    public String topic(String slug) {
        return base + "/topics/" + pathSegment(slug);
    }

    /** A site path that is already a valid URL path, such as {@code /feed.xml}. */
    public String path(String path) {
        return base + path;
    }

    /**
     * A permanent id for an article (RFC 4151 tag URI): unlike its URL, it survives a change of
     * slug or of http to https, so feed readers never show an edited article twice.
     */
    public String articleTag(long id, Instant createdAt) {
        return "tag:" + host + "," + TAG_DATE.format(createdAt) + ":article-" + id;
    }

    /** Percent-encodes all but RFC 3986's unreserved characters, so any text is one safe path segment. */
    public static String pathSegment(String text) {
        StringBuilder encoded = new StringBuilder(text.length() * 3);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }

    private static String hostOf(String baseUrl) {
        try {
            URI uri = URI.create(baseUrl);
            if (uri.getHost() != null) {
                return uri.getHost().toLowerCase();
            }
            // java.net.URI gives no host for internationalized domain names: take it from the authority.
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
            String name = hostAndPort.contains(":") ? hostAndPort.substring(0, hostAndPort.indexOf(':')) : hostAndPort;
            return name.isEmpty() ? "localhost" : IDN.toASCII(name).toLowerCase();
        } catch (IllegalArgumentException e) {
            return "localhost";
        }
    }
}
