package dev.cms.web.purge;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code X-Cms-Signature} of a purge webhook body: {@code sha256=} and the hex HMAC-SHA256 of
 * the raw body bytes keyed with the shared secret, so the receiver knows the body came from a node
 * holding the secret and was not altered on the way.
 */
public final class PurgeSignature {

    public static final String HEADER = "X-Cms-Signature";
    private static final String PREFIX = "sha256=";

    private PurgeSignature() {
    }

    public static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} (the header's value) signs {@code body}; compared in constant time. */
    public static boolean verify(byte[] body, String secret, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(body, secret).getBytes(StandardCharsets.US_ASCII),
                signature.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
