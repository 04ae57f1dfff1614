package dev.cms.core.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;

/**
 * An article as stored: markdown source, its sanitized HTML, status and times (UTC), and its
 * featured image (the media path of an uploaded image and its size in pixels; all three null for none).
 */
@MappedEntity("article")
public record Article(
        @Id @GeneratedValue @Nullable Long id,
        String slug,
        String title,
        String summary,
        String bodyMarkdown,
        String bodyHtml,
        ArticleStatus status,
        @Nullable Instant publishedAt,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String featuredImagePath,
        @Nullable Integer featuredImageWidth,
        @Nullable Integer featuredImageHeight,
        @Version @Nullable Long version) {

    public boolean isPublishedAt(Instant now) {
        return status == ArticleStatus.PUBLISHED && publishedAt != null && !publishedAt.isAfter(now);
    }

    /** The featured image, or null when the article has none. */
    public @Nullable FeaturedImage featuredImage() {
        return FeaturedImage.of(featuredImagePath, featuredImageWidth, featuredImageHeight);
    }
}
