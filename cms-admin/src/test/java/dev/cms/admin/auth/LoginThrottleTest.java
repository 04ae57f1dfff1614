package dev.cms.admin.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password guessing from one address is cut off after a burst of failures, for a while only. */
class LoginThrottleTest {

    @Test
    void addressIsRefusedAfterTooManyFailuresUntilTheWindowPasses() {
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        LoginThrottle throttle = new LoginThrottle(Clock.fixed(start, ZoneOffset.UTC));
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertTrue(throttle.allowed("10.0.0.1"));
            throttle.failed("10.0.0.1");
        }
        assertFalse(throttle.allowed("10.0.0.1"));
        assertTrue(throttle.allowed("10.0.0.2"), "other addresses are not affected");

        LoginThrottle later = new LoginThrottle(Clock.fixed(start.plus(LoginThrottle.WINDOW).plusSeconds(1), ZoneOffset.UTC));
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            later.failed("10.0.0.3");
        }
        assertFalse(later.allowed("10.0.0.3"));
        later.succeeded("10.0.0.3");
        assertTrue(later.allowed("10.0.0.3"), "a successful login clears the address");
    }
}
