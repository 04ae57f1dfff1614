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
        String safeActor = clean(actor, 64);
        String safeAction = clean(action, 32);
        String safeTarget = clean(target, 300);
        String safeDetail = clean(detail, 1000);
        String safeAddress = clean(address, 64);
        events.save(new AuditEvent(null, clock.instant(), safeActor, safeAction, safeTarget, safeDetail, safeAddress));
        LOG.info("{} {} {} {} from {}", safeActor, safeAction, safeTarget, safeDetail, safeAddress);
    }

    /**
     * The text as one line that fits its column: line breaks and other control characters are
     * written as escapes ({@code \n}, {@code \r}, else a backslash, u and four hex digits) and
     * backslashes doubled, so a typed username cannot start a forged line in the log or on the
     * audit page, nor pass for an escape.
     */
    static String clean(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Unicode's own line and paragraph separators end lines in some log viewers too.
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (out.length() > max) {
            out.setLength(max);
        }
        // Never half of a surrogate pair (a character outside the BMP cut at the column's end).
        if (out.length() == max && Character.isHighSurrogate(out.charAt(max - 1))) {
            out.setLength(max - 1);
        }
        return out.toString();
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> newest(int limit) {
        return events.newest(limit);
    }
}
