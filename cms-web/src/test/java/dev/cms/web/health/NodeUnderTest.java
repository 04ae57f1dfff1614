package dev.cms.web.health;

import dev.cms.core.search.SearchIndex;
import dev.cms.core.testing.TempDirs;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A public node started on given database properties, and plain HTTP requests to it. */
final class NodeUnderTest implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final EmbeddedServer server;
    /** The data directory this node made for itself, deleted when it closes; null when it was given one. */
    private final Path ownDataDir;

    /** A node on a data directory of its own. */
    NodeUnderTest(Map<String, String> database) {
        this(database, TempDirs.create("cms-health"), true);
    }

    /** A node on this data directory; returns once its search index is opened (and built, if it can be). */
    NodeUnderTest(Map<String, String> database, Path dataDir) {
        this(database, dataDir, false);
    }

    private NodeUnderTest(Map<String, String> database, Path dataDir, boolean own) {
        ownDataDir = own ? dataDir : null;
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("cms.data-dir", dataDir.toString());
        server = ApplicationContext.run(EmbeddedServer.class, properties, Environment.TEST);
        server.getApplicationContext().getBean(SearchIndex.class).awaitIdle(Duration.ofSeconds(30));
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    record Answer(int status, String body) {
    }

    Answer get(String path) {
        return get(server.getPort(), path);
    }

    /** A request to another port of this node (the management port). */
    Answer get(int port, String path) {
        return get("127.0.0.1", port, path);
    }

    /** A request to the site's port with these headers (name, value, ...). */
    Answer getWithHeaders(String path, String... headers) {
        return get("127.0.0.1", server.getPort(), path, headers);
    }

    /** A request to the site's port at one of this machine's addresses (host literal, IPv6 in brackets). */
    Answer getAt(String host, String path) {
        return get(host, server.getPort(), path);
    }

    private Answer get(String host, int port, String path, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                    .timeout(Duration.ofSeconds(20));
            if (headers.length > 0) {
                request.headers(headers);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
        if (ownDataDir != null) {
            TempDirs.delete(ownDataDir);
        }
    }
}
