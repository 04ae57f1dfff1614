package dev.cms.admin.auth;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.annotation.Nullable;

/** The login form as posted; {@code next} is the admin page to return to afterwards. */
@Serdeable
public record LoginForm(@Nullable String username, @Nullable String password, @Nullable String next) {
}
