package dev.cms.core.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * An admin account. {@code tokenVersion} is written into every login cookie; a cookie whose
 * version differs, or of a disabled user, is refused on every node.
 */
@MappedEntity("app_user")
public record User(@Id @GeneratedValue @Nullable Long id,
                   String username,
                   String displayName,
                   String passwordHash,
                   Role role,
                   boolean enabled,
                   int tokenVersion,
                   Instant createdAt,
                   Instant updatedAt) {
}
