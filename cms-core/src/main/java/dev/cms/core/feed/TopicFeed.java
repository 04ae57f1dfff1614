package dev.cms.core.feed;

import java.util.List;

/** A topic and its newest published articles, newest first. */
public record TopicFeed(FeedTopic topic, List<FeedEntry> entries) {
}
