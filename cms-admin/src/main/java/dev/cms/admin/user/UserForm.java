package dev.cms.admin.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The user forms as posted (create, role, reset, own password): only the fields each needs are set. */
@Serdeable
public record UserForm(@Nullable String username, @Nullable String displayName, @Nullable String password,
                       @Nullable String currentPassword, @Nullable String role) {
}
