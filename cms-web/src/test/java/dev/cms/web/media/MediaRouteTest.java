package dev.cms.web.media;

import dev.cms.core.media.Media;
import dev.cms.core.media.MediaService;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.testing.TestImages;
import dev.cms.web.support.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public node alone serves uploaded images to readers, and nothing else below /media/. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaRouteTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    @Inject
    MediaService media;

    byte[] webp = TestImages.webp(40, 30);
    Media stored;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.h2("media-route");
    }

    @BeforeAll
    void upload() {
        stored = media.store("cover.png", new ByteArrayInputStream(webp), "chief");
    }

    @Test
    void uploadedImageIsServedWithItsDetectedTypeAndSafeHeaders() {
        HttpResponse<byte[]> image = client.toBlocking().exchange(HttpRequest.GET(stored.url())
                .header("Accept", "image/avif,image/webp,*/*"), byte[].class);

        assertEquals(200, image.code());
        assertEquals("image/webp", image.header("Content-Type"));
        assertEquals("nosniff", image.header("X-Content-Type-Options"));
        assertEquals("inline", image.header("Content-Disposition"));
        assertEquals("public, max-age=31536000, immutable", image.header("Cache-Control"));
        assertArrayEquals(webp, image.body());
    }

    @Test
    void anythingButARecordedPathIsNotFound() {
        Pages pages = new Pages(client);
        assertEquals(404, pages.get("/media/2024/05/" + "a".repeat(32) + ".png").status());
        assertEquals(404, pages.get("/media/" + stored.path().replace(".webp", ".png")).status());
        assertEquals(404, Pages.rawStatus(server.getURI(), "/media/" + stored.path().replace("/", "%2F")));
        assertEquals(404, Pages.rawStatus(server.getURI(), "/media/" + stored.path().replace(".", "%2E")));
        int traversal = Pages.rawStatus(server.getURI(), "/media/../cookie-secret");
        assertTrue(traversal == 400 || traversal == 404, "status " + traversal);
    }
}
