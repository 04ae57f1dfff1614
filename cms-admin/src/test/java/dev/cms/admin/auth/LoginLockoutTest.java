package dev.cms.admin.auth;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.testing.MutableClock;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The account lockout forgets: five wrong passwords within fifteen minutes lock an account for
 * fifteen minutes, failures older than that no longer count, and once a lock has ended a single
 * wrong password does not lock again, so nobody can keep the only admin out with one guess every
 * quarter of an hour. Behind no trusted proxy, X-Forwarded-For does not change who is throttled.
 * Time is the test's clock.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginLockoutTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(AuthorNodeTestSupport.properties("lockout"));
        props.put("cms.test.clock", "2030-01-01T08:00:00Z");
        return props;
    }

    @BeforeAll
    void onlyAdmin() {
        users.createFirstAdmin("chief", "总编", "chief-password");
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
    }

    /** Every test starts after the address throttle's window and any lock of an earlier one. */
    @BeforeEach
    void later() {
        clock.advance(Duration.ofHours(2));
    }

    private int login(String username, String password) {
        Browser browser = new Browser(server.getURI());
        return browser.submit(browser.get("/admin/login"), "form[action=/admin/login]",
                Map.of("username", username, "password", password)).status();
    }

    @Test
    void fiveWrongPasswordsLockTheAccountForFifteenMinutesOnly() {
        for (int i = 0; i < UserService.LOCK_AFTER; i++) {
            assertEquals(401, login("chief", "wrong-password"));
        }
        assertEquals(401, login("chief", "chief-password"), "locked: even the right password is refused");
        clock.advance(UserService.LOCK_FOR.minusSeconds(1));
        assertEquals(401, login("chief", "chief-password"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(303, login("chief", "chief-password"));
    }

    @Test
    void oneWrongPasswordEveryQuarterHourAfterALockNeverLocksAgain() {
        for (int i = 0; i < UserService.LOCK_AFTER; i++) {
            login("chief", "wrong-password");
        }
        Instant locked = clock.instant();
        for (int round = 0; round < 6; round++) {
            clock.set(locked.plus(UserService.LOCK_FOR.multipliedBy(round + 1)).plusSeconds(1));
            assertEquals(401, login("chief", "wrong-password"));
            assertEquals(303, login("chief", "chief-password"), "round " + round + ": the admin gets in");
        }
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotAddUp() {
        for (int i = 0; i < UserService.LOCK_AFTER - 1; i++) {
            login("ed", "wrong-password");
        }
        clock.advance(UserService.FAILURE_WINDOW.plusSeconds(1));
        for (int i = 0; i < UserService.LOCK_AFTER - 1; i++) {
            login("ed", "wrong-password");
        }
        assertEquals(303, login("ed", "editor-password"), "eight failures, never five within fifteen minutes");
    }

    @Test
    void aForwardedForHeaderIsIgnoredWithoutATrustedProxy() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            Browser guesser = new Browser(server.getURI()).header("X-Forwarded-For", "10.9.0." + i);
            Page failed = guesser.submit(guesser.get("/admin/login"), "form[action=/admin/login]",
                    Map.of("username", "nobody-" + i, "password", "guess-" + i));
            assertEquals(401, failed.status());
        }
        Browser fresh = new Browser(server.getURI()).header("X-Forwarded-For", "10.9.1.1");
        Page refused = fresh.submit(fresh.get("/admin/login"), "form[action=/admin/login]",
                Map.of("username", "ed", "password", "editor-password"));
        assertEquals(429, refused.status(), "a made-up address per attempt does not escape the throttle");
    }
}
