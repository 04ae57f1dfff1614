package dev.cms.core.feed;

import dev.cms.core.content.Slugs;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the site's feeds carry: the newest published articles, of the whole site or of one topic. */
@Singleton
public class FeedService {

    /** Entries per feed: enough for a reader polling every few hours, small enough to poll cheaply. */
    public static final int FEED_SIZE = 20;

    private final FeedRepository feeds;
    private final Clock clock;

    public FeedService(FeedRepository feeds, Clock clock) {
        this.feeds = feeds;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<FeedEntry> newest() {
        return feeds.findPublishedEntries(clock.instant(), FEED_SIZE);
    }

    /** The topic's feed; empty for an unknown topic and for one no published article carries. */
    @Transactional(readOnly = true)
    public Optional<TopicFeed> topic(String slug) {
        if (!Slugs.mayExist(slug)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return feeds.findPublicTopicBySlug(slug, now)
                .map(t -> new TopicFeed(t, feeds.findPublishedEntriesOfTopic(t.id(), now, FEED_SIZE)));
    }
}
