package dev.cms.core.article;

import dev.cms.core.related.RelatedLink;
import dev.cms.core.topic.Topic;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * Everything the public article page shows, read with indexed queries: {@code previous} and
 * {@code next} are its neighbours (older, newer) in its first topic, null when there is none.
 */
public record PublishedArticle(Article article, List<Topic> topics, List<RelatedLink> related,
                               @Nullable ArticleSummary previous, @Nullable ArticleSummary next) {

    public Instant publishedAt() {
        return article.publishedAt();
    }
}
