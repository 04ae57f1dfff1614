package dev.cms.admin.browser;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.ArticleRevisionService;
import dev.cms.core.article.ArticleTrashService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.media.MediaService;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestImages;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import dev.cms.web.quality.HeadlessChromium;
import dev.cms.web.quality.PageLayout;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every admin page on a phone (issue 13, defect 4), laid out by headless Chromium as a 390 px wide
 * phone: nothing wider than the screen, no menu item, button or label broken over two lines, and
 * every button, field and menu link at least 44 px tall.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminOnAPhoneTest implements TestPropertyProvider {

    private static final int PHONE_WIDTH = 390;
    private static final String LABELS = "button, label, .admin-header a, .list th, .status, .button-link";
    private static final String TAP_LINKS = ".admin-header a, .button-link, .tabs a, .pagination a, .featured-images label";

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleEditService articles;

    @Inject
    ArticleRevisionService revisions;

    @Inject
    ArticleTrashService trash;

    @Inject
    MediaService media;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("admin-phone");
    }

    @Test
    void everyAdminPageFitsAPhoneWithFingerSizedControls() throws Exception {
        users.create("boss", "站长", "boss-password", Role.ADMIN);
        users.create("writer", "一位写作时间很长的作者", "writer-password", Role.AUTHOR);
        media.store("一张很长名字的截图-2024-05-28.png", new ByteArrayInputStream(TestImages.png(1200, 800)), "boss");
        Article live = articles.create(Articles.edit("java 安全管理器:第一步打开设置,第二步保存,第三步重启服务")
                .body("## 第一步:打开设置\n\n先打开设置。").topics("Java", "安全", "服务器运维")
                .publishTime("2024-05-28T02:54:57").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        live = articles.update(live.id(), Articles.edit(live.title()).slug(live.slug()).body("## 第一步:打开设置\n\n改过了。")
                .topics("Java", "安全", "服务器运维").publishTime("2024-05-28T02:54:57").basedOn(live.version()).build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
        articles.create(Articles.edit("还没写完的草稿").body("草稿。").topics("Java").build(), SaveAction.SAVE, Actor.SYSTEM);
        Article gone = articles.create(Articles.edit("删掉的文章").body("删了。").build(), SaveAction.SAVE, Actor.SYSTEM);
        trash.trash(gone.id(), Actor.SYSTEM);
        long revision = revisions.revisions(live.id(), Actor.SYSTEM).get(0).id();

        List<String> pages = List.of("/admin/articles", "/admin/articles/new", "/admin/articles/" + live.id() + "/edit",
                "/admin/articles/" + live.id() + "/related", "/admin/articles/" + live.id() + "/revisions",
                "/admin/articles/" + live.id() + "/revisions/" + revision, "/admin/media", "/admin/topics",
                "/admin/trash", "/admin/users", "/admin/account", "/admin/settings", "/admin/audit");
        List<String> problems = new ArrayList<>();
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            String base = server.getURI().toString().replaceAll("/$", "");
            chromium.emulatePhone(PHONE_WIDTH, 844);
            browser.get(base + "/admin/login");
            check(chromium, "/admin/login", problems);
            ChromiumSignIn.submitLogin(browser, "boss", "boss-password");
            for (String page : pages) {
                browser.get(base + page);
                assertEquals(PHONE_WIDTH, ((Number) ((JavascriptExecutor) browser)
                        .executeScript("return document.documentElement.clientWidth")).intValue(), "phone viewport");
                check(chromium, page, problems);
            }
        }
        if (!problems.isEmpty()) {
            fail("Admin pages on a " + PHONE_WIDTH + " px phone:\n" + String.join("\n", problems));
        }
    }

    private static void check(HeadlessChromium chromium, String page, List<String> problems) {
        PageLayout.problems(chromium, LABELS).forEach(p -> problems.add("  " + page + ": " + p));
        PageLayout.smallTapTargets(chromium, TAP_LINKS).forEach(p -> problems.add("  " + page + ": " + p));
    }
}
