package dev.cms.web.outage;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.search.SearchIndex;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.CuttableProxy;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault injection: a public node on PostgreSQL loses its database under a small load of readers,
 * through a proxy the test cuts (the shared server itself is never stopped), then gets it back.
 * Readers of cached pages keep getting them (stale if need be); readers of other pages get a
 * prompt 503 with {@code Retry-After}, never a hang; after the database returns everything
 * answers 200 again within seconds, and a change made elsewhere during the outage shows.
 * Run with the other fault-injection suites by {@code -Dgroups=fault-injection} (see the README).
 */
@Tag("fault-injection")
class DatabaseOutageTest {

    /** The node's defaults (CMS_DB_SOCKET_TIMEOUT, CMS_DB_CONNECTION_TIMEOUT). */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** A request caught by the cut waits out the socket timeout, then at most a connection timeout. */
    private static final Duration LONGEST_ANSWER = SOCKET_TIMEOUT.plus(CONNECTION_TIMEOUT).plusSeconds(1);
    /** Once the node has noticed, a 503 needs no database at all. */
    private static final Duration PROMPT = Duration.ofSeconds(1);
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration RECOVERY = Duration.ofSeconds(10);
    private static final int READERS = 3;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestDatabases.PostgresDatabase database;
    private CuttableProxy proxy;
    private EmbeddedServer node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.getApplicationContext().close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void readersGetCachedPagesOrAPrompt503WhileTheDatabaseRefusesConnections() throws Exception {
        outage(CuttableProxy::refuse);
    }

    @Test
    void readersGetCachedPagesOrAPrompt503WhileTheDatabaseHostIsSilent() throws Exception {
        outage(CuttableProxy::blackhole);
    }

    /**
     * The embedded H2 database runs inside the node, so it cannot go away on its own; closing it
     * under the node is the nearest thing (H2 reports it with its own error codes, not SQL class 08).
     */
    @Test
    void readersGetCachedPagesOrAPrompt503WhenTheEmbeddedDatabaseIsClosedUnderTheNode() throws Exception {
        Map<String, String> database = new HashMap<>(TestDatabases.h2("outage-h2"));
        String url = database.get("datasources.default.url");
        try (Connection creator = DriverManager.getConnection(url, "sa", "")) {
            // The node may open the database but never create it, so once it is shut down it is gone.
            database.put("datasources.default.url", url + ";IFEXISTS=TRUE");
            Map<String, Object> nodeProperties = new HashMap<>(database);
            nodeProperties.put("cms.search.catch-up-interval", "1h");
            node = ApplicationContext.run(EmbeddedServer.class, nodeProperties, Environment.TEST);
            ArticleEditService articles = node.getApplicationContext().getBean(ArticleEditService.class);
            String cached = "/articles/" + articles.create(Articles.edit("常读的文章").build(), SaveAction.PUBLISH, Actor.SYSTEM).slug();
            String uncached = "/articles/" + articles.create(Articles.edit("没人读过的文章").build(), SaveAction.PUBLISH, Actor.SYSTEM).slug();
            assertEquals(200, get(cached, true).status());

            try (Statement statement = creator.createStatement()) {
                statement.execute("SHUTDOWN");
            }

            // Readers spread over 1.5 s, before and after the node's version check (every second) finds
            // the database gone: a span of the scenario, not a wait for something to happen.
            for (int i = 0; i < 5; i++) {
                Sample page = get(cached, true);
                assertEquals(200, page.status(), () -> describe(page));
                Sample missing = get(uncached + "?n=" + i, false);
                assertEquals(503, missing.status(), () -> describe(missing));
                assertEquals("10", missing.retryAfter());
                assertTrue(missing.millis() < LONGEST_ANSWER.toMillis(), () -> describe(missing));
                Thread.sleep(300);
            }
        }
    }

    /** One answer a reader got: what was asked, when, how it ended and how long it took. */
    record Sample(String path, boolean cached, long startedNanos, long millis, int status, String retryAfter, String body) {
    }

    private void outage(Consumer<CuttableProxy> cut) throws Exception {
        database = TestDatabases.postgres("outage");
        Map<String, String> properties = database.properties();
        proxy = CuttableProxy.to("127.0.0.1", URI.create(properties.get("datasources.default.url").substring(5)).getPort());
        Map<String, Object> nodeProperties = new HashMap<>(properties);
        nodeProperties.put("datasources.default.url", proxy.rewrite(properties.get("datasources.default.url")));
        nodeProperties.put("cms.search.catch-up-interval", "1h");
        node = ApplicationContext.run(EmbeddedServer.class, nodeProperties, Environment.TEST);
        node.getApplicationContext().getBean(SearchIndex.class).awaitIdle(Duration.ofSeconds(30));

        ArticleEditService articles = node.getApplicationContext().getBean(ArticleEditService.class);
        Article cachedArticle = articles.create(Articles.edit("常读的文章").topics("停机").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            fresh.add("/articles/" + articles.create(Articles.edit("没人读过的文章 " + i).body("正文 " + i).topics("停机").build(),
                    SaveAction.PUBLISH, Actor.SYSTEM).slug());
        }
        String cachedPath = "/articles/" + cachedArticle.slug();
        assertEquals(200, get(cachedPath, false).status());
        assertEquals(200, get("/", false).status());

        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger next = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            Thread reader = new Thread(() -> {
                while (running.get()) {
                    int n = next.getAndIncrement();
                    samples.add(get(n % 2 == 0 ? cachedPath : "/", true));
                    samples.add(get(fresh.get(n % fresh.size()) + "?n=" + n, false));
                }
            }, "reader-" + r);
            reader.start();
            readers.add(reader);
        }

        // The sleeps here are the phases of the scenario (readers before, during and after the outage),
        // not waits for something to happen.
        long cutAt;
        long restoredAt;
        Sample recovered;
        try {
            Thread.sleep(1000);
            cutAt = System.nanoTime();
            cut.accept(proxy);
            // Another node's change during the outage, straight to the database: it must show once this
            // node reaches the database again, however long its readers were served the stale copy.
            changeTitleElsewhere(cachedArticle.id(), "停机期间改的标题");
            Thread.sleep(OUTAGE.toMillis());
            proxy.restore();
            restoredAt = System.nanoTime();

            recovered = await("an uncached page to answer 200 after the database's return").atMost(RECOVERY)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> get(fresh.get(0) + "?probe=" + System.nanoTime(), false), probe -> probe.status() == 200);
            // Readers go on for a while once the node is back.
            Thread.sleep(2000);
        } finally {
            running.set(false);
            for (Thread reader : readers) {
                reader.join(LONGEST_ANSWER.toMillis() * 3);
            }
        }

        for (Sample sample : samples) {
            assertTrue(sample.millis() < LONGEST_ANSWER.toMillis(), () -> "no reader waits long: " + describe(sample));
            if (sample.cached()) {
                assertEquals(200, sample.status(), () -> "cached pages keep answering: " + describe(sample));
            } else {
                assertTrue(sample.status() == 200 || sample.status() == 503, () -> "200 or 503, never 500: " + describe(sample));
            }
            if (sample.status() == 503) {
                assertEquals("10", sample.retryAfter(), () -> "a 503 says when to come back: " + describe(sample));
                assertTrue(Jsoup.parse(sample.body()).select("h1").text().contains("暂时"),
                        () -> "a page a reader understands: " + describe(sample));
            }
        }
        // Once the requests caught by the cut have given up (the socket timeout) and the node's
        // version check has found the database gone, every reader of an uncached page gets its 503 at once.
        long settled = cutAt + SOCKET_TIMEOUT.toNanos() + 1_000_000_000L;
        List<Sample> duringOutage = samples.stream().filter(s -> !s.cached() && s.startedNanos() > settled
                && s.startedNanos() + s.millis() * 1_000_000 < restoredAt).toList();
        assertFalse(duringOutage.isEmpty(), "readers asked for uncached pages during the outage");
        for (Sample sample : duringOutage) {
            assertEquals(503, sample.status(), () -> "uncached pages are 503 during the outage: " + describe(sample));
            assertTrue(sample.millis() < PROMPT.toMillis(), () -> "the 503 comes promptly: " + describe(sample));
        }
        long back = recovered.startedNanos() + recovered.millis() * 1_000_000;
        List<Sample> afterRecovery = samples.stream().filter(s -> s.startedNanos() > back).toList();
        assertFalse(afterRecovery.isEmpty());
        for (Sample sample : afterRecovery) {
            assertEquals(200, sample.status(), () -> "everything answers 200 once one page does: " + describe(sample));
        }

        // The stale copy is gone once the database answers: the change made during the outage shows.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertEquals("停机期间改的标题", Jsoup.parse(get(cachedPath, true).body()).select("h1").text()));
        // And writing works again.
        Article afterwards = articles.create(Articles.edit("恢复之后").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        assertEquals(200, get("/articles/" + afterwards.slug(), false).status());
    }

    private void changeTitleElsewhere(long articleId, String title) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("UPDATE article SET title = ? WHERE id = ?")) {
                s.setString(1, title);
                s.setLong(2, articleId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE content_version SET version = version + 1 WHERE id = 1")) {
                s.executeUpdate();
            }
            c.commit();
        }
    }

    private Sample get(String path, boolean cached) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.getPort() + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Sample(path, cached, started, (System.nanoTime() - started) / 1_000_000, response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (IOException e) {
            return new Sample(path, cached, started, (System.nanoTime() - started) / 1_000_000, -1, null, String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sample(path, cached, started, 0, -1, null, "interrupted");
        }
    }

    private static String describe(Sample sample) {
        return sample.path() + " -> " + sample.status() + " in " + sample.millis() + " ms";
    }
}
