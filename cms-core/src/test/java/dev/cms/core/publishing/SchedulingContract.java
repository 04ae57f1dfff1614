package dev.cms.core.publishing;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.ArticleStatus;
import dev.cms.core.article.PublishedArticleService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.MutableClock;
import dev.cms.core.user.Actor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scheduled publishing with a hand-moved clock: due articles go public exactly once however many
 * schedulers race, and a node started after the time catches up at start. The automatic
 * one-second tick is off here ({@code cms.scheduler.interval} is an hour); tests call it.
 */
abstract class SchedulingContract {

    /** 2030-01-01 12:00 in Shanghai. */
    static final Instant START = Instant.parse("2030-01-01T04:00:00Z");

    @Inject
    ArticleAdminService adminArticles;

    @Inject
    ArticleEditService articles;

    @Inject
    PublishedArticleService publicArticles;

    @Inject
    PublishingScheduler scheduler;

    @Inject
    MutableClock clock;

    @Inject
    PublishedLog log;

    abstract Map<String, String> databaseProperties();

    static Map<String, Object> schedulingProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("cms.test.clock", START.toString());
        props.put("cms.scheduler.interval", "1h");
        return props;
    }

    private Article schedule(String title, String localTime) {
        return articles.create(Articles.edit(title).topics("定时").publishTime(localTime).build(), SaveAction.PUBLISH, Actor.SYSTEM);
    }

    @Test
    void futurePublishTimeSchedulesInsteadOfPublishing() {
        clock.set(START);
        Article a = schedule("未来的文章", "2030-01-01T12:30:00");
        assertEquals(ArticleStatus.SCHEDULED, a.status());
        assertTrue(publicArticles.findPublished(a.slug()).isEmpty());

        clock.set(Instant.parse("2030-01-01T04:29:59Z"));
        scheduler.publishDue();
        assertTrue(publicArticles.findPublished(a.slug()).isEmpty(), "one second early is still too early");

        clock.set(Instant.parse("2030-01-01T04:30:00Z"));
        scheduler.publishDue();
        Article published = publicArticles.findPublished(a.slug()).orElseThrow().article();
        assertEquals(ArticleStatus.PUBLISHED, published.status());
        assertEquals(Instant.parse("2030-01-01T04:30:00Z"), published.publishedAt(), "keeps its scheduled time");
    }

    @Test
    void dueArticlesArePublishedExactlyOnceWhenSchedulersRace() throws Exception {
        clock.set(START);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(schedule("竞争" + i, "2030-01-01T13:00:00").id());
        }
        clock.set(Instant.parse("2030-01-01T05:00:01Z"));
        log.clear();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> runs = Collections.nCopies(4, scheduler::publishDue);
            int total = 0;
            for (Future<Integer> run : pool.invokeAll(runs)) {
                total += run.get();
            }
            assertEquals(ids.size(), total, "each due article is published by exactly one scheduler");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(ids.size(), log.ids().size());
        assertTrue(log.ids().containsAll(ids));
        assertEquals(ids.size(), log.ids().stream().distinct().count(), "no article published twice");
        for (Long id : ids) {
            assertEquals(ArticleStatus.PUBLISHED, adminArticles.find(id).orElseThrow().status());
        }
    }

    @Test
    void articlesDueTogetherArePublishedTogetherAndListEachOther() {
        clock.set(START);
        String topic = "同时到期 " + java.util.UUID.randomUUID().toString().substring(0, 8);
        List<Article> due = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            due.add(articles.create(Articles.edit("同时到期第" + i + "篇").topics(topic).publishTime("2030-01-01T16:00:0" + i)
                    .build(), SaveAction.PUBLISH, Actor.SYSTEM));
        }
        clock.set(Instant.parse("2030-01-01T08:00:10Z"));
        log.clear();

        assertEquals(5, scheduler.publishDue());

        assertEquals(5, log.ids().size(), "each announced once");
        for (int i = 0; i < 5; i++) {
            List<String> related = publicArticles.findPublished(due.get(i).slug()).orElseThrow().related().stream()
                    .map(dev.cms.core.related.RelatedLink::title).toList();
            List<String> others = new ArrayList<>();
            for (int j = 4; j >= 0; j--) {
                if (j != i) {
                    others.add("同时到期第" + j + "篇");
                }
            }
            assertEquals(others, related, "article " + i + " lists the other four, newest first");
        }
    }

    @Test
    void nodeStartedAfterThePublishTimeCatchesUpAtStart() {
        clock.set(START);
        Article a = schedule("重启后补发", "2030-01-01T14:00:00");
        Map<String, Object> props = new HashMap<>(schedulingProperties());
        props.putAll(databaseProperties());
        props.put("cms.test.clock", "2030-01-01T07:00:00Z");
        props.put("datasources.default.flyway-skip", "true");
        try (ApplicationContext restarted = ApplicationContext.run(props, "test")) {
            assertEquals(ArticleStatus.PUBLISHED, restarted.getBean(ArticleAdminService.class).find(a.id()).orElseThrow().status(),
                    "published during start, before any request");
        }
    }

    @Test
    void cancelledScheduleStaysUnpublished() {
        clock.set(START);
        Article a = schedule("取消定时", "2030-01-01T15:00:00");
        articles.unschedule(a.id(), Actor.SYSTEM);
        clock.set(Instant.parse("2030-01-01T08:00:00Z"));
        scheduler.publishDue();
        assertEquals(ArticleStatus.DRAFT, adminArticles.find(a.id()).orElseThrow().status());
        assertTrue(publicArticles.findPublished(a.slug()).isEmpty());
    }

    @Inject
    dev.cms.core.article.ArticleRepository repository;

    @Inject
    FailingPublication failing;

    @Test
    void aScheduledArticleWithAnImpossibleTimeIsLeftForAPersonAndHoldsBackNothing() {
        clock.set(START);
        Instant now = clock.instant();
        // As an earlier build stored them: years before 1970, one wrapped round by H2 from +999999999.
        List<Article> impossible = new ArrayList<>();
        for (Instant time : List.of(Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("-1000-01-01T00:00:00Z"))) {
            impossible.add(repository.save(new Article(null, "impossible-" + time.getEpochSecond(), "不可能的时间", "", "x",
                    "<p>x</p>", ArticleStatus.SCHEDULED, time, now, now, null, null, null, null)));
        }
        Article due = schedule("照常发布", "2030-01-01T12:10:00");

        clock.set(Instant.parse("2030-01-01T04:10:00Z"));
        assertEquals(1, scheduler.publishDue());
        assertEquals(ArticleStatus.PUBLISHED, adminArticles.find(due.id()).orElseThrow().status());
        for (Article a : impossible) {
            assertEquals(ArticleStatus.SCHEDULED, adminArticles.find(a.id()).orElseThrow().status(), "not published with that time");
        }
        assertEquals(0, scheduler.publishDue());
    }

    @Test
    void anArticleThatFailsToPublishIsReportedOnceNotAtEveryPass() {
        clock.set(START);
        Article broken = schedule("发布失败", "2030-01-01T12:20:00");
        Article fine = schedule("发布成功", "2030-01-01T12:20:00");
        failing.ids.add(broken.id());
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PublishingScheduler.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            clock.set(Instant.parse("2030-01-01T04:20:00Z"));
            for (int pass = 0; pass < 5; pass++) {
                scheduler.publishDue();
            }
            assertEquals(ArticleStatus.PUBLISHED, adminArticles.find(fine.id()).orElseThrow().status(), "the other one went out");
            assertEquals(ArticleStatus.SCHEDULED, adminArticles.find(broken.id()).orElseThrow().status());
            assertEquals(1, logged.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR).count(),
                    "one error in five passes: " + logged.list);

            failing.ids.clear();
            assertEquals(1, scheduler.publishDue());
            assertTrue(logged.list.stream().anyMatch(e -> e.getFormattedMessage().contains("could be published again")));
        } finally {
            logger.detachAppender(logged);
            failing.ids.clear();
        }
    }

    /** Makes the publication of chosen articles fail, as a broken listener or database would. */
    @Singleton
    static class FailingPublication {
        final java.util.Set<Long> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @EventListener
        void on(ArticlePublished event) {
            if (ids.contains(event.articleId())) {
                throw new IllegalStateException("publication of article " + event.articleId() + " fails in this test");
            }
        }
    }

    /** Collects the publications the scheduler announces. */
    @Singleton
    static class PublishedLog {
        private final List<Long> ids = Collections.synchronizedList(new ArrayList<>());

        @EventListener
        void on(ArticlePublished event) {
            ids.add(event.articleId());
            assertTrue(event.lag().compareTo(Duration.ZERO) >= 0);
        }

        List<Long> ids() {
            return List.copyOf(ids);
        }

        void clear() {
            ids.clear();
        }
    }
}
