package dev.cms.admin.browser;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import dev.cms.web.quality.HeadlessChromium;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With script, a destructive action asks in a dialog on the page it was clicked on (confirm.js):
 * 取消 closes it and nothing happens; the dialog's own button does the action. Also the save and
 * 更新 of a published article in a real browser.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfirmInBrowserTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleEditService articles;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("confirm-browser");
    }

    @Test
    void unpublishingAsksInADialogThatCancelCloses() throws Exception {
        users.create("boss", "站长", "boss-password", Role.ADMIN);
        Article live = articles.create(Articles.edit("对话框里的问题").slug("dialog-question").body("正文。").build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
        Browser reader = new Browser(server.getURI());
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            String base = server.getURI().toString().replaceAll("/$", "");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            ChromiumSignIn.signIn(browser, base, "boss", "boss-password");
            String edit = base + "/admin/articles/" + live.id() + "/edit";
            browser.get(edit);

            browser.findElement(By.cssSelector(".danger-zone form[action$='/unpublish'] button")).click();
            wait.until(d -> !d.findElements(By.cssSelector("dialog.confirm-dialog[open]")).isEmpty());
            assertEquals("撤下《对话框里的问题》?", browser.findElement(By.cssSelector("dialog.confirm-dialog h2")).getText());
            browser.findElement(By.xpath("//dialog//button[text()='取消']")).click();
            wait.until(d -> d.findElements(By.cssSelector("dialog.confirm-dialog")).isEmpty());
            assertEquals(edit, browser.getCurrentUrl(), "still on the edit page");
            assertEquals(200, reader.get("/articles/dialog-question").status(), "nothing happened");

            browser.findElement(By.cssSelector(".danger-zone form[action$='/unpublish'] button")).click();
            wait.until(d -> !d.findElements(By.cssSelector("dialog.confirm-dialog[open]")).isEmpty());
            browser.findElement(By.cssSelector("dialog.confirm-dialog button.danger")).click();
            wait.until(d -> d.getCurrentUrl().contains("done=unpublished"));
            assertEquals("已撤下。", browser.findElement(By.cssSelector("main p.notice")).getText());
            assertEquals(404, reader.get("/articles/dialog-question").status(), "the article is down");
        }
    }

    /** Pending changes (issue 13, defect 1) as an editor meets them: 保存 leaves the public page, 更新 changes it. */
    @Test
    void savingALiveArticleChangesThePublicPageOnlyOnUpdate() throws Exception {
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
        Article live = articles.create(Articles.edit("待更新的文章").slug("to-update").body("上线的正文。").build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
        Browser reader = new Browser(server.getURI());
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            String base = server.getURI().toString().replaceAll("/$", "");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(base + "/admin/login");
            browser.findElement(By.id("username")).sendKeys("ed");
            browser.findElement(By.id("password")).sendKeys("editor-password");
            browser.findElement(By.cssSelector("form[action='/admin/login'] button[type=submit]")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/admin/articles"));
            browser.get(base + "/admin/articles/" + live.id() + "/edit");

            browser.findElement(By.id("body")).clear();
            browser.findElement(By.id("body")).sendKeys("改过的正文。");
            browser.findElement(By.cssSelector(".actions button[value=save]")).click();
            wait.until(d -> d.getCurrentUrl().contains("done=pending"));
            assertEquals("有未发布的修改", browser.findElement(By.cssSelector(".pending-notice strong")).getText());
            assertEquals("上线的正文。", reader.get("/articles/to-update").text(".article .body"), "readers see the live version");

            browser.findElement(By.cssSelector(".actions button[value=update]")).click();
            wait.until(d -> d.getCurrentUrl().contains("done=updated"));
            assertEquals("已更新。", browser.findElement(By.cssSelector("main p.notice")).getText());
            assertEquals("改过的正文。", reader.get("/articles/to-update").text(".article .body"), "更新 made it live");
        }
    }
}
