package dev.cms.core.related;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes related lists left waiting in the backlog, on every node: after an import that was
 * interrupted or killed while recomputing them, the running site completes the job by itself once
 * the command's lease has expired; and the lists a publish reaches beyond its own, right after
 * its commit ({@link RelatedListsQueued}). While the command that made the backlog is draining it, nodes
 * see its lease and leave it alone.
 */
@Singleton
@Requires(property = "cms.scheduler.enabled", notEquals = "false")
public class RelatedBacklogWorker {

    private static final Logger LOG = LoggerFactory.getLogger(RelatedBacklogWorker.class);

    private final RelatedBacklog backlog;
    private final String name = RelatedBacklog.processName("node");
    private volatile boolean stopping;

    private final ExecutorService executor;

    public RelatedBacklogWorker(RelatedBacklog backlog, @Named(TaskExecutors.SCHEDULED) ExecutorService executor) {
        this.backlog = backlog;
        this.executor = executor;
    }

    /**
     * A publish on this node left its neighbours' lists in the backlog: recompute them now, on a
     * background thread, so they follow the publish within moments. A drain already running (here or
     * elsewhere, the lease tells) takes them in its next batch.
     */
    @EventListener
    void onQueued(RelatedListsQueued event) {
        if (!stopping) {
            executor.execute(this::tick);
        }
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
