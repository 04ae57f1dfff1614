package dev.cms.core.article;

import dev.cms.core.related.RelatedLink;
import dev.cms.core.topic.Topic;

import java.time.Instant;
import java.util.List;

/** Everything the public article page shows, read with three indexed queries. */
public record PublishedArticle(Article article, List<Topic> topics, List<RelatedLink> related) {

    public Instant publishedAt() {
        return article.publishedAt();
    }
}
