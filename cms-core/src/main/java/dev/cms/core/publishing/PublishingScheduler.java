package dev.cms.core.publishing;

import dev.cms.core.article.ArticleChanged;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.article.ArticleRepository;
import dev.cms.core.related.RelatedService;
import dev.cms.core.site.DatabaseUnavailable;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Publishes scheduled articles when their time comes. Runs every second on every node (and right
 * at start, which catches up whatever came due while no node ran); each article is claimed with
 * a conditional UPDATE, so however many nodes run it, one publishes and the others skip.
 */
@Singleton
@Requires(property = "cms.scheduler.enabled", notEquals = "false")
public class PublishingScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(PublishingScheduler.class);
    private static final int BATCH = 100;

    private final PublishingRepository publishing;
    private final ArticleRepository articles;
    private final RelatedService related;
    private final ApplicationEventPublisher<ArticleChanged> changes;
    private final ApplicationEventPublisher<ArticlePublished> published;
    private final ApplicationEventPublisher<PublishingRun> runs;
    private final Clock clock;
    private final AuditLog audit;

    public PublishingScheduler(PublishingRepository publishing, ArticleRepository articles, RelatedService related,
                               ApplicationEventPublisher<ArticleChanged> changes,
                               ApplicationEventPublisher<ArticlePublished> published,
                               ApplicationEventPublisher<PublishingRun> runs, Clock clock, AuditLog audit) {
        this.runs = runs;
        this.audit = audit;
        this.publishing = publishing;
        this.articles = articles;
        this.related = related;
        this.changes = changes;
        this.published = published;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${cms.scheduler.interval:1s}", initialDelay = "${cms.scheduler.interval:1s}")
    void tick() {
        try {
            publishDue();
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causedBy(e)) {
                // An outage: one line a tick, not a stack trace a second until it ends.
                LOG.warn("Publishing scheduled articles failed, the database is unavailable ({}); retrying on the next tick",
                        e.getMessage());
            } else {
                LOG.error("Publishing scheduled articles failed; retrying on the next tick", e);
            }
        }
    }

    /** Catches up at start, before anyone can look: what came due while no node ran is published now. */
    @EventListener
    void catchUp(StartupEvent event) {
        tick();
    }

    /** Publishes every article due now; returns how many this node published. */
    public int publishDue() {
        int count = 0;
        List<Long> due;
        do {
            due = publishing.findDue(clock.instant(), BATCH);
            if (due.size() == 1) {
                count += publishOne(due.get(0)) ? 1 : 0;
            } else if (!due.isEmpty()) {
                count += publishAll(due);
            }
        } while (due.size() == BATCH);
        runs.publishEvent(new PublishingRun(count));
        return count;
    }

    /**
     * Several articles due at once (a morning's schedule, an import of future pages): claimed in
     * one transaction, and the related lists they reach recomputed once for all of them rather
     * than once per article. If that transaction fails, each is published on its own, so one
     * article that cannot be published does not hold back the others.
     */
    private int publishAll(List<Long> due) {
        try {
            return publishTogether(due);
        } catch (RuntimeException e) {
            LOG.warn("Publishing {} due articles together failed ({}); publishing them one by one", due.size(),
                    e.getMessage());
        }
        int count = 0;
        for (Long id : due) {
            try {
                count += publishOne(id) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.error("Publishing scheduled article {} failed; retrying on the next tick", id, e);
            }
        }
        return count;
    }

    @Transactional
    protected int publishTogether(List<Long> ids) {
        Instant now = clock.instant();
        List<Long> claimed = new ArrayList<>();
        Set<Long> touched = related.deferringRecomputes(() -> {
            for (Long id : ids) {
                if (publishing.claim(id, now) == 1) {
                    claimed.add(id);
                    related.refreshAround(id, Set.of());
                }
            }
        });
        if (!touched.isEmpty()) {
            related.refreshAroundAll(touched);
        }
        claimed.forEach(id -> announce(id, now));
        return claimed.size();
    }

    @Transactional
    protected boolean publishOne(Long id) {
        Instant now = clock.instant();
        if (publishing.claim(id, now) != 1) {
            return false;
        }
        related.refreshAround(id, Set.of());
        announce(id, now);
        return true;
    }

    /** Tells the rest of the node, the metrics, the audit log and the log that it went public. */
    private void announce(Long id, Instant now) {
        // ArticleChanged also raises the content version, inside this claim's transaction.
        changes.publishEvent(new ArticleChanged(id));
        Duration lag = articles.findById(id).map(a -> Duration.between(a.publishedAt(), now)).orElse(Duration.ZERO);
        published.publishEvent(new ArticlePublished(id, lag));
        audit.record("scheduler", "publish", "article " + id, "scheduled, " + lag.toMillis() + " ms late", "");
        LOG.info("Published scheduled article {} ({} after its publish time)", id, lag);
    }
}
