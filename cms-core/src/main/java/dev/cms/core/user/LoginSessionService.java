package dev.cms.core.user;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Logins kept in the database, so the stateless login cookie can be ended on every node at once:
 * {@link #start} gives the id the cookie carries, {@link #isActive} is asked on every request and
 * {@link #end} (logout) makes that cookie, and every copy of it, worthless. Only a hash of the id is
 * stored.
 */
@Singleton
public class LoginSessionService {

    private final LoginSessionRepository sessions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LoginSessionService(LoginSessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Starts a login for the user, lasting {@code lifetime}; the id to put into its cookie. */
    @Transactional
    public String start(User user, Duration lifetime) {
        Instant now = clock.instant();
        // Keeps the table to the logins still running; cheap, through the expiry index.
        sessions.deleteExpired(now);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.save(new LoginSession(hash(id), user.id(), now, now.plus(lifetime)));
        return id;
    }

    /** Whether a cookie naming this session, user and token version still signs someone in. */
    @Transactional(readOnly = true)
    public boolean isActive(String id, String username, int tokenVersion) {
        return id != null && !id.isEmpty() && sessions.countActive(hash(id), username, tokenVersion, clock.instant()) > 0;
    }

    /** Ends one login (logout): its cookie and every copy of it are refused from now on. */
    @Transactional
    public void end(String id) {
        if (id != null && !id.isEmpty()) {
            sessions.end(hash(id));
        }
    }

    static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
