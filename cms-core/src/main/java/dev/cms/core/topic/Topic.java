package dev.cms.core.topic;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A topic articles share; its name is what editors type, its slug is its URL, its description
 * (optional) what its public page says it is about.
 */
@MappedEntity("topic")
public record Topic(@Id @GeneratedValue @Nullable Long id, String slug, String name, Instant createdAt,
                    @Nullable String description) {
}
