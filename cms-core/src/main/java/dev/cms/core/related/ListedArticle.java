package dev.cms.core.related;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** What a related list shows of one of its articles, and whether a reader may see it now. */
@Introspected
public record ListedArticle(Long id, String slug, String title, String status, @Nullable Instant publishedAt) {

    boolean visibleAt(Instant now) {
        return "PUBLISHED".equals(status) && publishedAt != null && !publishedAt.isAfter(now);
    }
}
