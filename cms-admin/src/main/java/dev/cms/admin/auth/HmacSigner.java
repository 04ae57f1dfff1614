package dev.cms.admin.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The one way the admin signs what it hands to browsers (CSRF tokens, login challenges, shared
 * preview links): HMAC-SHA256 under a key of its own per purpose, {@code "<purpose>:<cookie secret>"},
 * so a signature made for one purpose never passes for another. Signatures are unpadded base64url.
 * The key derivation is the one each signer used before they shared this class: changing it
 * would void every token and review link already handed out.
 */
public final class HmacSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private HmacSigner(SecretKeySpec key) {
        this.key = key;
    }

    /** A signer whose key is derived from the cookie secret for this purpose alone. */
    public static HmacSigner forPurpose(CookieSecret secret, String purpose) {
        return new HmacSigner(new SecretKeySpec((purpose + ":" + secret.value()).getBytes(StandardCharsets.UTF_8), ALGORITHM));
    }

    /** The signature of the message (its UTF-8 bytes). */
    public String sign(String message) {
        try {
            // A Mac is not thread-safe; making one per call is cheap next to a request.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return encode(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }

    /** Whether the signature is this signer's for the message, compared in constant time. */
    public boolean verify(String message, String signature) {
        return signature != null && constantTimeEquals(sign(message), signature);
    }

    /** Compares two strings without leaking where they first differ. */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Unpadded base64url, the alphabet of every signed token. */
    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
