package dev.cms.web.purge;

import dev.cms.core.content.ContentChange;
import dev.cms.core.content.ContentCommitted;
import dev.cms.core.site.SiteSettings;
import dev.cms.web.site.AbsoluteLinks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhook's queue and URLs without a node: what a CDN gets when changes outrun deliveries. */
class PurgeWebhookTest {

    private static final String BASE = "https://example.test";
    private final JsonMapper json = JsonMapper.createDefault();
    private final PurgeUrls urls = new PurgeUrls(new AbsoluteLinks(
            new SiteSettings("站", BASE, "Asia/Shanghai", "./data", 100, 20, "http://localhost:8080")));
    private final WebhookReceiver receiver = new WebhookReceiver();
    private PurgeWebhook webhook;

    @AfterEach
    void close() {
        if (webhook != null) {
            webhook.close();
        }
        receiver.close();
    }

    private PurgeWebhook webhook(int maxPending) {
        webhook = new PurgeWebhook(receiver.url(), "secret", Duration.ofSeconds(5), 3, Duration.ofMillis(300), maxPending,
                urls, json, Clock.systemUTC(), new SimpleMeterRegistry());
        return webhook;
    }

    private Map<String, Object> body(int delivery) throws IOException {
        return json.readValue(receiver.deliveries().get(delivery).body(), Argument.mapOf(String.class, Object.class));
    }

    @Test
    void aRenamedArticleNamesBothItsPagesAndTheListsItWasOn() {
        Set<String> named = urls.of(List.of("article:old-name", "article:new-name", "topic:新闻", "month:2026-03", "home"));

        assertTrue(named.contains(BASE + "/articles/old-name"), named.toString());
        assertTrue(named.contains(BASE + "/articles/new-name"), named.toString());
        assertTrue(named.contains(BASE + "/topics/%E6%96%B0%E9%97%BB"), named.toString());
        assertTrue(named.contains(BASE + "/topics/%E6%96%B0%E9%97%BB/feed.xml"), named.toString());
        assertTrue(named.contains(BASE + "/archive/2026/03"), named.toString());
        assertTrue(named.contains(BASE + "/"), named.toString());
    }

    @Test
    void changesCommittedDuringARetryAreCoalescedIntoTheNextDelivery() throws IOException {
        PurgeWebhook purge = webhook(100);
        receiver.answerNext(500);

        purge.onCommitted(new ContentCommitted(new ContentChange(1, Set.of("article:first"))));
        await().atMost(Duration.ofSeconds(2)).until(() -> receiver.deliveries().size() == 1);
        purge.onCommitted(new ContentCommitted(new ContentChange(2, Set.of("article:second"))));
        purge.onCommitted(new ContentCommitted(new ContentChange(3, Set.of("article:third"))));

        await().atMost(Duration.ofSeconds(3)).until(() -> receiver.deliveries().size() == 3);
        assertEquals(List.of(BASE + "/articles/first"), body(1).get("urls"));
        assertEquals(List.of(BASE + "/articles/second", BASE + "/articles/third"), body(2).get("urls"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> receiver.deliveries().size() == 3);
    }

    @Test
    void morePendingThanTheBoundBecomesOnePurgeOfEverything() throws IOException {
        PurgeWebhook purge = webhook(5);
        receiver.answerNext(500);
        purge.onCommitted(new ContentCommitted(new ContentChange(1, Set.of("article:first"))));
        await().atMost(Duration.ofSeconds(2)).until(() -> receiver.deliveries().size() == 1);

        Set<String> many = new LinkedHashSet<>();
        for (int i = 0; i < 10; i++) {
            many.add("article:a" + i);
        }
        purge.onCommitted(new ContentCommitted(new ContentChange(2, many)));

        await().atMost(Duration.ofSeconds(3)).until(() -> receiver.deliveries().size() == 3);
        assertFalse((Boolean) body(1).get("all"));
        assertEquals(true, body(2).get("all"));
        assertNull(body(2).get("urls"));
    }
}
