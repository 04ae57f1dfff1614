package dev.cms.admin.auth;

import io.micronaut.core.annotation.Nullable;

/**
 * The second login step: the signed challenge of the password step, where to go afterwards, the
 * form carried through the login, and the message key of a refused code.
 */
public record LoginCodePage(String challenge, @Nullable String next, @Nullable ResumedForm resume,
                            @Nullable String errorKey) {
}
