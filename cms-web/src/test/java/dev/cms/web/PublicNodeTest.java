package dev.cms.web;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public node alone (cms-web without cms-admin): the reader's pages, and no admin at all. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicNodeTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ArticleEditService articles;

    Article published;
    Article draft;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.h2("public");
    }

    @BeforeAll
    void content() {
        published = articles.create(Articles.edit("公开的文章").summary("这是摘要").body("## 第一步:登录\n\n内容").topics("安全")
                .publishTime("2024-05-28T02:54:57").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        articles.create(Articles.edit("另一篇").topics("安全").publishTime("2024-05-01T12:00:00").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        draft = articles.create(Articles.edit("草稿").topics("安全").build(), SaveAction.SAVE, Actor.SYSTEM);
    }

    private Document get(String path) {
        HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.GET(path), String.class);
        assertEquals(200, response.code());
        assertTrue(response.getContentType().orElseThrow().toString().startsWith("text/html"));
        return Jsoup.parse(response.body());
    }

    private int status(String path) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET(path), String.class).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    @Test
    void articlePageShowsTitleTimeBodyRelatedAndToTop() {
        Document page = get("/articles/" + URLEncoder.encode(published.slug(), StandardCharsets.UTF_8));
        assertEquals("公开的文章", page.selectFirst("h1").text());
        assertEquals("发布时间:2024-05-28 02:54:57", page.selectFirst(".article .meta").text());
        assertEquals("第一步:登录", page.selectFirst(".article .body h2").text());
        assertEquals(List.of("另一篇"), page.select(".related li a").eachText());
        assertEquals("To Top", page.selectFirst("a[href=#top]").text());
        assertEquals("这是摘要", page.selectFirst("meta[name=description]").attr("content"));
    }

    @Test
    void homeListsNewestPublishedFirstWithoutDrafts() {
        Document home = get("/");
        assertEquals(List.of("公开的文章", "另一篇"), home.select(".article-list h2 a").eachText());
        assertEquals("这是摘要", home.selectFirst(".article-list .summary").text());
    }

    @Test
    void draftIsNotFoundWithFriendlyPage() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () ->
                client.toBlocking().exchange(HttpRequest.GET("/articles/" + URLEncoder.encode(draft.slug(), StandardCharsets.UTF_8)), String.class));
        assertEquals(404, e.code());
        Document page = Jsoup.parse(e.getResponse().getBody(String.class).orElseThrow());
        assertEquals("页面不存在", page.selectFirst("h1").text());
        assertTrue(page.select(".article-list h2 a").eachText().contains("公开的文章"));
    }

    @Test
    void publicNodeHasNoAdmin() {
        assertEquals(404, status("/admin"));
        assertEquals(404, status("/admin/login"));
        assertEquals(404, status("/admin/setup"));
    }

    @Test
    void stylesheetIsServed() {
        HttpResponse<String> css = client.toBlocking().exchange(HttpRequest.GET("/assets/css/site.css"), String.class);
        assertEquals(200, css.code());
        assertTrue(css.body().contains("PingFang SC"));
    }
}
