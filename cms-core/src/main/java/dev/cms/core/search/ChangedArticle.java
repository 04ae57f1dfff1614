package dev.cms.core.search;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** An article changed at {@code updatedAt} (by any node), for the index to catch up with. */
@Introspected
public record ChangedArticle(Long id, Instant updatedAt) {
}
