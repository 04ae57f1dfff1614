package dev.cms.admin.user;

import dev.cms.core.audit.AuditEvent;

import java.util.List;

/** The audit log page: the newest events, who did what to what, from where. */
public record AuditPage(List<AuditEvent> events) {
}
