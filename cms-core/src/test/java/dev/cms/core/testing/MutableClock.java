package dev.cms.core.testing;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand, so time-dependent behaviour (scheduling) is tested without sleeping.
 * Active only where a test sets {@code cms.test.clock} to the instant it starts at.
 */
@Singleton
@Replaces(Clock.class)
@Requires(property = "cms.test.clock")
public class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(@Value("${cms.test.clock}") String start) {
        this.now = Instant.parse(start);
    }

    public void set(Instant instant) {
        this.now = instant;
    }

    public void advance(Duration duration) {
        this.now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
