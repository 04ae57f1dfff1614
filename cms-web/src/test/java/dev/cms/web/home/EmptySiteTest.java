package dev.cms.web.home;

import dev.cms.core.testing.TestDatabases;
import dev.cms.web.support.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A site with nothing published yet: every public page still answers, plainly. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmptySiteTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.h2("empty");
    }

    @Test
    void homeSaysNothingIsPublishedYetAndHasNoPagination() {
        Pages pages = new Pages(client);
        Pages.Answer home = pages.get("/");
        assertEquals(200, home.status());
        Document page = home.document();
        assertNotNull(page.selectFirst(".empty"));
        assertTrue(page.select(".article-list li").isEmpty());
        assertTrue(page.select(".pagination").isEmpty());
        assertEquals(404, pages.get("/page/2").status());
    }

    @Test
    void feedsAndSitemapAreValidAndEmpty() {
        String rss = client.toBlocking().retrieve(HttpRequest.GET("/feed.xml"));
        assertTrue(rss.contains("<channel>") && !rss.contains("<item>"), rss);
        String atom = client.toBlocking().retrieve(HttpRequest.GET("/atom.xml"));
        assertTrue(atom.contains("<feed") && !atom.contains("<entry>"), atom);
        String sitemap = client.toBlocking().retrieve(HttpRequest.GET("/sitemap.xml"));
        assertTrue(sitemap.contains("<urlset") && !sitemap.contains("/articles/"), sitemap);
    }

    @Test
    void searchAnswersClearlyWithNothingToFind() {
        Pages.Answer search = new Pages(client).get("/search?q=" + URLEncoder.encode("安全", StandardCharsets.UTF_8));
        assertTrue(search.status() == 200 || search.status() == 503, "status " + search.status());
        assertFalse(search.document().select("h1").isEmpty(), search.body());
    }
}
