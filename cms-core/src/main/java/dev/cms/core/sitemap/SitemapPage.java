package dev.cms.core.sitemap;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** One page of a sitemap index: its number (from 1) and the newest change among its URLs. */
@Introspected
public record SitemapPage(Long number, @Nullable Instant lastModified) {
}
