package dev.cms.core.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One line of the audit log: who did what to what, when and from where. */
@MappedEntity("audit_event")
public record AuditEvent(@Id @GeneratedValue @Nullable Long id, Instant at, String actor, String action,
                         String target, String detail, String address) {
}
