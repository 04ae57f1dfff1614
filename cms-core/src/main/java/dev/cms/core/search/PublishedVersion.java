package dev.cms.core.search;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/**
 * The current public state of an article a search hit points at: what the result list shows, and
 * {@code updatedAt} to tell whether the indexed text is still the article's.
 */
@Introspected
public record PublishedVersion(Long id, String slug, String title, Instant publishedAt, Instant updatedAt) {
}
