package dev.cms.admin.auth;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing from one address: after {@link #MAX_FAILURES} failed logins within
 * {@link #WINDOW}, that address is refused (429) until the window has passed. Per node and in
 * memory on purpose: the per-account lockout in the database is the rule every node shares.
 */
@Singleton
public class LoginThrottle {

    static final int MAX_FAILURES = 20;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final ConcurrentHashMap<String, Attempts> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Attempts(Instant since, int count) {
    }

    public boolean allowed(String address) {
        Attempts a = failures.get(address);
        return a == null || a.since().plus(WINDOW).isBefore(clock.instant()) || a.count() < MAX_FAILURES;
    }

    public void failed(String address) {
        Instant now = clock.instant();
        failures.compute(address, (key, a) -> a == null || a.since().plus(WINDOW).isBefore(now)
                ? new Attempts(now, 1) : new Attempts(a.since(), a.count() + 1));
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> e.getValue().since().plus(WINDOW).isBefore(now));
        }
    }

    public void succeeded(String address) {
        failures.remove(address);
    }
}
