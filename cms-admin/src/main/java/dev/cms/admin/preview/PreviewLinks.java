package dev.cms.admin.preview;

import dev.cms.admin.auth.CookieSecret;
import dev.cms.admin.auth.HmacSigner;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Signed, expiring links that show one article's saved draft to someone without an account.
 * A token is {@code <article id>.<expiry, epoch seconds>.<HMAC>}: the id and expiry are readable
 * but signed with the cookie secret under a key and a message of their own, so neither a CSRF
 * token nor a login cookie can pass for one, and changing the id or the expiry breaks it. Nothing
 * is stored: every author node with the same secret honours the link.
 *
 * <p>Why not a JWT from micronaut-security-jwt, which signs the login cookie: a review link is
 * pasted into chats and mails, and this token is about 60 characters where a signed JWT with the
 * same two claims is over 150; and links already handed out (valid for days) must keep working,
 * which a change of token format would break. The signing itself is the admin's one
 * {@link HmacSigner}, shared with CSRF tokens and login challenges.
 */
@Singleton
public class PreviewLinks {

    private static final String PURPOSE = "cms-shared-preview-v1";

    private final HmacSigner signer;
    private final Clock clock;
    private final Duration ttl;

    public PreviewLinks(CookieSecret secret, Clock clock, @Value("${cms.preview.link-ttl:7d}") Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalStateException("CMS_PREVIEW_LINK_TTL must be a positive duration such as 7d or 12h, not " + ttl);
        }
        this.signer = HmacSigner.forPurpose(secret, PURPOSE);
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A new link token for the article, valid from now for the configured time. */
    public PreviewLink create(long articleId) {
        Instant expires = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String payload = articleId + "." + expires.getEpochSecond();
        return new PreviewLink(articleId, expires, payload + "." + signer.sign(message(payload)));
    }

    /** What a presented token says, checked: genuine and unexpired, expired, or not one of ours. */
    public Verdict check(String token) {
        if (token == null || token.length() > 200) {
            return Verdict.invalid();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].matches("[1-9][0-9]{0,18}") || !parts[1].matches("[0-9]{1,19}")) {
            return Verdict.invalid();
        }
        String payload = parts[0] + "." + parts[1];
        if (!signer.verify(message(payload), parts[2])) {
            return Verdict.invalid();
        }
        long articleId;
        Instant expires;
        try {
            articleId = Long.parseLong(parts[0]);
            expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Verdict.invalid();
        }
        PreviewLink link = new PreviewLink(articleId, expires, token);
        return clock.instant().isBefore(expires) ? new Verdict(State.VALID, link) : new Verdict(State.EXPIRED, link);
    }

    /** The purpose leads the message as well as the key, as it has since the first links were handed out. */
    private static String message(String payload) {
        return PURPOSE + "\n" + payload;
    }

    /** A link for one article, the moment it stops working, and its token. */
    public record PreviewLink(long articleId, Instant expires, String token) {

        public String path() {
            return "/preview/" + token;
        }
    }

    public enum State { VALID, EXPIRED, INVALID }

    /** The outcome of {@link #check}; the link is null only when the token is not genuine. */
    public record Verdict(State state, PreviewLink link) {

        static Verdict invalid() {
            return new Verdict(State.INVALID, null);
        }
    }
}
