package dev.cms.admin.auth;

import io.micronaut.core.annotation.Nullable;

/**
 * The login form: the username typed, the local admin page to go back to ({@code next}, none for
 * the admin's home), a form carried through the login ({@code resume}), and the message keys of a
 * notice or a refusal.
 */
public record LoginPage(String username, @Nullable String next, @Nullable ResumedForm resume,
                        @Nullable String noticeKey, @Nullable String errorKey) {

    /** The form for this username, {@code next} kept only when it is a local admin page other than the home. */
    static LoginPage of(String username, @Nullable String next, @Nullable ResumedForm resume) {
        return new LoginPage(username, shownNext(next), resume, null, null);
    }

    LoginPage withNotice(String key) {
        return new LoginPage(username, next, resume, key, errorKey);
    }

    LoginPage withError(String key) {
        return new LoginPage(username, next, resume, noticeKey, key);
    }

    /** The page to go back to after the login, as the form carries it: none when that is the home. */
    static String shownNext(@Nullable String next) {
        String safe = LoginRedirects.safeNext(next);
        return safe.equals(LoginRedirects.HOME) ? null : safe;
    }
}
