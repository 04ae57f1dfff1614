package dev.cms.core.audit;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Records what admins must be able to look up later (publishing, deleting, restoring, role
 * changes, logins and failed logins), in the database and as one log line per event.
 */
@Singleton
public class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("audit");
    private final AuditRepository events;
    private final Clock clock;

    public AuditLog(AuditRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void record(String actor, String action, String target, String detail, String address) {
        String safeDetail = clip(detail, 1000);
        String safeTarget = clip(target, 300);
        // The actor of a failed login is whatever name was typed, of any length.
        String safeActor = clip(actor, 64);
        events.save(new AuditEvent(null, clock.instant(), safeActor, action, safeTarget, safeDetail, address == null ? "" : address));
        LOG.info("{} {} {} {} from {}", safeActor, action, safeTarget, safeDetail, address);
    }

    /** At most {@code max} characters (the column's size), never half of a surrogate pair. */
    private static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> newest(int limit) {
        return events.newest(limit);
    }
}
