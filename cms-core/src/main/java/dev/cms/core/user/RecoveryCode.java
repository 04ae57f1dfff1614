package dev.cms.core.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One of an account's one-time recovery codes, as its SHA-256 hash; {@code usedAt} once it was used. */
@MappedEntity("recovery_code")
public record RecoveryCode(@Id @GeneratedValue @Nullable Long id, Long userId, String codeHash, @Nullable Instant usedAt) {
}
