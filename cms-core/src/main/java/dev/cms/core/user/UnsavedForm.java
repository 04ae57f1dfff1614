package dev.cms.core.user;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A form its user sent after their login had ended, kept until they send it again: the admin page
 * it was going to and its fields, url-encoded.
 */
@MappedEntity("unsaved_form")
public record UnsavedForm(@Id String id, Long userId, String targetPath, String formFields, Instant createdAt) {
}
