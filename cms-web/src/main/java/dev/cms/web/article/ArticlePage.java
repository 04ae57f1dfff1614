package dev.cms.web.article;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The model of one public article page, with times already shown in the site's zone; {@code previous}
 * and {@code next} are the older and newer articles of its first topic (none on previews);
 * {@code shareImage} is the site-relative URL of its featured image for link previews (null: the site's).
 */
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
                          boolean preview,
                          @Nullable Link previous,
                          @Nullable Link next,
                          @Nullable String shareImage) {

    /** A topic the article carries. */
    public record TopicLink(String name, String slug) {
    }

    /** A link to another article. */
    public record Link(String title, String slug) {
    }
}
