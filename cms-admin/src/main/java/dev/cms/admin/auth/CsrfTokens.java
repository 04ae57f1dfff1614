package dev.cms.admin.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.cookie.AccessTokenCookieConfiguration;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * CSRF tokens for admin forms (signed double-submit, bound to the login): a random value with an
 * HMAC over it and the browser's login, kept in an HttpOnly cookie and repeated in every form. A
 * request is accepted only when both are present, equal, and signed by this site for the login
 * the request carries, so neither a foreign page nor an injected cookie can forge one, and a pair
 * issued to one user (or to the signed-out login page) is refused with another user's login.
 * The login is the signed login cookie itself: one sign-in, one binding, nothing kept on the
 * server, so it holds on every author node.
 */
@Singleton
public class CsrfTokens {

    public static final String COOKIE = "cms_csrf";
    public static final String FIELD = "csrf";

    /** The binding of a request without a login cookie (the login and setup pages). */
    private static final String SIGNED_OUT = "-";

    private final SecureRandom random = new SecureRandom();
    private final HmacSigner signer;
    private final String loginCookie;

    public CsrfTokens(CookieSecret secret, AccessTokenCookieConfiguration loginCookie) {
        this.signer = HmacSigner.forPurpose(secret, "csrf");
        this.loginCookie = loginCookie.getCookieName();
    }

    /** A new token for the login this request carries (or for a signed-out browser). */
    public String generate(HttpRequest<?> request) {
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        String value = HmacSigner.encode(nonce);
        return value + "." + signer.sign(message(bindingOf(request), value));
    }

    /** Whether the token was made here for the login this request carries (right shape and signature). */
    public boolean isGenuine(String token, HttpRequest<?> request) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return false;
        }
        return signer.verify(message(bindingOf(request), token.substring(0, dot)), token.substring(dot + 1));
    }

    /** Whether the submitted form token matches the browser's cookie token and is genuine for its login. */
    public boolean matches(String cookieToken, String submitted, HttpRequest<?> request) {
        return submitted != null && isGenuine(cookieToken, request) && HmacSigner.constantTimeEquals(cookieToken, submitted);
    }

    /**
     * What a token is bound to: a digest of the login cookie's value (a signed token naming the
     * user, unique to each sign-in), so the value itself never enters a MAC input or a log.
     */
    private String bindingOf(HttpRequest<?> request) {
        return request.getCookies().findCookie(loginCookie).map(Cookie::getValue)
                .filter(value -> !value.isEmpty())
                .map(CsrfTokens::digest)
                .orElse(SIGNED_OUT);
    }

    private static String message(String binding, String value) {
        // The binding is "-" or unpadded base64url of a SHA-256, never containing '|'.
        return binding + "|" + value;
    }

    private static String digest(String value) {
        try {
            return HmacSigner.encode(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
