package dev.cms.core.user;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Codes are the ones authenticator apps show: RFC 6238's SHA-1 test vectors, cut to six digits. */
class TotpTest {

    /** RFC 6238 appendix B: the ASCII key "12345678901234567890". */
    static final String RFC_SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void codesMatchTheRfcTestVectors() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", RFC_SECRET);
        assertEquals("287082", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59))));
        assertEquals("081804", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109))));
        assertEquals("050471", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111111))));
        assertEquals("005924", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1234567890))));
        assertEquals("279037", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(2000000000))));
        assertEquals("353130", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(20000000000L))));
    }

    @Test
    void aCodeCountsOneStepEitherSideAndNeverTwice() {
        Instant now = Instant.ofEpochSecond(1111111109);
        long step = Totp.step(now);
        assertEquals(step - 1, Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now, -1).orElseThrow());
        assertEquals(step + 1, Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now, -1).orElseThrow());
        assertTrue(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now, -1).isEmpty());
        assertTrue(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step), now, step).isEmpty(), "already used");
        assertEquals(step, Totp.matchingStep(RFC_SECRET, " 081 804 ", now, -1).orElseThrow(), "spaces are ignored");
        assertTrue(Totp.matchingStep(RFC_SECRET, "81804", now, -1).isEmpty());
    }

    @Test
    void secretsRoundTripThroughBase32() {
        String secret = Totp.newSecret();
        assertEquals(32, secret.length());
        assertTrue(Totp.isSecret(secret));
        assertArrayEquals(Totp.unbase32(secret), Totp.unbase32(Totp.base32(Totp.unbase32(secret))));
        assertTrue(Totp.uri("我的网站", "ed", secret).startsWith("otpauth://totp/"));
    }
}
