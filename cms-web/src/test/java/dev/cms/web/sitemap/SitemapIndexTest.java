package dev.cms.web.sitemap;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import dev.cms.web.feed.ParsedXml;
import dev.cms.web.site.AbsoluteLinks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A site past the sitemap page size (lowered to 2 here): the sitemap becomes an index of pages. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SitemapIndexTest implements TestPropertyProvider {

    private static final String BASE = "https://example.com";
    private static final int PAGE_SIZE = 2;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ArticleEditService articles;

    final List<Article> published = new ArrayList<>();
    Article unpublished;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabases.h2("sitemap-index"));
        properties.put("cms.base-url", BASE);
        // application.yml fixes the port (CMS_PORT, 8080): a random one lets this run beside anything else.
        properties.put("micronaut.server.port", "-1");
        properties.put("cms.sitemap-page-size", String.valueOf(PAGE_SIZE));
        return properties;
    }

    @BeforeAll
    void content() {
        for (int i = 1; i <= 5; i++) {
            published.add(articles.create(Articles.edit("文章 " + i).topics("主题" + (i % 3))
                    .publishTime("2024-05-0" + i + "T12:00:00").build(), SaveAction.PUBLISH, Actor.SYSTEM));
        }
        articles.create(Articles.edit("草稿").topics("草稿主题").build(), SaveAction.SAVE, Actor.SYSTEM);
        unpublished = articles.unpublish(published.remove(2).id(), Actor.SYSTEM);
    }

    private ParsedXml get(String path) {
        return ParsedXml.parse(client.toBlocking().retrieve(HttpRequest.GET(path), byte[].class));
    }

    private Set<String> expectedUrls() {
        Set<String> urls = new HashSet<>();
        urls.add(BASE + "/");
        // 文章 3 (主题0) is unpublished, so 主题0 is left with none.
        for (String topic : List.of("主题1", "主题2")) {
            urls.add(BASE + "/topics/" + AbsoluteLinks.pathSegment(topic));
        }
        for (Article article : published) {
            urls.add(BASE + "/articles/" + AbsoluteLinks.pathSegment(article.slug()));
        }
        return urls;
    }

    @Test
    void sitemapBecomesAnIndexOfAbsolutePagesWithLastmod() {
        ParsedXml index = get("/sitemap.xml");
        assertEquals(0, index.count("/s:urlset"));
        List<String> pages = index.texts("/s:sitemapindex/s:sitemap/s:loc");
        assertTrue(pages.size() >= 4, pages.toString());
        pages.forEach(page -> assertTrue(page.matches("https://example\\.com/sitemap-(topics-)?\\d+\\.xml"), page));
        assertEquals(pages.size(), index.count("/s:sitemapindex/s:sitemap[s:lastmod]"));
    }

    @Test
    void indexPagesTogetherListEveryUrlExactlyOnceAndAtMostPageSizeEach() {
        List<String> listed = new ArrayList<>();
        for (String page : get("/sitemap.xml").texts("/s:sitemapindex/s:sitemap/s:loc")) {
            List<String> urls = get(URI.create(page).getRawPath()).texts("/s:urlset/s:url/s:loc");
            assertTrue(!urls.isEmpty() && urls.size() <= PAGE_SIZE, page + " lists " + urls);
            listed.addAll(urls);
        }
        assertEquals(listed.size(), new HashSet<>(listed).size(), "listed twice: " + listed);
        assertEquals(expectedUrls(), new HashSet<>(listed));
    }
}
