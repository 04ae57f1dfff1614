package dev.cms.admin.auth;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HmacSignerTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
    private final CookieSecret secret = new CookieSecret(SECRET, null);

    @Test
    void signaturesMatchTheKeysAndMessagesTokensWereIssuedWithBefore() throws Exception {
        // CSRF tokens, login challenges and shared preview links already handed out must stay valid.
        assertEquals(hmac("csrf:" + SECRET, "-|nonce"),
                HmacSigner.forPurpose(secret, "csrf").sign("-|nonce"));
        assertEquals(hmac("login-code:" + SECRET, "7.1.1700000000"),
                HmacSigner.forPurpose(secret, "login-code").sign("7.1.1700000000"));
        assertEquals(hmac("cms-shared-preview-v1:" + SECRET, "cms-shared-preview-v1\n42.1700000000"),
                HmacSigner.forPurpose(secret, "cms-shared-preview-v1").sign("cms-shared-preview-v1\n42.1700000000"));
    }

    @Test
    void aSignatureForOnePurposeDoesNotVerifyForAnother() {
        HmacSigner csrf = HmacSigner.forPurpose(secret, "csrf");
        HmacSigner login = HmacSigner.forPurpose(secret, "login-code");
        String signature = csrf.sign("7.1.1700000000");
        assertTrue(csrf.verify("7.1.1700000000", signature));
        assertFalse(login.verify("7.1.1700000000", signature));
        assertNotEquals(signature, login.sign("7.1.1700000000"));
    }

    @Test
    void alteredOrMissingSignaturesAreRefused() {
        HmacSigner signer = HmacSigner.forPurpose(secret, "csrf");
        String signature = signer.sign("message");
        assertFalse(signer.verify("message2", signature));
        assertFalse(signer.verify("message", signature.substring(1)));
        assertFalse(signer.verify("message", null));
    }

    private static String hmac(String key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
