package dev.cms.core.article;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * What the admin list is narrowed to, and where its page starts: the keyset of the last row of
 * the previous page (sort time and id), so deep pages cost the same as the first.
 */
public record ArticleFilter(@Nullable ArticleStatus status,
                            @Nullable Long topicId,
                            @Nullable Long authorId,
                            @Nullable String titleContains,
                            boolean byPublishTime,
                            @Nullable Instant afterTime,
                            @Nullable Long afterId) {

    public static ArticleFilter none() {
        return new ArticleFilter(null, null, null, null, false, null, null);
    }
}
