package dev.cms.core.related;

import dev.cms.core.content.ContentVersion;
import dev.cms.core.site.SiteSettings;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Related lists waiting to be recomputed (table {@code related_backlog}). A bulk change commits
 * its content with {@link #add} in the same transaction, then the lists are worked through by
 * {@link #drain} in transactions of {@link #BATCH} lists, each committed on its own: a
 * 100,000-article import is not one transaction of ten million list rows (which H2 cannot commit
 * in reasonable time or space), and an interrupted run leaves exactly the lists still to do.
 *
 * <p>One process drains at a time, holding a lease it renews every batch: the command that made
 * the backlog, or, when that command is gone, any running node ({@link RelatedBacklogWorker}).
 * Until its list is recomputed an article shows the list it had (none, if it is new).
 */
@Singleton
public class RelatedBacklog {

    /** Lists recomputed per transaction. */
    public static final int BATCH = 1000;
    /** A holder that stops renewing loses the lease after this long. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(RelatedBacklog.class);
    /** What {@link #processName} writes: "what, pid N on host". */
    private static final Pattern HOLDER = Pattern.compile(".*, pid (\\d+) on (.+)");

    private final TransactionOperations<Connection> transactions;
    private final SiteSettings site;
    private final Clock clock;
    private final ContentVersion contentVersion;

    public RelatedBacklog(TransactionOperations<Connection> transactions, SiteSettings site, Clock clock,
                          ContentVersion contentVersion) {
        this.transactions = transactions;
        this.site = site;
        this.clock = clock;
        this.contentVersion = contentVersion;
    }

    /** What a {@link #drain} did: lists recomputed, lists still waiting, and who holds the lease if not us. */
    public record Drained(long recomputed, long waiting, String heldBy) {

        /** Another process holds the lease: it is working through the lists. */
        public boolean heldElsewhere() {
            return heldBy != null;
        }
    }

    /**
     * Puts these articles' lists in the backlog, in the caller's transaction (so they wait exactly
     * when the change that made them stale has committed). Ids already waiting are left as they are.
     */
    public void add(Collection<Long> articleIds) {
        Connection db = transactions.getConnection();
        try (PreparedStatement s = db.prepareStatement("INSERT INTO related_backlog (article_id)"
                + " SELECT CAST(? AS BIGINT) WHERE NOT EXISTS (SELECT 1 FROM related_backlog WHERE article_id = ?)")) {
            int pending = 0;
            for (Long id : articleIds) {
                s.setLong(1, id);
                s.setLong(2, id);
                s.addBatch();
                if (++pending == BATCH) {
                    s.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the related lists to recompute: " + e.getMessage(), e);
        }
    }

    /** Puts every published article's list in the backlog (after a change of the list length, say). */
    public long addAllPublished() {
        return transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("""
                    INSERT INTO related_backlog (article_id)
                    SELECT a.id FROM article a
                    WHERE a.status = 'PUBLISHED'
                      AND NOT EXISTS (SELECT 1 FROM related_backlog b WHERE b.article_id = a.id)""")) {
                return (long) s.executeUpdate();
            }
        });
    }

    /** How many lists wait. */
    public long waiting() {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement("SELECT COUNT(*) FROM related_backlog");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** Whether any list waits: one index probe, for a node's frequent check. */
    public boolean isEmpty() {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "SELECT article_id FROM related_backlog ORDER BY article_id LIMIT 1");
                 ResultSet r = s.executeQuery()) {
                return !r.next();
            }
        });
    }

    /**
     * Recomputes waiting lists, {@link #BATCH} per committed transaction, until none wait or
     * {@code stop} says so (checked between batches). Does nothing if another process holds the
     * lease. Each batch reads the topic links afresh, so an article published meanwhile is in the
     * lists computed after it.
     *
     * @param holder   who drains, as other processes will see it ("import, pid 42 on host")
     * @param progress told how many lists each committed batch recomputed
     */
    public Drained drain(String holder, LongConsumer progress, BooleanSupplier stop) {
        String heldBy = acquire(holder);
        if (heldBy != null) {
            return new Drained(0, waiting(), heldBy);
        }
        long recomputed = 0;
        try {
            while (!stop.getAsBoolean()) {
                int done = transactions.executeWrite(status -> recomputeBatch(status.getConnection(), holder));
                if (done < 0) {
                    // The lease was taken over (we were too slow to renew it): that holder carries on.
                    return new Drained(recomputed, waiting(), holder());
                }
                if (done == 0) {
                    break;
                }
                recomputed += done;
                progress.accept(done);
            }
        } finally {
            release(holder);
        }
        return new Drained(recomputed, waiting(), null);
    }

    /** One batch in the current transaction: -1 if the lease is no longer ours, else lists recomputed. */
    private int recomputeBatch(Connection db, String holder) throws SQLException {
        if (!renew(db, holder)) {
            return -1;
        }
        List<Long> ids = new ArrayList<>(BATCH);
        try (PreparedStatement s = db.prepareStatement(
                "SELECT article_id FROM related_backlog ORDER BY article_id LIMIT " + BATCH);
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        new RelatedBulkRefresh(db, clock.instant(), site.relatedLimit()).refresh(ids);
        try (PreparedStatement s = db.prepareStatement("DELETE FROM related_backlog WHERE article_id = ?")) {
            for (Long id : ids) {
                s.setLong(1, id);
                s.addBatch();
            }
            s.executeBatch();
        }
        contentVersion.listsChanged(ids);
        return ids.size();
    }

    /**
     * Takes the lease if free, expired, already ours, or held by a process of this machine that no
     * longer runs (killed, say: no need to wait for the lease to expire); returns null then, else
     * the holder.
     */
    private String acquire(String holder) {
        boolean taken = transactions.executeWrite(status -> renew(status.getConnection(), holder));
        if (!taken) {
            String stored = storedHolder();
            if (stored != null && !isAlive(stored)) {
                taken = transactions.executeWrite(status -> takeOver(status.getConnection(), stored, holder));
                if (taken) {
                    LOG.info("Took over the related backlog from {}, which no longer runs", stored);
                }
            }
        }
        if (taken) {
            LOG.debug("Related backlog lease taken by {}", holder);
            return null;
        }
        String current = holder();
        return current == null ? "another process" : current;
    }

    private boolean takeOver(Connection db, String from, String holder) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "UPDATE related_backlog_lease SET holder = ?, expires_at = ? WHERE id = 1 AND holder = ?")) {
            s.setString(1, holder);
            s.setTimestamp(2, Timestamp.from(clock.instant().plus(LEASE)));
            s.setString(3, from);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * False only for a holder named by {@link #processName} on this machine whose process is gone;
     * a holder elsewhere, or a pid that runs again, counts as alive until its lease expires.
     */
    static boolean isAlive(String holder) {
        Matcher m = HOLDER.matcher(holder);
        if (!m.matches() || !m.group(2).equals(hostName())) {
            return true;
        }
        long pid = Long.parseLong(m.group(1));
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private boolean renew(Connection db, String holder) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement s = db.prepareStatement("UPDATE related_backlog_lease SET holder = ?, expires_at = ?"
                + " WHERE id = 1 AND (holder IS NULL OR holder = ? OR expires_at < ?)")) {
            s.setString(1, holder);
            s.setTimestamp(2, Timestamp.from(now.plus(LEASE)));
            s.setString(3, holder);
            s.setTimestamp(4, Timestamp.from(now));
            return s.executeUpdate() == 1;
        }
    }

    private void release(String holder) {
        try {
            transactions.executeWrite(status -> {
                try (PreparedStatement s = status.getConnection().prepareStatement(
                        "UPDATE related_backlog_lease SET holder = NULL, expires_at = NULL WHERE id = 1 AND holder = ?")) {
                    s.setString(1, holder);
                    return s.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            // The lease expires by itself; nothing is lost.
            LOG.warn("Could not release the related backlog lease held by {}: {}", holder, e.getMessage());
        }
    }

    /** Who holds an unexpired lease and still runs, or null. */
    public String holder() {
        String stored = storedHolder();
        return stored != null && isAlive(stored) ? stored : null;
    }

    /** The holder of an unexpired lease, running or not, or null. */
    private String storedHolder() {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(
                    "SELECT holder, expires_at FROM related_backlog_lease WHERE id = 1");
                 ResultSet r = s.executeQuery()) {
                if (!r.next() || r.getString(1) == null) {
                    return null;
                }
                Timestamp expires = r.getTimestamp(2);
                return expires != null && expires.toInstant().isAfter(clock.instant()) ? r.getString(1) : null;
            }
        });
    }

    /** A name for this process in the lease: what it is, its pid and host ("import, pid 42 on web1"). */
    public static String processName(String what) {
        return what + ", pid " + ProcessHandle.current().pid() + " on " + hostName();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown host";
        }
    }
}
