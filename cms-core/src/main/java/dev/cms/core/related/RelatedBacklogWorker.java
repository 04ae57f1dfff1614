package dev.cms.core.related;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes related lists left waiting in the backlog, on every node: after an import that was
 * interrupted or killed while recomputing them, the running site completes the job by itself once
 * the command's lease has expired. While the command that made the backlog is draining it, nodes
 * see its lease and leave it alone.
 */
@Singleton
@Requires(property = "cms.scheduler.enabled", notEquals = "false")
public class RelatedBacklogWorker {

    private static final Logger LOG = LoggerFactory.getLogger(RelatedBacklogWorker.class);

    private final RelatedBacklog backlog;
    private final String name = RelatedBacklog.processName("node");
    private volatile boolean stopping;

    public RelatedBacklogWorker(RelatedBacklog backlog) {
        this.backlog = backlog;
    }

    /** The node is shutting down: finish the batch in hand, give the lease back, start no other. */
    @PreDestroy
    void stop() {
        stopping = true;
    }

    @Scheduled(fixedDelay = "${cms.related.backlog-interval:10s}", initialDelay = "${cms.related.backlog-interval:10s}")
    void tick() {
        try {
            if (stopping || backlog.isEmpty()) {
                return;
            }
            long started = System.nanoTime();
            RelatedBacklog.Drained drained = backlog.drain(name, done -> { }, () -> stopping);
            if (drained.recomputed() > 0) {
                LOG.info("Recomputed {} waiting related lists in {} ms; {} still wait", drained.recomputed(),
                        (System.nanoTime() - started) / 1_000_000, drained.waiting());
            }
        } catch (RuntimeException e) {
            if (stopping) {
                LOG.info("Stopped recomputing waiting related lists: the node is shutting down");
                return;
            }
            LOG.error("Recomputing waiting related lists failed; retrying on the next tick", e);
        }
    }
}
