package dev.cms.web.cache;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.user.Actor;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rendered-page cache as readers see it: a second request gets the same page and headers
 * from the cache, every change shows on the next request on this node and within the version
 * check interval on any other node, and answers meant for one visitor are never kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PageCacheContract {

    private CachingNode node;
    private Map<String, String> database;

    abstract Map<String, String> database();

    @BeforeAll
    void start() {
        database = database();
        node = new CachingNode(database, Map.of(
                "cms.page-cache.version-check-interval", "100ms",
                "cms.test.visitor-cookie", "true"));
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
        afterNodeClosed();
    }

    void afterNodeClosed() {
    }

    private Article publish(String title) {
        return node.bean(ArticleEditService.class).create(Articles.edit(title + " " + UUID.randomUUID().toString().substring(0, 8))
                .build(), SaveAction.PUBLISH, Actor.SYSTEM);
    }

    private double count(String result) {
        var counter = node.bean(MeterRegistry.class).find("cms.page.cache.requests").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private String h1(String path) {
        return node.get(path).document().selectFirst("h1").text();
    }

    @Test
    void aRepeatedRequestIsAnsweredFromTheCacheWithTheSameBytesAndHeaders() {
        Article article = publish("缓存");
        String path = "/articles/" + article.slug();
        CachingNode.Answer first = node.get(path);
        double hits = count("hit");

        CachingNode.Answer second = node.get(path);

        assertEquals(200, second.status());
        assertEquals(hits + 1, count("hit"), "the second request is a hit");
        assertEquals(first.body(), second.body());
        for (String header : List.of("Content-Type", "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "ETag")) {
            assertNotNull(second.header(header), header);
            assertEquals(first.header(header), second.header(header), header);
        }
        assertTrue(second.header("ETag").matches("\"[0-9a-f]{32}\""), second.header("ETag"));
    }

    @Test
    void aBrowserHoldingThePageGetsNotModified() {
        Article article = publish("协商");
        String path = "/articles/" + article.slug();
        String etag = node.get(path).header("ETag");

        CachingNode.Answer again = node.get(path, "If-None-Match", etag);

        assertEquals(304, again.status());
        assertEquals("", again.body());
        assertEquals(etag, again.header("ETag"));
        assertEquals(200, node.get(path, "If-None-Match", "\"other\"").status());
    }

    @Test
    void anEditShowsOnTheNextRequest() {
        Article article = publish("旧标题");
        String path = "/articles/" + article.slug();
        node.get("/");
        assertEquals(article.title(), h1(path));
        assertEquals(article.title(), h1(path));

        Article edited = node.bean(ArticleEditService.class).update(article.id(), Articles.edit("新标题").slug(article.slug())
                .basedOn(article.version()).build(), SaveAction.PUBLISH, Actor.SYSTEM);

        assertEquals("新标题", edited.title());
        assertEquals("新标题", h1(path));
        assertTrue(node.get("/").document().select("a").eachText().contains("新标题"), "the home page lists the new title");
    }

    @Test
    void anUnpublishedArticleIsNotFoundOnTheNextRequest() {
        Article article = publish("下线");
        String path = "/articles/" + article.slug();
        assertEquals(200, node.get(path).status());
        assertEquals(200, node.get(path).status());

        node.bean(ArticleEditService.class).unpublish(article.id(), Actor.SYSTEM);

        assertEquals(404, node.get(path).status());
    }

    @Test
    void aChangeMadeByAnotherNodeShowsOnceTheVersionIsChecked() throws SQLException {
        Article article = publish("别的节点");
        String path = "/articles/" + article.slug();
        assertEquals(article.title(), h1(path));
        assertEquals(article.title(), h1(path));

        // Without a new content version the cached page stands, even after a check...
        sql("UPDATE article SET title = ? WHERE id = ?", "未计版本", article.id());
        node.bean(PageCache.class).check();
        assertEquals(article.title(), h1(path));

        // ...and another node's change raises it in the same transaction: it shows after the next check.
        sql("UPDATE content_version SET version = version + 1 WHERE id = ?", 1L);
        sql("UPDATE article SET title = ? WHERE id = ?", "另一节点改的", article.id());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertEquals("另一节点改的", h1(path)));
    }

    @Test
    void answersThatSetACookieAreNeverKept() {
        Article article = publish("曲奇");
        String path = "/articles/" + article.slug();
        CachingNode.Answer withCookie = node.get(path, "X-Give-Cookie", "alice");
        assertTrue(withCookie.header("Set-Cookie").startsWith("visitor=alice"), withCookie.header("Set-Cookie"));
        double hits = count("hit");

        CachingNode.Answer next = node.get(path);

        assertEquals(200, next.status());
        assertNull(next.header("Set-Cookie"), "another visitor never gets alice's cookie");
        assertEquals(hits, count("hit"), "the answer with a cookie was not kept");
        assertNull(withCookie.header("ETag"));
    }

    @Test
    void searchResultsAreNeverCached() {
        publish("搜索");
        double hits = count("hit");
        double misses = count("miss");
        node.get("/search?q=%E6%90%9C%E7%B4%A2");
        node.get("/search?q=%E6%90%9C%E7%B4%A2");
        assertEquals(hits, count("hit"));
        assertEquals(misses, count("miss"));
    }

    private void sql(String statement, String text, Long id) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
             PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, text);
            s.setLong(2, id);
            s.executeUpdate();
        }
    }

    private void sql(String statement, Long id) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
             PreparedStatement s = c.prepareStatement(statement)) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }
}
