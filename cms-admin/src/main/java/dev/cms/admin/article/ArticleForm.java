package dev.cms.admin.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The article edit form exactly as typed; kept as strings so an invalid form can be shown again
 * with everything the editor entered. {@code featuredImage} is the media id of the featured image
 * chosen, blank for none; {@code action} is the button pressed: save or publish.
 */
@Serdeable
public record ArticleForm(@Nullable String title,
                          @Nullable String slug,
                          @Nullable String summary,
                          @Nullable String body,
                          @Nullable String topics,
                          @Nullable String publishTime,
                          @Nullable String featuredImage,
                          @Nullable String version,
                          @Nullable String action) {

    public static ArticleForm empty() {
        return new ArticleForm("", "", "", "", "", "", "", "", "");
    }
}
