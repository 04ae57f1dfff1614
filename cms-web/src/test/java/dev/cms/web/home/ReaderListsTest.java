package dev.cms.web.home;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import dev.cms.web.support.Pages;
import dev.cms.web.support.Pages.Answer;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Home, topic and archive lists with numbered pages (two articles a page here), and their edges. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReaderListsTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ArticleAdminService adminArticles;

    @Inject
    ArticleEditService articles;

    @Inject
    EmbeddedServer server;

    Pages pages;
    Article renamed;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabases.h2("lists"));
        props.put("cms.home-page-size", "2");
        props.put("micronaut.http.client.follow-redirects", "false");
        return props;
    }

    @BeforeAll
    void content() {
        pages = new Pages(client);
        publish("五月一", List.of("手机"), "2024-05-01T10:00:00");
        publish("五月二", List.of("手机", "分期"), "2024-05-15T10:00:00");
        // 00:30 on 1 June in Shanghai is still 31 May in UTC: it belongs to June here.
        publish("六月一", List.of("分期"), "2024-06-01T00:30:00");
        publish("六月二", List.of("手机"), "2024-06-10T10:00:00");
        renamed = publish("七月一", List.of("手机"), "2024-07-01T10:00:00");
        articles.create(Articles.edit("草稿").topics("空主题").build(), SaveAction.SAVE, Actor.SYSTEM);
    }

    private Article publish(String title, List<String> topics, String time) {
        return articles.create(Articles.edit(title).summary(title + "的摘要").topics(topics).publishTime(time).build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
    }

    private static List<String> titles(Document page) {
        return page.select(".article-list h2 a").eachText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void homeIsPagedNewestFirstWithStableUrls() {
        Document first = pages.get("/").document();
        assertEquals(List.of("七月一", "六月二"), titles(first));
        assertEquals("/page/2", first.selectFirst(".pagination a[rel=next]").attr("href"));
        assertEquals("七月一的摘要", first.selectFirst(".article-list .summary").text());

        Document second = pages.get("/page/2").document();
        assertEquals(List.of("六月一", "五月二"), titles(second));
        assertEquals("/", second.selectFirst(".pagination a[rel=prev]").attr("href"));
        assertEquals(List.of("五月一"), titles(pages.get("/page/3").document()));
        assertEquals("http://localhost:8080/page/3", pages.get("/page/3").document().selectFirst("link[rel=canonical]").attr("href"));
    }

    @Test
    void pagesPastTheEndAndBadPageNumbersAreNotFoundNeverErrors() {
        assertEquals(404, pages.get("/page/4").status());
        assertEquals(404, pages.get("/page/0").status());
        assertEquals(404, pages.get("/page/-1").status());
        assertEquals(404, pages.get("/page/abc").status());
        assertEquals(404, pages.get("/page/99999999999999999999").status());
        Answer one = pages.get("/page/1");
        assertEquals(301, one.status());
        assertEquals("/", one.location());
    }

    @Test
    void topicPageNamesTopicListsOnlyItsArticlesAndLinksItsFeed() {
        Answer answer = pages.get("/topics/" + enc("手机"));
        assertEquals(200, answer.status());
        Document page = answer.document();
        assertTrue(page.selectFirst("h1").text().contains("手机"));
        assertEquals(List.of("七月一", "六月二"), titles(page));
        assertNotNull(page.selectFirst("a[href$=/feed.xml]"));
        assertNotNull(page.selectFirst("link[rel=alternate][type=application/rss+xml][href$=" + enc("手机") + "/feed.xml]"));
        assertEquals(List.of("五月二", "五月一"), titles(pages.get("/topics/" + enc("手机") + "/page/2").document()));
        assertEquals(404, pages.get("/topics/" + enc("手机") + "/page/3").status());
        assertEquals(List.of("六月一", "五月二"), titles(pages.get("/topics/" + enc("分期")).document()));
    }

    @Test
    void topicCarriedOnlyByDraftsAndUnknownTopicAreNotFound() {
        Answer draftOnly = pages.get("/topics/" + enc("空主题"));
        assertEquals(404, draftOnly.status(), "a topic only drafts carry is not public");
        assertTrue(draftOnly.document().select("h1").text().contains("页面不存在"));
        assertTrue(draftOnly.document().select(".article-list h2 a").eachText().contains("七月一"),
                "the 404 page offers the newest articles instead");
        assertEquals(404, pages.get("/topics/no-such-topic").status());
    }

    @Test
    void monthlyArchiveUsesSiteTimeZone() {
        assertEquals(List.of("五月二", "五月一"), titles(pages.get("/archive/2024/05").document()));
        assertEquals(List.of("六月二", "六月一"), titles(pages.get("/archive/2024/06").document()));
        assertEquals(404, pages.get("/archive/2024/13").status());
        assertEquals(404, pages.get("/archive/abcd/01").status());
        assertEquals(404, pages.get("/archive/2023/01").status(), "a month without articles");
    }

    @Test
    void articlePageCarriesSeoTagsAndJsonLd() {
        Document page = pages.get("/articles/" + enc("五月二")).document();
        assertEquals("zh-CN", page.selectFirst("html").attr("lang"));
        assertEquals("http://localhost:8080/articles/" + enc("五月二"), page.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals("五月二的摘要", page.selectFirst("meta[name=description]").attr("content"));
        assertEquals("五月二", page.selectFirst("meta[property=og:title]").attr("content"));
        assertEquals("article", page.selectFirst("meta[property=og:type]").attr("content"));
        assertEquals("summary", page.selectFirst("meta[name=twitter:card]").attr("content"));
        String jsonLd = page.selectFirst("script[type=application/ld+json]").data();
        assertTrue(jsonLd.contains("\"@type\":\"Article\""), jsonLd);
        assertTrue(jsonLd.contains("\"@type\":\"BreadcrumbList\""), jsonLd);
        List<String> crumbs = page.select("nav.breadcrumbs li").eachText();
        assertEquals(3, crumbs.size(), crumbs.toString());
        assertEquals("首页", crumbs.get(0));
        assertTrue(Set.of("手机", "分期").contains(crumbs.get(1)), crumbs.toString());
        assertEquals("五月二", crumbs.get(2));
        assertTrue(jsonLd.contains("\"name\":\"" + crumbs.get(1) + "\""), "the same trail in the data: " + jsonLd);
        assertEquals("/topics/" + enc(crumbs.get(1)), page.selectFirst("nav.breadcrumbs li:nth-child(2) a").attr("href"));
        assertTrue(jsonLd.contains("\"datePublished\":\"2024-05-15T10:00:00+08:00\""), jsonLd);
        assertTrue(jsonLd.contains("\"dateModified\":"), jsonLd);
        assertTrue(jsonLd.contains("\"publisher\":{\"@type\":\"Organization\",\"name\":"),
                "the same page is the same bytes on every node and after every restart: " + jsonLd);
        assertEquals(Set.of("手机", "分期"), Set.copyOf(page.select(".topics a").eachText()));
        assertTrue(page.select(".topics a").eachAttr("href").contains("/topics/" + enc("手机")));
    }

    @Test
    void changedSlugAnswersPermanentRedirectToTheNewUrl() {
        Article current = adminArticles.find(renamed.id()).orElseThrow();
        articles.update(current.id(), Articles.editOf(current).slug("july-first").topics("手机").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        Answer old = pages.get("/articles/" + enc(current.slug()));
        assertEquals(301, old.status());
        assertEquals("/articles/july-first", old.location());
        assertEquals(200, pages.get("/articles/july-first").status());
    }

    @Test
    void malformedUrlsAreClientErrorsNotServerErrors() {
        for (String path : List.of("/articles/%ZZ", "/articles/%", "/articles/" + "x".repeat(3000), "/topics/%E4%B8",
                "/archive/2024/05/page/x", "/articles/../../etc/passwd", "/page/%00", "/topics/a%2Fb")) {
            int status = Pages.rawStatus(server.getURI(), path);
            assertTrue(status == 400 || status == 404, path + " answered " + status);
        }
    }
}
