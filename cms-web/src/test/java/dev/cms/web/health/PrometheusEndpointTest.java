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
    void requestsAreTimedByRoute() {
        try (NodeUnderTest node = new NodeUnderTest(TestDatabases.h2("metrics"))) {
            Article article = node.context().getBean(ArticleService.class).create(
                    new ArticleEdit("计时", null, null, "正文", List.of(), null, null), SaveAction.PUBLISH);
            for (int i = 0; i < 3; i++) {
                // The first is rendered, the others come from the page cache (counted there, see README).
                assertEquals(200, node.get("/articles/" + article.slug()).status());
            }
            assertEquals(200, node.get("/").status());

            Answer metrics = node.get("/prometheus");

            assertEquals(200, metrics.status(), metrics.body());
            assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                    && line.contains("uri=\"/articles/{slug}\"") && line.contains("status=\"200\"")), metrics.body());
            assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("cms_page_cache_requests_total{")
                    && line.contains("result=\"hit\"") && line.endsWith(" 2.0")), metrics.body());
            assertTrue(metrics.body().lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                    && line.contains("uri=\"root\"") && line.contains("status=\"200\"")), metrics.body());
            assertTrue(metrics.body().contains("hikaricp_connections_active"), "connection pool metrics");
        }
    }
}
