package dev.cms.web.article;

import java.util.List;

/** The model of one public article page, with times already shown in the site's zone. */
public record ArticlePage(String title,
                          String slug,
                          String summary,
                          String publishedAt,
                          String publishedAtIso,
                          String modifiedAtIso,
                          String bodyHtml,
                          List<TopicLink> topics,
                          List<Link> related,
                          String jsonLd,
                          boolean preview) {

    /** A topic the article carries. */
    public record TopicLink(String name, String slug) {
    }

    /** A link to another article. */
    public record Link(String title, String slug) {
    }
}
