package dev.cms.core.article;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** A row of the admin article list: what an editor needs to pick an article, no body. */
@Introspected
public record ArticleRow(Long id, String slug, String title, ArticleStatus status,
                         @Nullable Instant publishedAt, Instant updatedAt) {
}
