package dev.cms.admin.batch;

import dev.cms.core.related.RelatedBacklog;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * What a bulk command does once its content has committed: works through the related lists it
 * put in the backlog, a committed batch at a time, with progress. Ctrl-C stops between batches and
 * leaves the rest waiting, as does a failure; a running node, or the {@code related} command,
 * finishes them.
 */
public final class BacklogDrain {

    private BacklogDrain() {
    }

    /**
     * @param command what drains, for the lease and the messages ("import", "import-html")
     * @param queued  how many lists the command queued
     */
    public static RelatedBacklog.Drained run(RelatedBacklog backlog, String command, long queued,
                                             PrintWriter progressOut, Interruption interruption) {
        progressOut.printf(Locale.ROOT, "recomputing the related lists of %,d articles%n", queued);
        progressOut.flush();
        Progress progress = new Progress(progressOut, "recomputed", "related lists", backlog.waiting());
        try {
            return backlog.drain(RelatedBacklog.processName(command), progress::advance, interruption::requested);
        } catch (RuntimeException e) {
            if (interruption.requested()) {
                // Ctrl-C, and the embedded H2 closed itself (its own shutdown hook) under the batch in
                // hand: that batch rolled back and waits with the rest; the lease is taken over at once,
                // as this process will be gone.
                return new RelatedBacklog.Drained(progress.count(), Math.max(0, queued - progress.count()), null);
            }
            throw new IllegalStateException("the content is imported, but recomputing its related lists failed ("
                    + e.getMessage() + "); the lists still to do wait, and a running node or the 'related' command"
                    + " finishes them", e);
        }
    }

    /**
     * Says how the lists stand after {@link #run}; returns true when Ctrl-C stopped them (the caller
     * then exits 130, its content kept).
     */
    public static boolean report(RelatedBacklog.Drained related, String command, long startedNanos, PrintWriter out,
                                 PrintWriter err, Interruption interruption) {
        out.printf(Locale.ROOT, "Related lists: %,d recomputed", related.recomputed());
        if (related.waiting() == 0) {
            out.printf(Locale.ROOT, "; %.1f s in all.%n", (System.nanoTime() - startedNanos) / 1e9);
        } else if (related.heldElsewhere()) {
            out.printf(Locale.ROOT, "; %,d wait and are being recomputed by %s.%n", related.waiting(),
                    related.heldBy());
        } else {
            out.printf(Locale.ROOT, "; %,d still wait: every running node finishes them (within"
                    + " CMS_RELATED_BACKLOG_INTERVAL), or run 'related'.%n", related.waiting());
        }
        if (related.waiting() > 0 && interruption.requested()) {
            err.println("cms-admin: " + command + " interrupted after its content was committed: the content is"
                    + " imported, and only related lists are left to recompute (see above)");
            return true;
        }
        return false;
    }
}
