package dev.cms.web.site;

import dev.cms.core.testing.TestDatabases;
import dev.cms.web.support.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pages link the stylesheet and icon by fingerprinted URLs that browsers may keep a year. */
@MicronautTest(transactional = false)
class AssetUrlsTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.h2("assets");
    }

    private static byte[] classpath(String name) throws IOException {
        try (InputStream in = AssetUrlsTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theStylesheetIsLinkedByItsHashAndServedAsImmutable() throws IOException {
        var page = new Pages(client).get("/").document();
        String css = page.selectFirst("link[rel=stylesheet]").attr("href");
        assertTrue(css.matches("/assets/css/site\\.[0-9a-f]{8}\\.css"), css);
        String icon = page.selectFirst("link[rel=icon][type=image/svg+xml]").attr("href");
        assertTrue(icon.matches("/assets/img/favicon\\.[0-9a-f]{8}\\.svg"), icon);

        HttpResponse<byte[]> served = client.toBlocking().exchange(HttpRequest.GET(css), byte[].class);
        assertEquals(200, served.code());
        assertArrayEquals(classpath("/public/css/site.css"), served.body());
        assertEquals("public, max-age=31536000, immutable", served.header("Cache-Control"));
        assertTrue(served.header("Content-Type").startsWith("text/css"), served.header("Content-Type"));
        assertArrayEquals(classpath("/public/img/favicon.svg"),
                client.toBlocking().exchange(HttpRequest.GET(icon), byte[].class).body());
    }

    @Test
    void aWrongHashIsNotFoundAndThePlainUrlStillServesBriefly() throws IOException {
        HttpClientResponseException wrong = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/assets/css/site.00000000.css"), byte[].class));
        assertEquals(404, wrong.code());

        HttpResponse<byte[]> plain = client.toBlocking().exchange(HttpRequest.GET("/assets/css/site.css"), byte[].class);
        assertArrayEquals(classpath("/public/css/site.css"), plain.body());
        assertEquals("public, max-age=300", plain.header("Cache-Control"));
    }
}
