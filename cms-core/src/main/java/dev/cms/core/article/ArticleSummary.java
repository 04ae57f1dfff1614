package dev.cms.core.article;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** A row of a public article list: never carries the body; the featured image's columns are null without one. */
@Introspected
public record ArticleSummary(Long id, String slug, String title, String summary, Instant publishedAt,
                             @Nullable String featuredImagePath, @Nullable Integer featuredImageWidth,
                             @Nullable Integer featuredImageHeight) {

    /** The featured image, or null when the article has none. */
    public @Nullable FeaturedImage featuredImage() {
        return FeaturedImage.of(featuredImagePath, featuredImageWidth, featuredImageHeight);
    }
}
