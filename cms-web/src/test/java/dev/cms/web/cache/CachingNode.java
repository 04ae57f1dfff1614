package dev.cms.web.cache;

import dev.cms.core.search.SearchIndex;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A public node for cache tests, and plain HTTP requests to it that show every header. */
final class CachingNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final EmbeddedServer server;

    CachingNode(Map<String, String> database, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("cms.search.catch-up-interval", "1h");
        properties.putAll(extra);
        server = ApplicationContext.run(EmbeddedServer.class, properties, Environment.TEST);
        server.getApplicationContext().getBean(SearchIndex.class).awaitIdle(Duration.ofSeconds(30));
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    record Answer(int status, HttpResponse<String> response) {

        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        Document document() {
            return Jsoup.parse(body());
        }
    }

    Answer get(String path, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                    .timeout(Duration.ofSeconds(20));
            if (headers.length > 0) {
                request.headers(headers);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
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
    }
}
