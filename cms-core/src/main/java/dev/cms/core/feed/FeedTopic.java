package dev.cms.core.feed;

import io.micronaut.core.annotation.Introspected;

/** A topic as its feed names it. */
@Introspected
public record FeedTopic(Long id, String slug, String name) {
}
