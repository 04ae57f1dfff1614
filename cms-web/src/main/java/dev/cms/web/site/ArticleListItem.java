package dev.cms.web.site;

/** One article in a public list: title, time shown in the site's zone, summary; no body. */
public record ArticleListItem(String title, String slug, String summary, String publishedAt, String publishedAtIso) {
}
