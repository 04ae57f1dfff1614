package dev.cms.web.health;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import dev.cms.web.health.NodeUnderTest.Answer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /prometheus: request timers by route template (not by URL, so slugs do not multiply the series),
 * and the connection pool's gauges; served to this machine (or CMS_METRICS_ALLOWED) or on the
 * management port only, while /health stays open to everyone.
 */
class PrometheusEndpointTest {

    @Test
    void requestsAreTimedByRoute() throws Exception {
        try (NodeUnderTest node = new NodeUnderTest(TestDatabases.h2("metrics"))) {
            Article article = node.context().getBean(ArticleEditService.class).create(
                    Articles.edit("计时").build(), SaveAction.PUBLISH, Actor.SYSTEM);
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
    @Test
    void metricsAreNotFoundFromAnAddressNotAllowedWhileHealthStaysOpen() {
        Map<String, String> properties = new HashMap<>(TestDatabases.h2("metrics-refused"));
        properties.put("cms.metrics.allowed", "10.0.0.0/8, fd00::/8");
        try (NodeUnderTest node = new NodeUnderTest(properties)) {
            Answer metrics = node.get("/prometheus");

            assertEquals(404, metrics.status());
            assertFalse(metrics.body().contains("jvm_"), "nothing of the metrics shows");
            assertTrue(metrics.body().contains("<html"), "the site's own 404 page, as for any unknown URL");
            assertEquals(200, node.get("/health").status());
        }
    }

    @Test
    void metricsAreNotFoundForARequestAProxyForwardedFromElsewhere() {
        try (NodeUnderTest node = new NodeUnderTest(TestDatabases.h2("metrics-proxied"))) {
            assertEquals(200, node.get("/prometheus").status(), "this machine may read them");

            assertEquals(404, node.getWithHeaders("/prometheus", "X-Forwarded-For", "203.0.113.7").status());
            assertEquals(404, node.getWithHeaders("/prometheus", "X-Forwarded-For", "127.0.0.1, 203.0.113.7").status());
            assertEquals(404, node.getWithHeaders("/prometheus", "Forwarded", "for=\"[2001:db8::7]:4711\"").status());
            assertEquals(404, node.getWithHeaders("/prometheus", "X-Real-IP", "203.0.113.7").status());
            assertEquals(404, node.getWithHeaders("/prometheus", "Forwarded", "for=unknown").status());
            assertEquals(200, node.getWithHeaders("/prometheus", "X-Forwarded-For", "127.0.0.1").status(),
                    "a proxy on this machine for a client on this machine");
            assertEquals(200, node.getWithHeaders("/health", "X-Forwarded-For", "203.0.113.7").status());
        }
    }

    @Test
    void metricsAreNotFoundFromAnotherMachinesAddressByDefault() throws Exception {
        String address = null;
        for (NetworkInterface network : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress candidate : java.util.Collections.list(network.getInetAddresses())) {
                if (candidate instanceof Inet4Address && !candidate.isLoopbackAddress() && network.isUp()) {
                    address = candidate.getHostAddress();
                }
            }
        }
        Assumptions.assumeTrue(address != null, "this machine has no address but loopback");
        try (NodeUnderTest node = new NodeUnderTest(TestDatabases.h2("metrics-remote"))) {
            // Sent to this machine's network address, the request comes from it, not from loopback.
            assertEquals(404, node.getAt(address, "/prometheus").status());
            assertEquals(200, node.getAt(address, "/health").status());
        }
    }

    @Test
    void theManagementPortServesMetricsToWhoeverReachesIt() throws Exception {
        Map<String, String> properties = new HashMap<>(TestDatabases.h2("metrics-port"));
        properties.put("cms.metrics.allowed", "10.0.0.0/8");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        properties.put("endpoints.all.port", String.valueOf(port));
        try (NodeUnderTest node = new NodeUnderTest(properties)) {
            assertEquals(200, node.get(port, "/prometheus").status());
            assertEquals(404, node.get("/prometheus").status());
        }
    }
}
