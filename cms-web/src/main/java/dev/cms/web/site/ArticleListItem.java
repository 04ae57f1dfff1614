package dev.cms.web.site;

import io.micronaut.core.annotation.Nullable;

/**
 * One article in a public list: title, time shown in the site's zone, summary, and the thumbnail of
 * its featured image (null without one); no body.
 */
public record ArticleListItem(String title, String slug, String summary, String publishedAt, String publishedAtIso,
                              @Nullable Thumbnail thumbnail) {

    /**
     * A featured image as a list shows it: {@code src} the smallest copy there is, {@code srcset} every
     * copy and the original by width, so the browser loads no more than the small box needs.
     */
    public record Thumbnail(String src, String srcset) {
    }
}
