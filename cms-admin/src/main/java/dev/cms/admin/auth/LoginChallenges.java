package dev.cms.admin.auth;

import dev.cms.core.user.User;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What the second login step carries between its two pages: "this user's password was right a
 * moment ago", as a token signed with the cookie secret (a key of its own) in a hidden field, so
 * any author node can take the code and nothing is stored. It names the user and token version (a
 * password change in between voids it) and lasts {@link #LIFETIME}; it signs nobody in by itself.
 */
@Singleton
public class LoginChallenges {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final HmacSigner signer;
    private final Clock clock;

    public LoginChallenges(CookieSecret secret, Clock clock) {
        this.signer = HmacSigner.forPurpose(secret, "login-code");
        this.clock = clock;
    }

    /** Who a valid challenge is for. */
    public record Challenge(long userId, int tokenVersion) {
    }

    public String issue(User user) {
        String value = user.id() + "." + user.tokenVersion() + "." + clock.instant().plus(LIFETIME).getEpochSecond();
        return value + "." + signer.sign(value);
    }

    /** The challenge when the token was made here and has not expired; empty otherwise. */
    public Optional<Challenge> read(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int lastDot = token.lastIndexOf('.');
        if (lastDot <= 0) {
            return Optional.empty();
        }
        String value = token.substring(0, lastDot);
        if (!signer.verify(value, token.substring(lastDot + 1))) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.");
        try {
            if (parts.length != 3 || Long.parseLong(parts[2]) <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new Challenge(Long.parseLong(parts[0]), Integer.parseInt(parts[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
