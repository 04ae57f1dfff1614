package dev.cms.admin.auth;

import dev.cms.core.user.LoginSessionService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Makes the stateless login cookie revocable: a cookie counts only while its login session is on
 * (not logged out, not expired), and its user exists, is enabled and still has the token version
 * written into it. Checked against the database on every request, so logging out, disabling a
 * user or changing their password works at once on every node.
 */
@Singleton
public class ActiveUserClaimsValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    public static final String TOKEN_VERSION = "tv";
    /** The login session the cookie belongs to (see {@link LoginSessionService}). */
    public static final String SESSION = "sid";

    private final LoginSessionService sessions;

    public ActiveUserClaimsValidator(LoginSessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        Object subject = claims.get(Claims.SUBJECT);
        Object version = claims.get(TOKEN_VERSION);
        Object session = claims.get(SESSION);
        if (!(subject instanceof String username) || !(version instanceof Number number)
                || !(session instanceof String id)) {
            return false;
        }
        return sessions.isActive(id, username, number.intValue());
    }
}
