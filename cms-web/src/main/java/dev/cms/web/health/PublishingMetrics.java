package dev.cms.web.health;

import dev.cms.core.publishing.ArticlePublished;
import dev.cms.core.publishing.PublishingRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * The scheduler on /prometheus: {@code cms_scheduler_runs_total} (passes on this node),
 * {@code cms_scheduler_published_articles_total}, and {@code cms_publish_lag_seconds} (how long
 * after its publish time each scheduled article went public; its max and quantiles show a
 * stalled or slow scheduler).
 */
@Singleton
public class PublishingMetrics {

    private static final java.time.Duration LONGEST_LAG = java.time.Duration.ofDays(365L * 200);

    private final Counter runs;
    private final Counter published;
    private final Timer lag;

    public PublishingMetrics(MeterRegistry registry) {
        this.runs = Counter.builder("cms.scheduler.runs")
                .description("Passes of the publishing scheduler on this node").register(registry);
        this.published = Counter.builder("cms.scheduler.published.articles")
                .description("Scheduled articles this node published").register(registry);
        this.lag = Timer.builder("cms.publish.lag")
                .description("How long after its publish time a scheduled article went public")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    @EventListener
    public void onRun(PublishingRun run) {
        runs.increment();
    }

    @EventListener
    public void onPublished(ArticlePublished event) {
        published.increment();
        // A timer takes nanoseconds: a lag beyond 292 years would overflow and fail the publish it reports.
        java.time.Duration late = event.lag().isNegative() ? java.time.Duration.ZERO : event.lag();
        lag.record(late.compareTo(LONGEST_LAG) > 0 ? LONGEST_LAG : late);
    }
}
