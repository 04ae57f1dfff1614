package dev.cms.web.request;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import dev.cms.web.support.Pages;
import dev.cms.web.support.Pages.Answer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Requests no browser sends, sent byte for byte to the public node: each gets a 4xx error page of
 * the site, never a 500 and never some other page. Run on H2 here and on PostgreSQL by a subclass
 * (a NUL reaching a PostgreSQL query fails it).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    ArticleEditService articles;

    Article article;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.h2("malformed");
    }

    @BeforeAll
    void content() {
        article = articles.create(Articles.edit("安全 设置").body("正文").topics("安全").publishTime(LocalDateTime.parse("2024-05-28T02:54:57")).build(), SaveAction.PUBLISH, Actor.SYSTEM);
    }

    private Answer get(String target) {
        return Pages.rawGet(server.getURI(), target);
    }

    private static String h1(Answer answer) {
        return answer.document().select("h1").text();
    }

    @Test
    void brokenPercentEncodingIs400EvenWithTheHomePageCached() {
        String home = h1(get("/"));
        get("/");
        for (String target : List.of("/health?x=%ZZ", "/articles/%", "/?%", "/articles/%E4", "/articles/%C0%AF",
                "/search?q=%FF", "/topics/%E5%AE", "/feed.xml?x=%G1", "/articles/a%2")) {
            Answer answer = get(target);
            assertEquals(400, answer.status(), target);
            assertEquals("请求无效", h1(answer), target + " shows the error page, not " + home);
        }
    }

    @Test
    void nulInThePathNamesNothing() {
        for (String target : List.of("/articles/a%00b", "/topics/a%00b", "/topics/a%00b/feed.xml",
                "/topics/a%00b/atom.xml", "/topics/a%00b/page/2", "/media/2024/05/a%00b.png", "/archive/2024%00/05",
                "/articles/" + enc(article.slug()) + "%00")) {
            Answer answer = get(target);
            assertEquals(404, answer.status(), target);
            assertEquals("页面不存在", h1(answer), target);
        }
    }

    @Test
    void nulInTheQueryIs400() {
        for (String target : List.of("/search?q=a%00b", "/?page=%00", "/topics/" + enc("安全") + "?x=%00")) {
            assertEquals(400, get(target).status(), target);
        }
    }

    @Test
    void anAddressLongerThanTheServerReadsIs414() {
        Answer answer = get("/articles/" + "x".repeat(5000));
        assertEquals(414, answer.status());
        assertEquals("请求无效", h1(answer));
        assertEquals(414, get("/search?q=" + enc("安".repeat(500))).status());
    }

    @Test
    void headersLargerThanTheServerReadsAre431() {
        Answer answer = Pages.raw(server.getURI(), "GET / HTTP/1.1\r\nHost: localhost\r\nCookie: x=" + "y".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertEquals(431, answer.status());
    }

    @Test
    void wellFormedAddressesStillWork() {
        assertEquals(200, get("/articles/" + enc(article.slug())).status());
        assertEquals(200, get("/search?q=" + enc("安全")).status());
        assertEquals(200, get("/topics/" + enc("安全") + "?utm_source=a%20b").status());
        assertEquals(404, get("/articles/" + enc("没有这篇")).status());
    }

    @Test
    void theMarkerHeaderCannotBeForged() {
        Answer answer = Pages.raw(server.getURI(), "GET /articles/" + enc(article.slug()) + " HTTP/1.1\r\nHost: localhost\r\n"
                + RequestLineCheck.PROBLEM_HEADER + ": URI_TOO_LONG\r\nConnection: close\r\n\r\n");
        assertEquals(200, answer.status());
        assertNotEquals("请求无效", h1(answer));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
