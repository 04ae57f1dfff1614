package dev.cms.core.user;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One login, until its user logs out or it expires; {@code id} is the hash of the id its cookie carries. */
@MappedEntity("login_session")
public record LoginSession(@Id String id, Long userId, Instant createdAt, Instant expiresAt) {
}
