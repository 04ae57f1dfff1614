package dev.cms.admin.auth;

import dev.cms.core.user.UserService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Makes the stateless login cookie revocable: a cookie counts only while its user exists, is
 * enabled and still has the token version written into it. Checked against the database on every
 * request, so disabling a user works at once on every node.
 */
@Singleton
public class ActiveUserClaimsValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    public static final String TOKEN_VERSION = "tv";

    private final UserService users;

    public ActiveUserClaimsValidator(UserService users) {
        this.users = users;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        Object subject = claims.get(Claims.SUBJECT);
        Object version = claims.get(TOKEN_VERSION);
        if (!(subject instanceof String username) || !(version instanceof Number number)) {
            return false;
        }
        return users.activeUser(username, number.intValue()).isPresent();
    }
}
