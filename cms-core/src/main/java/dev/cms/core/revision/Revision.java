package dev.cms.core.revision;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One saved state of an article: its text, topics and featured image (a media path, null for none)
 * as they were, who saved it and when.
 */
@MappedEntity("article_revision")
public record Revision(@Id @GeneratedValue @Nullable Long id,
                       Long articleId,
                       String title,
                       String summary,
                       String bodyMarkdown,
                       String topics,
                       String status,
                       String savedBy,
                       Instant savedAt,
                       @Nullable String featuredImagePath) {
}
