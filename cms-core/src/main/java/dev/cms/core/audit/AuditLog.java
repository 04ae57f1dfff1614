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
        String safeDetail = detail == null ? "" : detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        String safeTarget = target == null ? "" : target.length() > 300 ? target.substring(0, 300) : target;
        events.save(new AuditEvent(null, clock.instant(), actor, action, safeTarget, safeDetail, address == null ? "" : address));
        LOG.info("{} {} {} {} from {}", actor, action, safeTarget, safeDetail, address);
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> newest(int limit) {
        return events.newest(limit);
    }
}
