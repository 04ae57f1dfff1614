package dev.cms.admin.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The login form as posted; {@code next} is the admin page to return to afterwards, and
 * {@code resumeAction} and {@code resumeBody} a form whose login had ended, to send again once
 * signed in (see {@link ResumedForm}).
 */
@Serdeable
public record LoginForm(@Nullable String username, @Nullable String password, @Nullable String next,
                        @Nullable String resumeAction, @Nullable String resumeBody) {
}
