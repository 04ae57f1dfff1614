package dev.cms.admin.auth;

import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * CSRF tokens for admin forms (signed double-submit): a random value with its HMAC, kept in an
 * HttpOnly cookie and repeated in every form. A request is accepted only when both are present,
 * equal, and signed by this site, so neither a foreign page nor an injected cookie can forge one.
 */
@Singleton
public class CsrfTokens {

    public static final String COOKIE = "cms_csrf";
    public static final String FIELD = "csrf";

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public CsrfTokens(CookieSecret secret) {
        this.key = new SecretKeySpec(("csrf:" + secret.value()).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String generate() {
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        String value = encode(nonce);
        return value + "." + sign(value);
    }

    /** Whether the token was made here (right shape and signature). */
    public boolean isGenuine(String token) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return false;
        }
        return constantTimeEquals(sign(token.substring(0, dot)), token.substring(dot + 1));
    }

    /** Whether the submitted form token matches the browser's cookie token and is genuine. */
    public boolean matches(String cookieToken, String submitted) {
        return isGenuine(cookieToken) && submitted != null && constantTimeEquals(cookieToken, submitted);
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return encode(mac.doFinal(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
