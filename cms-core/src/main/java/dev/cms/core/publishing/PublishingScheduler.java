package dev.cms.core.publishing;

import dev.cms.core.article.ArticleRepository;
import dev.cms.core.article.ArticleValidator;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.content.ArticleChanged;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes scheduled articles when their time comes. Runs every second on every node (and right
 * at start, which catches up whatever came due while no node ran); each article is claimed with
 * a conditional UPDATE, so however many nodes run it, one publishes and the others skip. An
 * article that fails to publish is retried at every pass but reported once (and again when it
 * recovers), not every second; one whose publish time is before 1970 (only rows stored before
 * times were checked) is not published at all and reported once at start.
 */
@Singleton
@Requires(property = "cms.scheduler.enabled", notEquals = "false")
public class PublishingScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(PublishingScheduler.class);
    private static final int BATCH = 100;
    private static final int REPORTED_AT_START = 20;

    private final PublishingRepository publishing;
    private final ArticleRepository articles;
    private final RelatedService related;
    private final ApplicationEventPublisher<ArticleChanged> changes;
    private final ApplicationEventPublisher<ArticlePublished> published;
    private final ApplicationEventPublisher<PublishingRun> runs;
    private final Clock clock;
    private final AuditLog audit;
    /** Articles whose last attempt failed, and how: reported once, not at every pass. */
    private final Map<Long, String> failing = new ConcurrentHashMap<>();

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
        reportImpossibleTimes();
        tick();
    }

    private void reportImpossibleTimes() {
        try {
            List<Long> ids = publishing.findScheduledBefore(ArticleValidator.EARLIEST_PUBLISH_TIME, REPORTED_AT_START);
            if (!ids.isEmpty()) {
                LOG.warn("Scheduled articles {}{} have a publish time before {}, which no editor can enter (stored by an"
                        + " earlier build): they are not published; give them a new publish time on their edit pages",
                        ids, ids.size() == REPORTED_AT_START ? " and more" : "", ArticleValidator.EARLIEST_PUBLISH_TIME);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not look for scheduled articles with impossible publish times: {}", e.getMessage());
        }
    }

    /** Publishes every article due now; returns how many this node published. */
    public int publishDue() {
        int count = 0;
        int published;
        List<Long> due;
        do {
            due = publishing.findDue(clock.instant(), ArticleValidator.EARLIEST_PUBLISH_TIME, BATCH);
            published = due.size() == 1 ? (publishReporting(due.get(0)) ? 1 : 0) : due.isEmpty() ? 0 : publishAll(due);
            count += published;
            // A full batch none of which could be published would come back at once: wait for the next pass.
        } while (due.size() == BATCH && published > 0);
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
            if (failing.keySet().containsAll(due)) {
                LOG.debug("Publishing {} due articles together failed again ({})", due.size(), e.getMessage());
            } else {
                LOG.warn("Publishing {} due articles together failed ({}); publishing them one by one", due.size(),
                        e.getMessage());
            }
        }
        int count = 0;
        for (Long id : due) {
            count += publishReporting(id) ? 1 : 0;
        }
        return count;
    }

    /**
     * Publishes one article, false when another node did or it failed. A failure is logged the
     * first time (with its stack trace), not at every pass; a recovery once.
     */
    private boolean publishReporting(Long id) {
        try {
            boolean published = publishOne(id);
            if (failing.remove(id) != null) {
                LOG.info("Scheduled article {} could be published again", id);
            }
            return published;
        } catch (RuntimeException e) {
            String what = String.valueOf(e);
            if (!what.equals(failing.put(id, what))) {
                LOG.error("Publishing scheduled article {} failed; it is retried at every pass, but this is not"
                        + " logged again until it succeeds or fails differently", id, e);
            } else {
                LOG.debug("Publishing scheduled article {} failed again: {}", id, what);
            }
            return false;
        }
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
        if (lag.isNegative()) {
            lag = Duration.ZERO;
        }
        published.publishEvent(new ArticlePublished(id, lag));
        audit.record("scheduler", "publish", "article " + id, "scheduled, " + lag.toMillis() + " ms late", "");
        LOG.info("Published scheduled article {} ({} after its publish time)", id, lag);
    }
}
