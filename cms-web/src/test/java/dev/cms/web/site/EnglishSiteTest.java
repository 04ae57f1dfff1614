package dev.cms.web.site;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The site chrome in English when configured so (cms.language=en / CMS_LANGUAGE=en). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnglishSiteTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ArticleEditService articles;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabases.h2("english"));
        props.put("cms.language", "en");
        return props;
    }

    @Test
    void chromeIsEnglishWhileContentStaysAsWritten() {
        Article a = articles.create(Articles.edit("Hello").slug("hello").topics("t").publishTime("2024-05-28T02:54:57").build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
        Pages pages = new Pages(client);
        Document page = pages.get("/articles/" + a.slug()).document();
        assertEquals("en", page.selectFirst("html").attr("lang"));
        assertEquals("Published: 2024-05-28 02:54:57", page.selectFirst(".article .meta").text());
        assertEquals("正文", page.selectFirst(".article .body p").text());
        Pages.Answer missing = pages.get("/articles/nothing-here");
        assertEquals(404, missing.status());
        assertEquals("Page not found", missing.document().selectFirst("h1").text());
    }

    @Test
    void homePageDescriptionIsTheSiteNameInEnglish() {
        Document home = new Pages(client).get("/").document();

        assertEquals("The newest articles on 我的网站.", home.selectFirst("meta[name=description]").attr("content"));
    }

    @Test
    void breadcrumbsAndNeighboursInTheTopicAreInEnglish() {
        Article older = articles.create(Articles.edit("Older").slug("older").topics("Guides").publishTime("2024-05-01T08:00:00")
                .build(), SaveAction.PUBLISH, Actor.SYSTEM);
        Article newer = articles.create(Articles.edit("Newer").slug("newer").topics("Guides").publishTime("2024-05-02T08:00:00")
                .build(), SaveAction.PUBLISH, Actor.SYSTEM);

        Document page = new Pages(client).get("/articles/" + newer.slug()).document();

        assertEquals("Breadcrumb", page.selectFirst("nav.breadcrumbs").attr("aria-label"));
        assertEquals("Home", page.select("nav.breadcrumbs a").get(0).text());
        assertEquals("Guides", page.select("nav.breadcrumbs a").get(1).text());
        assertEquals("Previous " + older.title(), page.selectFirst("a.previous[rel=prev]").text());
    }
}
