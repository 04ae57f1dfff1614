package dev.cms.admin.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The first-admin setup form as posted. */
@Serdeable
public record SetupForm(@Nullable String username, @Nullable String displayName,
                        @Nullable String password, @Nullable String passwordConfirm) {
}
