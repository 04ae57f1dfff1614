package dev.cms.admin.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The two-step login forms of the account page as posted: only the fields each needs are set. */
@Serdeable
public record TwoFactorForm(@Nullable String secret, @Nullable String code, @Nullable String currentPassword) {
}
