package dev.cms.admin.auth;

import io.micronaut.security.token.claims.JtiGenerator;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Gives every login cookie a random {@code jti} claim, so each sign-in is a cookie of its own:
 * without it two sign-ins of one user within the same second got the very same token, and CSRF
 * tokens (bound to the login cookie, see {@link CsrfTokens}) could not tell them apart.
 */
@Singleton
public class LoginIds implements JtiGenerator {

    private final SecureRandom random = new SecureRandom();

    @Override
    public String generateJtiClaim() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
