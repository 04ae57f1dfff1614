package dev.cms.web.purge;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PurgeSignatureTest {

    private static final String SECRET = "a shared secret";
    private static final byte[] BODY = "{\"all\":false,\"urls\":[\"https://example.com/articles/a\"]}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void theSignatureIsTheHexHmacOfTheBodyAndVerifies() {
        String signature = PurgeSignature.sign(BODY, SECRET);

        assertTrue(signature.matches("sha256=[0-9a-f]{64}"), signature);
        assertTrue(PurgeSignature.verify(BODY, SECRET, signature));
    }

    @Test
    void aTamperedBodyOrAnotherSecretIsRejected() {
        String signature = PurgeSignature.sign(BODY, SECRET);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("/articles/a", "/articles/b")
                .getBytes(StandardCharsets.UTF_8);

        assertNotEquals(signature, PurgeSignature.sign(tampered, SECRET));
        assertFalse(PurgeSignature.verify(tampered, SECRET, signature));
        assertFalse(PurgeSignature.verify(BODY, "another secret", signature));
        assertFalse(PurgeSignature.verify(BODY, SECRET, null));
        assertFalse(PurgeSignature.verify(BODY, SECRET, "sha256=00"));
    }
}
