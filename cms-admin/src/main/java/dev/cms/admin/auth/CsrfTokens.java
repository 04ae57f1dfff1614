package dev.cms.admin.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.cookie.AccessTokenCookieConfiguration;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

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
    private final SecretKeySpec key;
    private final String loginCookie;

    public CsrfTokens(CookieSecret secret, AccessTokenCookieConfiguration loginCookie) {
        this.key = new SecretKeySpec(("csrf:" + secret.value()).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.loginCookie = loginCookie.getCookieName();
    }

    /** A new token for the login this request carries (or for a signed-out browser). */
    public String generate(HttpRequest<?> request) {
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        String value = encode(nonce);
        return value + "." + sign(bindingOf(request), value);
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
        return constantTimeEquals(sign(bindingOf(request), token.substring(0, dot)), token.substring(dot + 1));
    }

    /** Whether the submitted form token matches the browser's cookie token and is genuine for its login. */
    public boolean matches(String cookieToken, String submitted, HttpRequest<?> request) {
        return submitted != null && isGenuine(cookieToken, request) && constantTimeEquals(cookieToken, submitted);
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

    private String sign(String binding, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // The binding is "-" or unpadded base64url of a SHA-256, never containing '|'.
            return encode(mac.doFinal((binding + "|" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String digest(String value) {
        try {
            return encode(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
