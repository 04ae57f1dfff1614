package dev.cms.core.content;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * The single row of {@code content_version}: the root entity of {@link ContentVersionRepository},
 * whose statements all name their tables, so the content package needs no entity of the packages
 * above it. Nothing reads it as a whole.
 */
@MappedEntity("content_version")
public record ContentVersionRow(@Id int id, long version) {
}
