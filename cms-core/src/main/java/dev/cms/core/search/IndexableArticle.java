package dev.cms.core.search;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** What the search index holds of a published article: its words, publish time and version (updatedAt). */
@Introspected
public record IndexableArticle(Long id, String slug, String title, String summary, String bodyMarkdown,
                               Instant publishedAt, Instant updatedAt) {
}
