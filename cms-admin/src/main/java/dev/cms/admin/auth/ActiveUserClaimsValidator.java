package dev.cms.admin.auth;

import dev.cms.core.site.DatabaseAvailability;
import dev.cms.core.site.DatabaseUnavailable;
import dev.cms.core.user.LoginSessionService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the stateless login cookie revocable: a cookie counts only while its login session is on
 * (not logged out, not expired), and its user exists, is enabled and still has the token version
 * written into it. Checked against the database on every request, so logging out, disabling a
 * user or changing their password works at once on every node.
 *
 * <p>While the database cannot be reached, a cookie whose signature and expiry hold counts as it
 * is: otherwise an editor saving during an outage would be sent to the login page and lose what
 * they typed, instead of getting their form back. Revocation cannot be checked then, but neither
 * can anything be read or changed without the database.
 */
@Singleton
public class ActiveUserClaimsValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    public static final String TOKEN_VERSION = "tv";
    /** The login session the cookie belongs to (see {@link LoginSessionService}). */
    public static final String SESSION = "sid";

    private static final Logger LOG = LoggerFactory.getLogger(ActiveUserClaimsValidator.class);

    private final LoginSessionService sessions;
    private final DatabaseAvailability database;

    public ActiveUserClaimsValidator(LoginSessionService sessions, DatabaseAvailability database) {
        this.sessions = sessions;
        this.database = database;
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
        if (database.knownUnreachable()) {
            return true;
        }
        try {
            return sessions.isActive(id, username, number.intValue());
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            LOG.warn("Cannot check the login of {} against the database ({}); its signed cookie counts until it can",
                    username, e.getMessage());
            return true;
        }
    }
}
