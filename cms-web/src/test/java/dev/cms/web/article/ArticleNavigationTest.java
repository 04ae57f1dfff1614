package dev.cms.web.article;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import dev.cms.web.support.Pages;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The previous / next links at the end of an article page: its neighbours in its first topic. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArticleNavigationTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ArticleEditService articles;

    Pages pages;
    Article first;
    Article middle;
    Article last;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabases.h2("article-nav");
    }

    @BeforeAll
    void content() {
        pages = new Pages(client);
        // Topics are listed by name: "书评" comes before "手机", so the breadcrumb and the links follow 书评.
        first = publish("第一篇：一个很长很长的中文标题，在手机上也要正常换行而不撑宽页面", List.of("书评", "手机"), "2024-05-01T10:00:00");
        Article withdrawn = publish("撤回的一篇", List.of("书评"), "2024-05-02T10:00:00");
        articles.unpublish(withdrawn.id(), Actor.SYSTEM);
        middle = publish("第二篇", List.of("书评"), "2024-05-03T10:00:00");
        publish("只在手机主题", List.of("手机"), "2024-05-04T10:00:00");
        last = publish("第三篇", List.of("书评"), "2024-05-05T10:00:00");
    }

    private Article publish(String title, List<String> topics, String time) {
        return articles.create(Articles.edit(title).topics(topics).publishTime(time).build(), SaveAction.PUBLISH, Actor.SYSTEM);
    }

    /** The page's path as links write it: the slug percent-encoded. */
    private static String path(Article a) {
        return "/articles/" + URLEncoder.encode(a.slug(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Document page(Article a) {
        return pages.get(path(a)).document();
    }

    @Test
    void theMiddleArticleLinksTheOlderThenTheNewerAfterTheArticleAndBeforeTheRelatedList() {
        Document page = page(middle);
        Element nav = page.selectFirst("nav.article-nav");
        assertNotNull(nav);
        assertEquals("同一主题中的上一篇和下一篇", nav.attr("aria-label"));
        List<Element> links = nav.select("a");
        assertEquals(2, links.size());
        assertEquals("prev", links.get(0).attr("rel"));
        assertEquals(path(first), links.get(0).attr("href"));
        assertTrue(links.get(0).text().contains(first.title()), links.get(0).text());
        assertEquals("next", links.get(1).attr("rel"));
        assertEquals(path(last), links.get(1).attr("href"), "the withdrawn and other-topic ones are skipped");
        assertTrue(links.get(1).text().contains("第三篇"));
        assertEquals("article", nav.previousElementSibling().tagName(), "right after the article");
        assertTrue(nav.nextElementSibling().hasClass("related"), "before 相关内容");
    }

    @Test
    void theFirstAndLastLinkOnlyTheirOneNeighbour() {
        Element firstNav = page(first).selectFirst("nav.article-nav");
        assertNull(firstNav.selectFirst("a[rel=prev]"));
        assertEquals(path(middle), firstNav.selectFirst("a[rel=next]").attr("href"),
                "the withdrawn one between them is skipped");
        Element lastNav = page(last).selectFirst("nav.article-nav");
        assertNull(lastNav.selectFirst("a[rel=next]"));
        assertEquals(path(middle), lastNav.selectFirst("a[rel=prev]").attr("href"));
    }

    @Test
    void anArticleAloneInItsFirstTopicShowsNoNavigation() {
        Article alone = publish("独自一篇", List.of("孤独"), "2024-06-01T10:00:00");
        assertNull(page(alone).selectFirst("nav.article-nav"));
    }
}
