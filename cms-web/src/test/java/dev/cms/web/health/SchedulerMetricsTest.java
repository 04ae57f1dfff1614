package dev.cms.web.health;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.publishing.PublishingScheduler;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.MutableClock;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import dev.cms.web.health.NodeUnderTest.Answer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /prometheus shows the page cache and the scheduler: cache hits and misses, scheduler passes,
 * articles it published and how late. The clock is moved by hand; the automatic tick is off.
 */
class SchedulerMetricsTest {

    /** 2030-01-01 12:00 in Shanghai. */
    private static final Instant START = Instant.parse("2030-01-01T04:00:00Z");

    private static Map<String, String> properties() {
        Map<String, String> props = new HashMap<>(TestDatabases.h2("scheduler-metrics"));
        props.put("cms.test.clock", START.toString());
        props.put("cms.scheduler.interval", "1h");
        return props;
    }

    private static double value(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(-1.0);
    }

    @Test
    void aRepeatedPageRequestCountsAsACacheHit() {
        try (NodeUnderTest node = new NodeUnderTest(properties())) {
            Article article = node.context().getBean(ArticleEditService.class).create(
                    Articles.edit("命中").build(), SaveAction.PUBLISH, Actor.SYSTEM);
            assertEquals(200, node.get("/articles/" + article.slug()).status());
            double hits = value(node.get("/prometheus").body(), "cms_page_cache_requests_total{result=\"hit\"}");

            assertEquals(200, node.get("/articles/" + article.slug()).status());

            String metrics = node.get("/prometheus").body();
            assertEquals(hits + 1, value(metrics, "cms_page_cache_requests_total{result=\"hit\"}"), metrics);
            assertTrue(value(metrics, "cms_page_cache_requests_total{result=\"miss\"}") >= 1, metrics);
        }
    }

    @Test
    void aScheduledPublicationShowsItsLagAndTheSchedulerRun() {
        try (NodeUnderTest node = new NodeUnderTest(properties())) {
            MutableClock clock = node.context().getBean(MutableClock.class);
            Article scheduled = node.context().getBean(ArticleEditService.class).create(Articles.edit("定时发布")
                    .publishTime("2030-01-01T12:30:00").build(), SaveAction.PUBLISH, Actor.SYSTEM);
            assertEquals(404, node.get("/articles/" + scheduled.slug()).status());
            double runs = value(node.get("/prometheus").body(), "cms_scheduler_runs_total");

            clock.set(Instant.parse("2030-01-01T04:30:03Z"));
            assertEquals(1, node.context().getBean(PublishingScheduler.class).publishDue());

            Answer page = node.get("/articles/" + scheduled.slug());
            assertEquals(200, page.status(), "the scheduled article is public at once");
            String metrics = node.get("/prometheus").body();
            assertEquals(1.0, value(metrics, "cms_scheduler_published_articles_total"), metrics);
            assertEquals(runs + 1, value(metrics, "cms_scheduler_runs_total"), metrics);
            assertEquals(1.0, value(metrics, "cms_publish_lag_seconds_count"), metrics);
            assertEquals(3.0, value(metrics, "cms_publish_lag_seconds_sum"), metrics);
        }
    }
}
