package dev.cms.web.cache;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.user.Actor;
import dev.cms.web.site.Messages;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
                "cms.test.visitor-cookie", "true",
                "cms.test.holding", "true",
                "cms.http.s-maxage", "60s",
                "cms.http.stale-while-revalidate", "30s"));
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
    void pagesSayHowLongCachesMayKeepThemAndWhenTheyChanged() {
        Article article = publish("缓存时间");
        String path = "/articles/" + article.slug();
        CachingNode.Answer first = node.get(path);
        CachingNode.Answer hit = node.get(path);

        for (CachingNode.Answer answer : List.of(first, hit)) {
            assertEquals("public, max-age=0, s-maxage=60, stale-while-revalidate=30", answer.header("Cache-Control"));
            assertNotNull(answer.header("Last-Modified"));
        }
        assertEquals(first.header("Last-Modified"), hit.header("Last-Modified"));
        CachingNode.Answer since = node.get(path, "If-Modified-Since", hit.header("Last-Modified"));
        assertEquals(304, since.status());
        assertEquals("", since.body());
        assertEquals(200, node.get(path, "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").status(), "an older copy");
        assertEquals(200, node.get(path, "If-Modified-Since", hit.header("Last-Modified"), "If-None-Match", "\"other\"").status(),
                "If-None-Match decides when both are sent");
        assertEquals("public, max-age=300", node.get("/feed.xml").header("Cache-Control"), "a page's own Cache-Control stays");
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

    private Article publishIn(String title, String... topics) {
        return node.bean(ArticleEditService.class).create(Articles.edit(title + " " + UUID.randomUUID().toString().substring(0, 8))
                .topics(topics).build(), SaveAction.PUBLISH, Actor.SYSTEM);
    }

    private Article retitle(Article article, String title, String... topics) {
        return node.bean(ArticleEditService.class).update(article.id(), Articles.editOf(article).title(title).topics(topics)
                .build(), SaveAction.PUBLISH, Actor.SYSTEM);
    }

    /** Whether the node keeps the page now (asked without counting a request). */
    private boolean held(String path) {
        // Kept under the path as sent: percent-encoded, as the client sends a slug in Chinese.
        return node.bean(PageCache.class).holds(node.bean(Messages.class).languageTag() + " "
                + java.net.URI.create(path).toASCIIString());
    }

    /** Requests each page until the cache keeps it. */
    private void cache(String... paths) {
        for (String path : paths) {
            assertEquals(200, node.get(path).status(), path);
            assertTrue(held(path), path + " is kept");
        }
    }

    private static String topicPath(CachingNode.Answer articlePage) {
        return articlePage.document().selectFirst("a.topic").attr("href");
    }

    private static String unique(String name) {
        return name + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aTitleEditEvictsTheArticleAndTheListsShowingItAndNothingElse() {
        String topicName = unique("甲");
        Article edited = publishIn("改我", topicName);
        Article other = publishIn("别动", unique("乙"));
        String path = "/articles/" + edited.slug();
        String otherPath = "/articles/" + other.slug();
        String topic = topicPath(node.get(path));
        String otherTopic = topicPath(node.get(otherPath));
        cache(path, otherPath, topic, otherTopic, "/");
        assertFalse(node.get(otherPath).body().contains(edited.slug()), "the other article does not show the edited one");

        retitle(edited, "改好了", topicName);

        assertFalse(held(path), "its own page");
        assertFalse(held("/"), "the home page lists it");
        assertFalse(held(topic), "its topic lists it");
        assertTrue(held(otherPath), "an article page that does not show it stays");
        assertTrue(held(otherTopic), "a topic page that does not list it stays");
        double hits = count("hit");
        node.get(otherPath);
        assertEquals(hits + 1, count("hit"), "and is answered from the cache");
        assertEquals("改好了", h1(path));
        assertTrue(node.get(topic).document().select("a").eachText().contains("改好了"));
    }

    @Test
    void anArticleMovedToAnotherTopicLeavesTheOldTopicPageAndJoinsTheNew() {
        String oldName = unique("旧");
        String newName = unique("新");
        Article moved = publishIn("搬家", oldName);
        Article stays = publishIn("留下", oldName);
        Article there = publishIn("新家", newName);
        Article unrelated = publishIn("无关", unique("丙"));
        String oldTopic = topicPath(node.get("/articles/" + stays.slug()));
        String newTopic = topicPath(node.get("/articles/" + there.slug()));
        String unrelatedPath = "/articles/" + unrelated.slug();
        cache(oldTopic, newTopic, unrelatedPath);

        retitle(moved, moved.title(), newName);

        assertFalse(held(oldTopic));
        assertFalse(held(newTopic));
        assertTrue(held(unrelatedPath));
        assertFalse(node.get(oldTopic).document().select("a").eachText().contains(moved.title()), "gone from the old topic");
        assertTrue(node.get(newTopic).document().select("a").eachText().contains(moved.title()), "listed in the new topic");
    }

    @Test
    void aTitleEditEvictsThePagesWhoseRelatedListShowsIt() {
        String shared = unique("共");
        Article edited = publishIn("被列出", shared);
        Article holder = publishIn("列出者", shared);
        Article unrelated = publishIn("不相干", unique("丁"));
        String holderPath = "/articles/" + holder.slug();
        String unrelatedPath = "/articles/" + unrelated.slug();
        cache(holderPath, unrelatedPath);
        assertTrue(node.get(holderPath).document().select("a").eachText().contains(edited.title()), "its related list shows it");

        retitle(edited, "新的相关标题", shared);

        assertFalse(held(holderPath), "the page whose related list holds it");
        assertTrue(held(unrelatedPath));
        assertTrue(node.get(holderPath).document().select("a").eachText().contains("新的相关标题"));
    }

    @Test
    void aNewArticleInTheFirstTopicEvictsThePageWhoseNextLinkItBecomes() {
        String shared = unique("邻");
        Article older = publishIn("旧的一篇", shared);
        Article unrelated = publishIn("别处", unique("戊"));
        String olderPath = "/articles/" + older.slug();
        String unrelatedPath = "/articles/" + unrelated.slug();
        cache(olderPath, unrelatedPath);
        assertNull(node.get(olderPath).document().selectFirst(".article-nav"), "alone in its topic: no neighbours");

        Article newer = publishIn("新的一篇", shared);

        assertFalse(held(olderPath), "the older article now shows it as next");
        assertTrue(held(unrelatedPath));
        assertEquals("/articles/" + java.net.URLEncoder.encode(newer.slug(), java.nio.charset.StandardCharsets.UTF_8),
                node.get(olderPath).document().selectFirst(".article-nav a[rel=next]").attr("href"));
    }

    @Test
    void aNewPublishTimeEvictsTheOldAndTheNewMonth() {
        Article moved = node.bean(ArticleEditService.class).create(Articles.edit(unique("换月")).publishTime("2021-03-10T10:00:00")
                .build(), SaveAction.PUBLISH, Actor.SYSTEM);
        node.bean(ArticleEditService.class).create(Articles.edit(unique("三月留下")).publishTime("2021-03-11T10:00:00")
                .build(), SaveAction.PUBLISH, Actor.SYSTEM);
        node.bean(ArticleEditService.class).create(Articles.edit(unique("一月")).publishTime("2020-01-11T10:00:00")
                .build(), SaveAction.PUBLISH, Actor.SYSTEM);
        Article otherMonth = node.bean(ArticleEditService.class).create(Articles.edit(unique("七月")).publishTime("2019-07-11T10:00:00")
                .build(), SaveAction.PUBLISH, Actor.SYSTEM);
        cache("/archive/2021/03", "/archive/2020/01", "/archive/2019/07");

        node.bean(ArticleEditService.class).update(moved.id(), Articles.editOf(moved).publishTime("2020-01-12T10:00:00").build(),
                SaveAction.PUBLISH, Actor.SYSTEM);

        assertFalse(held("/archive/2021/03"), "the month it left");
        assertFalse(held("/archive/2020/01"), "the month it joined");
        assertTrue(held("/archive/2019/07"), "another month");
        assertFalse(node.get("/archive/2021/03").document().select("a").eachText().contains(moved.title()));
        assertTrue(node.get("/archive/2020/01").document().select("a").eachText().contains(moved.title()));
        assertTrue(node.get("/archive/2019/07").document().select("a").eachText().contains(otherMonth.title()));
    }

    @Test
    void readersMissingTheSamePageAtOnceWaitForOneRendering() throws Exception {
        Article article = publish("同时读");
        String path = "/articles/" + article.slug();
        HoldingFilter.reset();
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> node.get(path, "X-Hold", "1"), readers);
            await().atMost(Duration.ofSeconds(10)).until(() -> HoldingFilter.held() == 1);
            double shared = count("shared");
            double misses = count("miss");
            List<java.util.concurrent.CompletableFuture<CachingNode.Answer>> others = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                others.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> node.get(path), readers));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> count("miss") >= misses + 5);

            HoldingFilter.release();

            String body = first.get(20, java.util.concurrent.TimeUnit.SECONDS).body();
            for (var other : others) {
                CachingNode.Answer answer = other.get(20, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(200, answer.status());
                assertEquals(body, answer.body(), "every waiting reader gets the same bytes");
            }
            assertEquals(1, HoldingFilter.renderings(), "the page was rendered once");
            assertEquals(shared + 5, count("shared"));
        } finally {
            HoldingFilter.release();
            readers.shutdownNow();
        }
    }

    @Test
    void whenTheOneRenderingFailsTheWaitingReadersRenderTheirOwn() throws Exception {
        Article article = publish("失败的渲染");
        String path = "/articles/" + article.slug();
        HoldingFilter.reset();
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> node.get(path, "X-Hold", "1", "X-Fail", "1"), readers);
            await().atMost(Duration.ofSeconds(10)).until(() -> HoldingFilter.held() == 1);
            double misses = count("miss");
            List<java.util.concurrent.CompletableFuture<CachingNode.Answer>> others = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                others.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> node.get(path), readers));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> count("miss") >= misses + 3);

            HoldingFilter.release();

            assertEquals(500, first.get(20, java.util.concurrent.TimeUnit.SECONDS).status());
            for (var other : others) {
                CachingNode.Answer answer = other.get(5, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(200, answer.status());
                assertTrue(answer.body().contains(article.title()));
            }
        } finally {
            HoldingFilter.release();
            readers.shutdownNow();
        }
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
