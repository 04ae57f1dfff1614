package dev.cms.web.search;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.search.SearchIndex;
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
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search page as a reader meets it: /search?q=...&page=n on the public node. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPageTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ArticleEditService articles;

    @Inject
    SearchIndex index;

    Article securityManager;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.h2("search-page");
    }

    @BeforeAll
    void content() {
        securityManager = publish("java 安全管理器", "介绍 Java 平台的权限检查。", "2024-05-28T02:54:57");
        publish("日常笔记", "今天讨论了安全。安全很重要,注意安全。", "2024-05-29T08:00:00");
        publish("Micronaut 入门教程", "从零开始写一个服务。", "2024-05-01T12:00:00");
        publish("脚本示例", "示例代码 `<script>alert(1)</script>` 与 onerror 写法。", "2024-05-02T12:00:00");
        for (int i = 1; i <= 11; i++) {
            publish("分页样例第 " + i + " 篇", "内容", "2024-04-" + (10 + i) + "T12:00:00");
        }
        articles.create(Articles.edit("安全草稿").body("没写完").build(), SaveAction.SAVE, Actor.SYSTEM);
        index.awaitIdle(WAIT);
    }

    private Article publish(String title, String body, String time) {
        return articles.create(Articles.edit(title).body(body).publishTime(LocalDateTime.parse(time)).build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
    }

    private record Page(int status, String body, HttpResponse<?> response) {
        Document document() {
            return Jsoup.parse(body);
        }
    }

    private Page get(String path) {
        try {
            HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.GET(path), String.class);
            return new Page(response.code(), response.body(), response);
        } catch (HttpClientResponseException e) {
            return new Page(e.code(), e.getResponse().getBody(String.class).orElse(""), e.getResponse());
        }
    }

    private Page search(String query) {
        return get("/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    private List<String> resultTitles(String query) {
        Page page = search(query);
        assertEquals(200, page.status(), page.body());
        return page.document().select(".search-results h2 a").eachText();
    }

    @Test
    void resultShowsMarkedTitleLinkPublishTimeAndSnippet() {
        Page page = search("安全");
        assertEquals(200, page.status());
        Document doc = page.document();

        assertEquals("搜索:安全 - 我的网站", doc.title());
        assertEquals("搜索:安全", doc.selectFirst("h1").text());
        assertEquals("noindex", doc.selectFirst("meta[name=robots]").attr("content"));
        Element first = doc.selectFirst(".search-results li");
        Element link = first.selectFirst("h2 a");
        assertEquals("java 安全管理器", link.text());
        assertEquals("安全", link.selectFirst("mark").text());
        assertEquals("/articles/" + URLEncoder.encode(securityManager.slug(), StandardCharsets.UTF_8).replace("+", "%20"),
                link.attr("href"));
        assertEquals("2024-05-28 02:54:57", first.selectFirst("time").text());
        assertEquals("介绍 Java 平台的权限检查。", first.selectFirst(".snippet").text());
        assertEquals("找到 2 篇与“安全”相关的文章", doc.selectFirst(".search-count").text());
    }

    @Test
    void headerSearchBoxKeepsTheQuery() {
        assertEquals("micronaut 入门", search(" micronaut 入门 ").document().selectFirst("#site-search").val());
        assertEquals("", get("/").document().selectFirst("#site-search").val());
    }

    @Test
    void chineseWordPartsSingleCharactersAndMixedTitlesAreFound() {
        assertTrue(resultTitles("安").contains("java 安全管理器"));
        assertTrue(resultTitles("管理").contains("java 安全管理器"));
        for (String query : List.of("micronaut", "入门", "教程")) {
            assertEquals(List.of("Micronaut 入门教程"), resultTitles(query), query);
        }
    }

    @Test
    void titleMatchIsListedBeforeBodyMention() {
        assertEquals(List.of("java 安全管理器", "日常笔记"), resultTitles("安全"));
    }

    @Test
    void hostileArticleTextIsEscapedInSnippet() {
        Page page = search("onerror");
        assertFalse(page.body().contains("<script>alert"), "no live script in the page");
        Element snippet = page.document().selectFirst(".search-results .snippet");
        assertTrue(snippet.select("script").isEmpty());
        assertEquals("示例代码 \"<script>alert(1)</script>\" 与 onerror 写法。", snippet.text());
        assertEquals(List.of("onerror"), snippet.select("mark").eachText());
    }

    @Test
    void hostileQueryIsShownAsText() {
        String hostile = "<script>alert(1)</script>\"><img src=x>";
        Page page = search(hostile);
        assertEquals(200, page.status());
        assertFalse(page.body().contains("<script>alert(1)"));
        assertFalse(page.body().contains("<img src=x>"));
        Document doc = page.document();
        assertEquals("搜索:" + hostile, doc.selectFirst("h1").text());
        assertEquals(hostile, doc.selectFirst("#site-search").val());
    }

    @Test
    void emptyQueryAsksForWords() {
        for (String path : List.of("/search", "/search?q=", "/search?q=%20%20")) {
            Page page = get(path);
            assertEquals(200, page.status(), path);
            Document doc = page.document();
            assertEquals("搜索", doc.selectFirst("h1").text());
            assertEquals("请输入要搜索的词语,例如文章标题中的几个字。", doc.selectFirst(".search-message").text());
            assertNull(doc.selectFirst(".search-results"));
        }
    }

    @Test
    void queryWithoutResultsSaysSo() {
        Page page = search("不存在的词语");
        assertEquals(200, page.status());
        assertEquals("没有找到与“不存在的词语”相关的文章。", page.document().selectFirst(".search-message").text());
        assertNull(page.document().selectFirst(".search-results"));
    }

    @Test
    void resultsArePagedTenAtATimeWithStableLinks() {
        String first = "/search?q=" + URLEncoder.encode("分页样例", StandardCharsets.UTF_8);
        Document page1 = get(first).document();
        assertEquals(10, page1.select(".search-results li").size());
        assertNull(page1.selectFirst(".pagination a[rel=prev]"));
        Element next = page1.selectFirst(".pagination a[rel=next]");
        assertEquals(first + "&page=2", next.attr("href"));

        Document page2 = get(next.attr("href")).document();
        assertEquals(1, page2.select(".search-results li").size());
        assertEquals("11", page2.selectFirst(".search-results").attr("start"));
        assertEquals(first, page2.selectFirst(".pagination a[rel=prev]").attr("href"));
        assertNull(page2.selectFirst(".pagination a[rel=next]"));
    }

    @Test
    void pagePastTheEndIsAnEmptyPage() {
        for (String number : List.of("3", "1000", "99999999999", "123456789012345678901234567890")) {
            Page page = get("/search?q=" + URLEncoder.encode("分页样例", StandardCharsets.UTF_8) + "&page=" + number);
            assertEquals(200, page.status(), number);
            Document doc = page.document();
            assertNull(doc.selectFirst(".search-results"), number);
            assertEquals("这一页没有结果了。 回到第一页", doc.selectFirst(".search-message").text());
            assertEquals("/search?q=" + URLEncoder.encode("分页样例", StandardCharsets.UTF_8),
                    doc.selectFirst(".search-message a").attr("href"));
        }
    }

    @Test
    void malformedPageNumberIsABadRequestPage() {
        for (String number : List.of("-1", "0", "abc", "1.5", "%20", "1e3")) {
            Page page = get("/search?q=java&page=" + number);
            assertEquals(400, page.status(), number);
            assertEquals("请求无效", page.document().selectFirst("h1").text());
        }
        assertEquals(200, get("/search?q=java&page=").status());
        assertEquals(200, get("/search?q=java&page=01").status());
    }

    @Test
    void draftAndUnpublishedArticlesAreNeverFound() {
        assertFalse(resultTitles("草稿").contains("安全草稿"));

        Article notice = publish("临时公告", "很快撤下。", "2024-06-01T12:00:00");
        index.awaitIdle(WAIT);
        assertEquals(List.of("临时公告"), resultTitles("公告"));

        articles.unpublish(notice.id(), Actor.SYSTEM);
        index.awaitIdle(WAIT);
        assertEquals(List.of(), resultTitles("公告"));
    }

    @Test
    void missingIndexIsReportedThenRebuilt() throws IOException {
        try (Stream<Path> files = Files.walk(index.path())) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }

        Page during = search("安全");
        assertEquals(503, during.status());
        assertNotNull(during.response().getHeaders().get("Retry-After"));
        assertEquals("搜索暂时不可用(索引正在建立),请稍后再试。",
                during.document().selectFirst(".search-message").text());

        index.awaitIdle(WAIT);
        assertEquals(List.of("java 安全管理器", "日常笔记"), resultTitles("安全"));
    }
}
