package dev.cms.core.article;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A row of a keyset page of the admin list; {@code sortTime} and {@code id} are the keys of the next
 * page; {@code pending} whether a change saved over the published article waits for 更新.
 */
@Introspected
public record ArticleAdminRow(Long id, String slug, String title, ArticleStatus status,
                              @Nullable Instant publishedAt, Instant updatedAt, Instant sortTime,
                              boolean pending) {
}
