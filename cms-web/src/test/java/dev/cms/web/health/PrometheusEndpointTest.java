package dev.cms.web.health;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEdit;
import dev.cms.core.article.ArticleService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.TestDatabases;
import dev.cms.web.health.NodeUnderTest.Answer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /prometheus: request timers by route template (not by URL, so slugs do not multiply the series),
 * and the connection pool's gauges.
 */
class PrometheusEndpointTest {

    @Test
    void requestsAreTimedByRoute() throws Exception {
        try (NodeUnderTest node = new NodeUnderTest(TestDatabases.h2("metrics"))) {
            Article article = node.context().getBean(ArticleService.class).create(
                    new ArticleEdit("计时", null, null, "正文", List.of(), null, null), SaveAction.PUBLISH);
            for (int i = 0; i < 3; i++) {
                // The first is rendered, the others come from the page cache: all three are timed by route.
                assertEquals(200, node.get("/articles/" + article.slug()).status());
            }
            assertEquals(200, node.get("/").status());
            // A browser revalidating its copy gets 304 from the cache, timed like Micronaut times 3xx.
            java.net.URI page = java.net.URI.create("http://127.0.0.1:" + node.context()
                    .getBean(io.micronaut.runtime.server.EmbeddedServer.class).getPort() + "/articles/" + article.slug());
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String etag = http.send(java.net.http.HttpRequest.newBuilder(page).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElseThrow();
            assertEquals(304, http.send(java.net.http.HttpRequest.newBuilder(page).header("If-None-Match", etag).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());

            Answer metrics = node.get("/prometheus");

            assertEquals(200, metrics.status(), metrics.body());
            assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                    && line.contains("uri=\"/articles/{slug}\"") && line.contains("status=\"200\"") && line.endsWith(" 4")), metrics.body());
            assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                    && line.contains("uri=\"REDIRECTION\"") && line.contains("status=\"304\"") && line.endsWith(" 1")),
                    metrics.body());
            assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                    && line.contains("uri=\"root\"") && line.endsWith(" 1")), metrics.body());
            assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("cms_page_cache_requests_total{")
                    && line.contains("result=\"hit\"") && line.endsWith(" 4.0")), metrics.body());
            assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                    && line.contains("uri=\"root\"") && line.contains("status=\"200\"")), metrics.body());
            assertTrue(metrics.body().contains("hikaricp_connections_active"), "connection pool metrics");
        }
    }
}
