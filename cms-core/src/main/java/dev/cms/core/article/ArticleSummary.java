package dev.cms.core.article;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** A row of a public article list: never carries the body. */
@Introspected
public record ArticleSummary(Long id, String slug, String title, String summary, Instant publishedAt) {
}
