package dev.cms.core.feed;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/**
 * An article as a feed shows it: title, summary and times, never the body. {@code createdAt}
 * never changes, so it can date the entry's permanent id.
 */
@Introspected
public record FeedEntry(Long id, String slug, String title, String summary, Instant publishedAt, Instant updatedAt,
                        Instant createdAt) {

    /** When the entry last changed for a reader: an article published after its last edit changed then. */
    public Instant lastChanged() {
        return updatedAt.isAfter(publishedAt) ? updatedAt : publishedAt;
    }
}
