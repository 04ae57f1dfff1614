package dev.cms.core.related;

import io.micronaut.core.annotation.Introspected;

/** One entry of a stored related list as editors see it: where it stands and whether it is pinned. */
@Introspected
public record RelatedEntry(Long id, String slug, String title, int position, boolean pinned) {
}
