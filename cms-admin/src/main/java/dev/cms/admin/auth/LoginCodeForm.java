package dev.cms.admin.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The second login step as posted: the signed challenge of the first ({@link LoginChallenges}), the
 * code typed, and what the first step carried on (where to go, a form to send again).
 */
@Serdeable
public record LoginCodeForm(@Nullable String challenge, @Nullable String code, @Nullable String next,
                            @Nullable String resumeAction, @Nullable String resumeBody) {
}
