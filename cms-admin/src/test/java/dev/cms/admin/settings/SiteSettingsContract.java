package dev.cms.admin.settings;

import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.media.Media;
import dev.cms.core.media.MediaService;
import dev.cms.core.profile.SiteProfileEdit;
import dev.cms.core.profile.SiteProfileService;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestImages;
import dev.cms.core.topic.TopicRepository;
import dev.cms.core.user.Actor;
import dev.cms.core.user.ForbiddenException;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 站点设置 as an admin uses it and readers see it, on every supported database: run by
 * {@link H2SiteSettingsTest} and {@link PostgresSiteSettingsTest}.
 */
abstract class SiteSettingsContract {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleEditService articles;

    @Inject
    TopicRepository topics;

    @Inject
    MediaService media;

    @Inject
    SiteProfileService profiles;

    Media logo;
    String articlePath;

    @BeforeAll
    void siteWithATopicAndAnImage() {
        users.create("boss", "管理员", "boss-password", Role.ADMIN);
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
        var article = articles.create(Articles.edit("部署手册").body("正文。").topics("运维").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        articlePath = "/articles/" + article.slug();
        logo = media.store("logo.png", new ByteArrayInputStream(TestImages.png(120, 60)), "boss");
    }

    @BeforeEach
    void defaults() {
        profiles.update(SiteProfileEdit.empty(), new Actor(null, "boss", Role.ADMIN), "");
    }

    private Browser admin() {
        return Browser.signedIn(server.getURI(), "boss", "boss-password");
    }

    private Page save(Browser browser, Map<String, String> fields) {
        Page form = browser.get("/admin/settings");
        Map<String, String> all = new HashMap<>(Map.of("siteName", "", "description", "", "footerText", "",
                "navigation", "", "logoUrl", "", "faviconUrl", "", "shareImageUrl", ""));
        all.putAll(fields);
        return browser.submit(form, "form.site-settings", all);
    }

    @Test
    void anAdminsSettingsShowOnEveryPublicPageAtOnce() {
        Browser reader = new Browser(server.getURI());
        assertEquals("我的网站", reader.get("/").document().selectFirst(".site-name").text(), "cached before the change");

        Browser boss = admin();
        Page saved = save(boss, Map.of("siteName", "运维笔记", "description", "记录部署与运维的经验。",
                "footerText", "京ICP备00000000号 <b>不是粗体</b>",
                "navigation", "运维 | 运维\n关于 | /articles/about\n文档 | https://docs.micronaut.io/",
                "logoUrl", logo.url(), "shareImageUrl", logo.url()));
        assertEquals(303, saved.status(), saved.body());
        Page confirmed = boss.follow(saved);
        assertTrue(confirmed.document().selectFirst("p.notice[role=status]") != null, "the admin is told it was saved");
        assertEquals("运维笔记", confirmed.document().selectFirst("#siteName").val());

        Document home = reader.get("/").document();
        assertEquals("运维笔记", home.selectFirst(".site-name").text());
        assertEquals("记录部署与运维的经验。", home.selectFirst("meta[name=description]").attr("content"));
        String topicSlug = topics.findByName("运维").orElseThrow().slug();
        assertEquals(List.of("/", "/topics/" + topicSlug, "/articles/about", "https://docs.micronaut.io/"),
                home.select("header nav a").eachAttr("href"));
        assertEquals(List.of("首页", "运维", "关于", "文档"), home.select("header nav a").eachText());
        assertEquals("京ICP备00000000号 <b>不是粗体</b>", home.selectFirst(".footer-text").text(), "shown as text");
        Element logoImg = home.selectFirst(".site-name img");
        assertEquals(logo.url(), logoImg.attr("src"));
        assertEquals(List.of("80", "40"), List.of(logoImg.attr("width"), logoImg.attr("height")));
        assertTrue(home.selectFirst("meta[property=og:image]").attr("content").endsWith(logo.url()));

        Document article = reader.get(articlePath).document();
        assertEquals("运维笔记", article.selectFirst(".site-name").text());
        assertTrue(article.selectFirst("script[type=application/ld+json]").data().contains("\"name\":\"运维笔记\""));
        Document feed = Jsoup.parse(reader.get("/feed.xml").body(), "", Parser.xmlParser());
        assertEquals("运维笔记", feed.selectFirst("channel > title").text());
        assertEquals("记录部署与运维的经验。", feed.selectFirst("channel > description").text());
    }

    @Test
    void blankFieldsGiveBackTheServersDefaults() {
        Browser boss = admin();
        assertEquals(303, save(boss, Map.of("siteName", "临时名称", "footerText", "页脚")).status());
        assertEquals("临时名称", new Browser(server.getURI()).get("/").document().selectFirst(".site-name").text());

        assertEquals(303, save(boss, Map.of()).status());

        Document home = new Browser(server.getURI()).get("/").document();
        assertEquals("我的网站", home.selectFirst(".site-name").text());
        assertNull(home.selectFirst(".footer-text"));
        assertEquals(List.of("/"), home.select("header nav a").eachAttr("href"));
    }

    @Test
    void settingsThatCannotBeSavedAreRefusedFieldByFieldWithEverythingTypedKept() {
        Browser boss = admin();
        String longName = "名".repeat(SiteProfileService.MAX_NAME + 1);
        Page refused = save(boss, Map.of("siteName", longName, "description", "新的简介",
                "navigation", "好 | /archive/2024/05\n坏 | javascript:alert(1)",
                "logoUrl", "/media/2024/01/" + "0".repeat(32) + ".png", "faviconUrl", "https://evil.example/x.ico"));

        assertEquals(422, refused.status());
        Document page = refused.document();
        assertTrue(page.selectFirst("#siteName-error") != null, page.outerHtml());
        assertTrue(page.selectFirst("#navigation-error").text().contains("2"), "names the line");
        assertTrue(page.selectFirst("#logoUrl-error") != null);
        assertTrue(page.selectFirst("#faviconUrl-error") != null);
        assertEquals(longName, page.selectFirst("#siteName").val());
        assertEquals("新的简介", page.selectFirst("#description").text());
        assertEquals("好 | /archive/2024/05\n坏 | javascript:alert(1)", page.selectFirst("#navigation").wholeText());
        assertEquals("我的网站", new Browser(server.getURI()).get("/").document().selectFirst(".site-name").text(),
                "nothing of it saved");
    }

    @Test
    void onlyAdminsChangeTheSettings() {
        Browser editor = Browser.signedIn(server.getURI(), "ed", "editor-password");
        assertEquals(403, editor.get("/admin/settings").status());
        Page token = editor.get("/admin/articles/new");
        Page post = editor.post("/admin/settings", Map.of("csrf", token.document().selectFirst("input[name=csrf]").val(),
                "siteName", "编辑改的名字"));
        assertEquals(403, post.status());
        assertThrows(ForbiddenException.class, () -> profiles.update(
                new SiteProfileEdit("编辑改的名字", null, null, null, null, null, null), new Actor(null, "ed", Role.EDITOR), ""));
        assertEquals("我的网站", profiles.current().siteName());
    }
}
