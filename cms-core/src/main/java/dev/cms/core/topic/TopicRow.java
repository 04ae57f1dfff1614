package dev.cms.core.topic;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/** A topic in the admin's topic list, with its description and how many articles carry it. */
@Introspected
public record TopicRow(Long id, String slug, String name, @Nullable String description, long articles) {
}
