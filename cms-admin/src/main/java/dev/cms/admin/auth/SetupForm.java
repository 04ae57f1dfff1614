package dev.cms.admin.auth;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.annotation.Nullable;

/** The first-admin setup form as posted. */
@Serdeable
public record SetupForm(@Nullable String username, @Nullable String displayName,
                        @Nullable String password, @Nullable String passwordConfirm) {
}
