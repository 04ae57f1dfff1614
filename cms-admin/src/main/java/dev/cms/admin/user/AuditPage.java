package dev.cms.admin.user;

import java.time.Instant;
import java.util.List;

/**
 * The audit log page: the newest events, who did what to what, from where, as {@link AuditRows}
 * words them for the admin (an empty address is shown as a dash).
 */
public record AuditPage(List<Row> events) {

    public record Row(Instant at, String actor, String action, String target, String detail, String address) {
    }
}
