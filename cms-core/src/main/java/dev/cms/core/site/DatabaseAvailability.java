package dev.cms.core.site;

import jakarta.inject.Singleton;

/**
 * Whether this node last found its database unreachable, as seen by a regular probe (the page
 * cache's content version check, every second). While it is, work that cannot succeed anyway is
 * not tried: an uncached public page answers 503 at once, and the admin's login check does not
 * wait on the database for every request. Only the probe sets it, so it clears as soon as the
 * database answers again. Without a probe (page cache off) it stays false and every request tries.
 */
@Singleton
public class DatabaseAvailability {

    private volatile boolean unreachable;

    /** The probe reached the database. */
    public void reached() {
        unreachable = false;
    }

    /** The probe failed: the database counts as unreachable if that is why. */
    public void probeFailed(Throwable failure) {
        unreachable = DatabaseUnavailable.causedBy(failure);
    }

    public boolean knownUnreachable() {
        return unreachable;
    }
}
