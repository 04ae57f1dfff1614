package dev.cms.admin.browser;

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
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every admin page an administrator meets, from the first-run setup to the edit conflict, with no
 * Nu Html Checker error and no serious or critical axe-core violation (issue 13), in the site's
 * language: {@link AdminPagesQualityTest} (zh-CN) and {@link EnglishAdminPagesQualityTest}. Needs
 * the tools QualityTools finds; without them the test is skipped.
 */
abstract class AdminPagesQualityContract {

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

    @Inject
    JsonMapper json;

    @Test
    void everyAdminPageIsValidHtmlWithoutSeriousAccessibilityViolations() throws Exception {
        List<String> wrongStatus = new ArrayList<>();
        try (AdminPageChecks checks = AdminPageChecks.start(server.getURI().toString())) {
            // The site is empty: its first page is the setup form.
            expect(200, checks.get("setup", "/admin/setup"), wrongStatus);

            Article live = content();
            expect(200, checks.get("login", "/admin/login"), wrongStatus);
            WebDriver browser = checks.driver();
            browser.findElement(By.id("username")).sendKeys("boss");
            browser.findElement(By.id("password")).sendKeys("not-the-password");
            expect(401, checks.submit("login-refused", "form[action='/admin/login'] button[type=submit]"), wrongStatus);
            signIn(browser, "boss", "boss-password");

            long revision = revisions.revisions(live.id(), Actor.SYSTEM).get(0).id();
            String article = "/admin/articles/" + live.id();
            for (Map.Entry<String, String> page : List.of(
                    Map.entry("articles", "/admin/articles"),
                    Map.entry("related", article + "/related"),
                    Map.entry("revisions", article + "/revisions"),
                    Map.entry("revision", article + "/revisions/" + revision),
                    Map.entry("media", "/admin/media"),
                    Map.entry("topics", "/admin/topics"),
                    Map.entry("trash", "/admin/trash"),
                    Map.entry("users", "/admin/users"),
                    Map.entry("account", "/admin/account"),
                    Map.entry("two-factor", "/admin/account/two-factor"),
                    Map.entry("settings", "/admin/settings"),
                    Map.entry("audit", "/admin/audit"),
                    Map.entry("new", "/admin/articles/new"))) {
                expect(200, checks.get(page.getKey(), page.getValue()), wrongStatus);
            }
            // The new article form sent empty: the form again, with its errors.
            expect(422, checks.submit("new-refused", "button[name=action][value=save]"), wrongStatus);

            expect(200, checks.get("edit", article + "/edit"), wrongStatus);
            // With script, the same question in a dialog over the edit page.
            browser.findElement(By.cssSelector(".danger-zone form[action$='/unpublish'] button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(d -> !d.findElements(By.cssSelector("dialog.confirm-dialog[open]")).isEmpty());
            checks.shown("edit with the unpublish dialog open");
            checks.get("edit-for-confirm", article + "/edit");
            // Sent without confirmed=yes (as without script): the page that asks first.
            expect(200, checks.submit("confirm", ".danger-zone form[action$='/unpublish'] button"), wrongStatus);

            checks.get("edit-again", article + "/edit");
            // Someone else saves the article meanwhile (the confirm page changed nothing).
            articles.update(live.id(), Articles.edit(live.title()).slug(live.slug()).body("别人刚改过。")
                    .topics("Java", "安全").publishTime("2024-05-28T02:54:57").basedOn(live.version()).build(),
                    SaveAction.PUBLISH, Actor.SYSTEM);
            expect(409, checks.submit("conflict", "button[name=action][value=save]"), wrongStatus);

            expect(404, checks.get("not-found", "/admin/no-such-page"), wrongStatus);
            // A form sent with a stale token: the page that refuses it.
            checks.get("new-for-csrf", "/admin/articles/new");
            ((JavascriptExecutor) browser).executeScript("document.querySelector('.article-form input[name=csrf]').value = 'stale'");
            expect(403, checks.submit("csrf-refused", "button[name=action][value=save]"), wrongStatus);

            // An author: a shorter menu, the form that submits for review, the page that refuses an administrator's page.
            browser.findElement(By.cssSelector("form[action='/admin/logout'] button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/admin/login"));
            signIn(browser, "writer", "writer-password");
            expect(200, checks.get("author-articles", "/admin/articles"), wrongStatus);
            expect(200, checks.get("author-new", "/admin/articles/new"), wrongStatus);
            expect(403, checks.get("forbidden", "/admin/users"), wrongStatus);

            List<String> problems = new ArrayList<>(wrongStatus);
            List<String> htmlErrors = checks.htmlErrors(json);
            if (!htmlErrors.isEmpty()) {
                problems.add("Nu Html Checker errors:\n" + String.join("\n", htmlErrors));
            }
            if (!checks.axeProblems().isEmpty()) {
                problems.add("axe-core serious or critical violations:\n" + String.join("\n", checks.axeProblems()));
            }
            if (!problems.isEmpty()) {
                fail(String.join("\n", problems));
            }
        }
    }

    /** A site in use: two editors, an upload, a published article with topics and revisions, a draft, a trashed article. */
    private Article content() {
        users.create("boss", "站长", "boss-password", Role.ADMIN);
        users.create("writer", "写作者", "writer-password", Role.AUTHOR);
        media.store("截图.png", new ByteArrayInputStream(TestImages.png(1200, 800)), "boss");
        Article live = articles.create(Articles.edit("Java 安全管理器").body("## 第一步\n\n先打开设置。")
                .topics("Java", "安全").publishTime("2024-05-28T02:54:57").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        live = articles.update(live.id(), Articles.edit(live.title()).slug(live.slug()).body("## 第一步\n\n改过了。")
                .topics("Java", "安全").publishTime("2024-05-28T02:54:57").basedOn(live.version()).build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
        articles.create(Articles.edit("相关的文章").body("也讲 Java。").topics("Java").publishTime("2024-05-20T08:00:00")
                .build(), SaveAction.PUBLISH, Actor.SYSTEM);
        articles.create(Articles.edit("还没写完的草稿").body("草稿。").topics("Java").build(), SaveAction.SAVE, Actor.SYSTEM);
        Article gone = articles.create(Articles.edit("删掉的文章").body("删了。").build(), SaveAction.SAVE, Actor.SYSTEM);
        trash.trash(gone.id(), Actor.SYSTEM);
        return live;
    }

    private static void signIn(WebDriver browser, String username, String password) {
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form[action='/admin/login'] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/admin/articles"));
    }

    private static void expect(int status, AdminPageChecks.CheckedPage page, List<String> problems) {
        if (page.status() != status) {
            problems.add("  " + page + " answered " + page.status() + " where " + status + " was expected");
        }
    }
}
