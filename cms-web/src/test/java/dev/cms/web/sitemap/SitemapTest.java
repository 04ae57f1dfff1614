package dev.cms.web.sitemap;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import dev.cms.web.feed.ParsedXml;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sitemap of a small site (one document) and robots.txt, as a crawler reads them. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SitemapTest implements TestPropertyProvider {

    private static final String BASE = "https://example.com";
    private static final String W3C_DATETIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ArticleEditService articles;

    Article known;
    Article newer;
    Article draft;
    Article unpublished;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabases.h2("sitemap"));
        properties.put("cms.base-url", BASE);
        // application.yml fixes the port (CMS_PORT, 8080): a random one lets this run beside anything else.
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    @BeforeAll
    void content() {
        known = publish("公开的文章", List.of("安全"), "2024-05-28T02:54:57");
        newer = publish("较新的文章", List.of("安全", "支付"), "2024-06-01T09:30:00");
        draft = articles.create(Articles.edit("草稿文章").topics("只有草稿").build(), SaveAction.SAVE, Actor.SYSTEM);
        unpublished = articles.unpublish(publish("撤下的文章", List.of("撤下主题"), "2024-06-02T10:00:00").id(), Actor.SYSTEM);
    }

    private Article publish(String title, List<String> topics, String publishTime) {
        return articles.create(Articles.edit(title).body("正文 " + title).topics(topics).publishTime(publishTime).build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
    }

    private HttpResponse<byte[]> fetch(String path) {
        return client.toBlocking().exchange(HttpRequest.GET(path), byte[].class);
    }

    private static String url(String path, String slug) {
        return BASE + path + dev.cms.web.site.AbsoluteLinks.pathSegment(slug);
    }

    @Test
    void sitemapListsHomeTopicsWithPublishedArticlesAndPublishedArticles() {
        ParsedXml sitemap = ParsedXml.parse(fetch("/sitemap.xml").body());
        assertEquals(List.of(BASE + "/",
                        url("/topics/", "安全"), url("/topics/", "支付"),
                        url("/articles/", known.slug()), url("/articles/", newer.slug())),
                sitemap.texts("/s:urlset/s:url/s:loc"));
        assertEquals(BASE + "/topics/%E5%AE%89%E5%85%A8", sitemap.text("/s:urlset/s:url[2]/s:loc"));
    }

    @Test
    void draftsUnpublishedArticlesAndTheirOnlyTopicsAreLeftOut() {
        List<String> locs = ParsedXml.parse(fetch("/sitemap.xml").body()).texts("/s:urlset/s:url/s:loc");
        assertFalse(locs.contains(url("/articles/", draft.slug())));
        assertFalse(locs.contains(url("/articles/", unpublished.slug())));
        assertFalse(locs.contains(url("/topics/", "只有草稿")));
        assertFalse(locs.contains(url("/topics/", "撤下主题")));
    }

    @Test
    void everyUrlHasLastmodTopicsDatedByTheirNewestArticle() {
        ParsedXml sitemap = ParsedXml.parse(fetch("/sitemap.xml").body());
        sitemap.texts("/s:urlset/s:url/s:lastmod").forEach(lastmod -> assertTrue(lastmod.matches(W3C_DATETIME), lastmod));
        assertEquals(sitemap.count("/s:urlset/s:url"), sitemap.count("/s:urlset/s:url[s:lastmod]"));
        String byLoc = "/s:urlset/s:url[s:loc='%s']/s:lastmod";
        assertEquals("2024-06-01T01:30:00Z", sitemap.text(byLoc.formatted(BASE + "/")));
        assertEquals("2024-06-01T01:30:00Z", sitemap.text(byLoc.formatted(url("/topics/", "安全"))));
        // An article's lastmod is its last edit: made just now, after its back-dated publish time.
        assertTrue(sitemap.text(byLoc.formatted(url("/articles/", known.slug()))).compareTo("2024-05-27T18:54:57Z") > 0);
    }

    @Test
    void sitemapIsXmlInUtf8AndMayBeCached() {
        HttpResponse<byte[]> response = fetch("/sitemap.xml");
        assertEquals("application/xml;charset=utf-8", response.header(HttpHeaders.CONTENT_TYPE).replace(" ", "").toLowerCase());
        assertEquals("public, max-age=300", response.header(HttpHeaders.CACHE_CONTROL));
        assertEquals(200, client.toBlocking().exchange(HttpRequest.HEAD("/sitemap.xml")).code());
    }

    @Test
    void sitemapPagesPastTheEndAreNotFound() {
        for (String path : List.of("/sitemap-0.xml", "/sitemap-99.xml", "/sitemap-topics-99.xml",
                "/sitemap-99999999999999999999.xml", "/sitemap-01.xml")) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> fetch(path));
            assertEquals(404, e.code(), path);
        }
    }

    @Test
    void robotsTxtKeepsCrawlersOutOfAdminAndPointsToSitemap() {
        HttpResponse<String> robots = client.toBlocking().exchange(HttpRequest.GET("/robots.txt"), String.class);
        assertEquals("text/plain;charset=utf-8", robots.header(HttpHeaders.CONTENT_TYPE).replace(" ", "").toLowerCase());
        List<String> lines = robots.body().lines().toList();
        assertEquals(List.of("User-agent: *", "Disallow: /admin", "", "Sitemap: " + BASE + "/sitemap.xml"), lines);
    }
}
