package dev.cms.core.related;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** A public article's id and publish time, all a related-list score needs of it. */
@Introspected
public record PublishedAt(Long id, Instant publishedAt) {
}
