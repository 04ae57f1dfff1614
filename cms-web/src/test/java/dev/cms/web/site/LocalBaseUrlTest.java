package dev.cms.web.site;

import dev.cms.web.PublicNode;
import org.awaitility.core.ConditionTimeoutException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A public node started as the README says, in a process of its own with {@code CMS_PORT} set and
 * no {@code CMS_BASE_URL}: its absolute links (canonical, OpenGraph, feeds, sitemap) point at
 * itself on that port, not at the default 8080. Environment variables cannot be set inside a
 * running JVM, so only a process of its own tests them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalBaseUrlTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Path dataDir;
    Path log;
    Process node;
    int port;

    @BeforeAll
    void startNodeOnAnotherPort() throws IOException, InterruptedException {
        dataDir = Files.createTempDirectory("cms-local-base-url-");
        log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        port = freePort();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), PublicNode.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CMS_"));
        builder.environment().put("CMS_PORT", String.valueOf(port));
        builder.environment().put("CMS_DATA_DIR", dataDir.toString());
        builder.environment().put("CMS_SEARCH_ENABLED", "false");
        node = builder.start();
        waitUntilServing();
    }

    @AfterAll
    void stopNode() throws InterruptedException, IOException {
        if (node != null) {
            node.destroy();
            if (!node.waitFor(20, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor();
            }
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(log);
        }
    }

    @Test
    void canonicalAndOpenGraphLinksUseThePortTheNodeWasStartedOn() throws IOException, InterruptedException {
        String base = "http://localhost:" + port;
        Document home = Jsoup.parse(get("/").body());

        assertEquals(base + "/", home.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals(base + "/", home.selectFirst("meta[property=og:url]").attr("content"));
        assertEquals(base + "/feed.xml", home.selectFirst("link[type=application/rss+xml]").attr("href"));
    }

    @Test
    void feedAndSitemapLinksUseThePortTheNodeWasStartedOn() throws IOException, InterruptedException {
        String base = "http://localhost:" + port;

        assertTrue(get("/robots.txt").body().contains("Sitemap: " + base + "/sitemap.xml"), get("/robots.txt").body());
        assertTrue(get("/feed.xml").body().contains("<link>" + base + "/</link>"), get("/feed.xml").body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path);
        return response;
    }

    private void waitUntilServing() throws IOException {
        try {
            await("the public node to answer").atMost(START_TIMEOUT).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        if (!node.isAlive()) {
                            throw new AssertionError("the public node exited with " + node.exitValue() + ":\n"
                                    + Files.readString(log));
                        }
                        try {
                            http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            return true;
                        } catch (ConnectException notYet) {
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the public node did not start within " + START_TIMEOUT + ":\n" + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
