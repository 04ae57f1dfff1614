package dev.cms.admin.staticsite;

import dev.cms.admin.staticsite.StaticSiteUrls.Kind;
import dev.cms.admin.staticsite.StaticSiteUrls.SiteUrl;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Where a URL of the site lives in a static copy, the one rule a web server's configuration must
 * mirror: a page at {@code /articles/x} is the file {@code articles/x.html} (the home page
 * {@code index.html}), so a server that tries {@code $uri}, then {@code $uri.html}, answers the
 * same URL with no redirect; every other file keeps its path; the 404 page is {@code 404.html}.
 * Paths are stored decoded (a Chinese slug is a UTF-8 file name), as web servers and object stores
 * look them up.
 */
final class StaticPaths {

    /** A URL no site has, whose answer is the 404 page. */
    static final String NOT_FOUND_URL = "/404.html";
    static final String NOT_FOUND_FILE = "404.html";

    /** What may stand between slashes: no empty, dot or dot-dot segment, no backslash or NUL. */
    private static final Pattern UNSAFE = Pattern.compile("(^|/)\\.{0,2}(/|$)|[\\\\\\x00]");

    private StaticPaths() {
    }

    /** The file, relative to the export folder with '/' between names, that holds {@code url}. */
    static String fileFor(SiteUrl url) {
        if (url.kind() == Kind.NOT_FOUND_PAGE) {
            return NOT_FOUND_FILE;
        }
        if (!url.path().startsWith("/")) {
            throw new IllegalArgumentException("not a site path: " + url.path());
        }
        String decoded = URLDecoder.decode(url.path().substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        if (url.kind() == Kind.PAGE) {
            decoded = decoded.isEmpty() ? "index.html" : decoded + ".html";
        }
        if (!isSafe(decoded)) {
            throw new IllegalArgumentException("no safe file name for " + url.path());
        }
        return decoded;
    }

    /** Whether {@code file} names a file inside the folder (no way out of it, no hidden trick). */
    static boolean isSafe(String file) {
        return !file.isEmpty() && !file.startsWith("/") && !UNSAFE.matcher(file).find();
    }
}
