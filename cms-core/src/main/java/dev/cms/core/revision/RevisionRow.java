package dev.cms.core.revision;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** A line of an article's revision list: no body. */
@Introspected
public record RevisionRow(Long id, String title, String savedBy, Instant savedAt) {
}
