package dev.cms.web.purge;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.content.ContentVersion;
import dev.cms.core.search.SearchIndex;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import dev.cms.web.health.PurgeHealthIndicator;
import dev.cms.web.site.AbsoluteLinks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CDN purge webhook as a CDN sees it: a publish on one node arrives once, signed, listing the
 * article's URL and the home page, within a second or two; another node on the same database,
 * which learns of the change from the log, sends nothing; a delivery the CDN refuses is sent again,
 * and one refused beyond the retries is counted, shown in /health's details and followed by a
 * purge of everything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PurgeWebhookContract {

    private static final String SECRET = "test purge secret";
    private static final String BASE = "https://cdn.example.test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration DELIVERED = Duration.ofSeconds(2);

    private WebhookReceiver receiver;
    private WebhookReceiver otherReceiver;
    private EmbeddedServer node;
    private EmbeddedServer other;

    abstract Map<String, String> database();

    void afterNodesClosed() {
    }

    @BeforeAll
    void start() {
        receiver = new WebhookReceiver();
        otherReceiver = new WebhookReceiver();
        Map<String, String> database = database();
        node = start(database, receiver, Map.of());
        // The same database, its own files: a second node of the same site.
        other = start(database, otherReceiver, Map.of("cms.data-dir", TestDatabases.h2("purge-other").get("cms.data-dir"),
                "cms.page-cache.version-check-interval", "100ms"));
    }

    private static EmbeddedServer start(Map<String, String> database, WebhookReceiver to, Map<String, String> extra) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("cms.search.catch-up-interval", "1h");
        properties.put("cms.base-url", BASE);
        properties.put("cms.purge.webhook.url", to.url());
        properties.put("cms.purge.webhook.secret", SECRET);
        properties.put("cms.purge.webhook.retries", "2");
        properties.put("cms.purge.webhook.first-retry", "200ms");
        properties.putAll(extra);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, Environment.TEST);
        server.getApplicationContext().getBean(SearchIndex.class).awaitIdle(Duration.ofSeconds(30));
        return server;
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closing : new AutoCloseable[] {
                other == null ? null : other.getApplicationContext(), node == null ? null : node.getApplicationContext(),
                receiver, otherReceiver}) {
            try {
                if (closing != null) {
                    closing.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        afterNodesClosed();
    }

    @BeforeEach
    void clear() {
        await().atMost(Duration.ofSeconds(5)).until(() -> node.getApplicationContext().getBean(PurgeWebhook.class).idle());
        receiver.clear();
        otherReceiver.clear();
    }

    private Article publish(String title) {
        return node.getApplicationContext().getBean(ArticleEditService.class).create(
                Articles.edit(title + " " + UUID.randomUUID().toString().substring(0, 8)).build(), SaveAction.PUBLISH, Actor.SYSTEM);
    }

    private Map<String, Object> json(byte[] body) {
        try {
            return node.getApplicationContext().getBean(JsonMapper.class).readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String articleUrl(Article article) {
        return BASE + "/articles/" + AbsoluteLinks.pathSegment(article.slug());
    }

    private static HttpResponse<String> get(EmbeddedServer server, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private double counted(String meter) {
        var counter = node.getApplicationContext().getBean(MeterRegistry.class).find(meter).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aPublishDeliversOneSignedBodyListingTheArticleAndTheHomePage() {
        Article article = publish("Purge");

        await().atMost(DELIVERED).until(() -> receiver.deliveries().size() == 1);
        WebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
        assertTrue(PurgeSignature.verify(delivery.body(), SECRET, delivery.signature()), delivery.signature());
        Map<String, Object> body = json(delivery.body());
        assertEquals(false, body.get("all"));
        assertEquals(delivery.id(), body.get("id"));
        assertNotNull(body.get("timestamp"));
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) body.get("urls");
        assertTrue(urls.contains(articleUrl(article)), urls.toString());
        assertTrue(urls.contains(BASE + "/"), urls.toString());
        assertTrue(urls.contains(BASE + "/feed.xml"), urls.toString());
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) body.get("tags");
        assertTrue(tags.contains("article:" + article.slug()), tags.toString());
        // Once: no second delivery of the same change follows.
        await().during(Duration.ofMillis(500)).atMost(DELIVERED).until(() -> receiver.deliveries().size() == 1);
    }

    @Test
    void anotherNodeOnTheSameDatabaseSendsNothingForTheChange() {
        String title = "Elsewhere " + UUID.randomUUID().toString().substring(0, 8);
        assertFalse(get(other, "/").body().contains(title));

        node.getApplicationContext().getBean(ArticleEditService.class).create(Articles.edit(title).build(),
                SaveAction.PUBLISH, Actor.SYSTEM);

        // The other node has read the change from the log: its cached home page now lists the article.
        await().atMost(Duration.ofSeconds(5)).until(() -> get(other, "/").body().contains(title));
        await().atMost(DELIVERED).until(() -> receiver.deliveries().size() == 1);
        await().during(Duration.ofMillis(500)).atMost(DELIVERED).until(() -> otherReceiver.deliveries().isEmpty());
    }

    @Test
    void aDeliveryAnswered500IsSentAgainWithTheSameIdAndBody() {
        receiver.answerNext(500);

        publish("Retry");

        await().atMost(Duration.ofSeconds(3)).until(() -> receiver.deliveries().size() == 2);
        List<WebhookReceiver.Delivery> deliveries = receiver.deliveries();
        assertEquals(500, deliveries.get(0).answered());
        assertEquals(200, deliveries.get(1).answered());
        assertEquals(deliveries.get(0).id(), deliveries.get(1).id());
        assertArrayEquals(deliveries.get(0).body(), deliveries.get(1).body());
        assertTrue(PurgeSignature.verify(deliveries.get(1).body(), SECRET, deliveries.get(1).signature()));
    }

    @Test
    void aChangeThatDropsEveryPageAsksToPurgeEverything() {
        node.getApplicationContext().getBean(ContentVersion.class).raise();

        await().atMost(DELIVERED).until(() -> receiver.deliveries().size() == 1);
        Map<String, Object> body = json(receiver.deliveries().get(0).body());
        assertEquals(true, body.get("all"));
        assertNull(body.get("urls"));
    }

    @Test
    void aDeliveryRefusedBeyondItsRetriesIsCountedShownAndFollowedByAPurgeOfEverything() {
        double failures = counted("cms.purge.failures");
        receiver.answerNext(500, 500, 500);

        publish("Refused");

        await().atMost(Duration.ofSeconds(3)).until(() -> counted("cms.purge.failures") == failures + 1);
        assertEquals(3, receiver.deliveries().size());
        assertEquals("failing", health().getDetails() instanceof Map<?, ?> details ? details.get("state") : null);
        assertEquals(200, get(node, "/health").statusCode(), "a CDN refusing purges leaves the node in rotation");

        publish("After");

        await().atMost(DELIVERED).until(() -> receiver.deliveries().size() == 4);
        assertEquals(true, json(receiver.deliveries().get(3).body()).get("all"));
        assertEquals("delivering", health().getDetails() instanceof Map<?, ?> details ? details.get("state") : null);
    }

    private HealthResult health() {
        return Flux.from(node.getApplicationContext().getBean(PurgeHealthIndicator.class).getResult()).blockFirst();
    }
}
