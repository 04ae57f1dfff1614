package dev.cms.core.sitemap;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** One URL of a sitemap, an article's or a topic's: its id (the keyset key), slug and last change. */
@Introspected
public record SitemapEntry(Long id, String slug, Instant lastModified) {
}
