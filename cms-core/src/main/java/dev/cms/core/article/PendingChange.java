package dev.cms.core.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * An edit saved over a published article that is not live yet (V33): the live row keeps what readers
 * see until 更新 publishes this, or 放弃修改 drops it. Slug and summary as typed (blank: keep the slug,
 * make the summary from the body), topics one name a line, the featured image by media path;
 * {@code basedOnVersion} is the article version the edit was made from, {@code submitted} whether
 * an author asked for review.
 */
@MappedEntity("article_pending")
public record PendingChange(
        @Id Long articleId,
        String title,
        @Nullable String slug,
        @Nullable String summary,
        String bodyMarkdown,
        String topics,
        @Nullable String featuredImagePath,
        Long basedOnVersion,
        boolean submitted,
        String savedBy,
        Instant savedAt) {
}
