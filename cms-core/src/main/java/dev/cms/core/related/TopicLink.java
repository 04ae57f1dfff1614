package dev.cms.core.related;

import io.micronaut.core.annotation.Introspected;

/** An article carrying a topic (a row of article_topic). */
@Introspected
public record TopicLink(Long topicId, Long articleId) {
}
