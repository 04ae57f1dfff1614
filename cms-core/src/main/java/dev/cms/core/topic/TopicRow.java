package dev.cms.core.topic;

import io.micronaut.core.annotation.Introspected;

/** A topic in the admin's topic list, with how many articles carry it. */
@Introspected
public record TopicRow(Long id, String slug, String name, long articles) {
}
