package dev.cms.admin.browser;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.core.site.SiteSettings;
import dev.cms.core.testing.TempDirs;
import dev.cms.core.testing.TestImages;
import dev.cms.web.quality.HeadlessChromium;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An editor in a real browser (Debian's headless Chromium): creates the first admin, writes an
 * article with two topics and an image uploaded from the edit page, previews it in a new tab,
 * schedules it a few seconds ahead and sees it appear on the public site on its own, image and all.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditorInBrowserTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    SiteSettings site;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("browser");
    }

    @Test
    void editorWritesPreviewsAndSchedulesAnArticleThatThenAppears() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            String base = server.getURI().toString().replaceAll("/$", "");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

            browser.get(base + "/admin");
            wait.until(d -> d.getCurrentUrl().endsWith("/admin/setup"));
            browser.findElement(By.id("username")).sendKeys("editor");
            browser.findElement(By.id("password")).sendKeys("browser-password");
            browser.findElement(By.id("passwordConfirm")).sendKeys("browser-password");
            browser.findElement(By.cssSelector("form[action='/admin/setup'] button[type=submit]")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/admin/articles"));

            browser.findElement(By.linkText("写文章")).click();
            browser.findElement(By.id("title")).sendKeys("浏览器里写的文章");
            browser.findElement(By.id("body")).sendKeys("## 第一步:打开浏览器\n\n在浏览器里写作。");
            browser.findElement(By.id("topics")).sendKeys("浏览器, 定时发布");

            // An image: uploaded from the edit page and inserted at the cursor, at the end of the body.
            Path image = Files.write(TempDirs.create("cms-browser").resolve("browser-image.png"), TestImages.png(12, 8));
            browser.findElement(By.id("image-file")).sendKeys(image.toAbsolutePath().toString());
            WebElement insert = browser.findElement(By.id("insert-image"));
            insert.sendKeys(Keys.ENTER);
            WebElement body = browser.findElement(By.id("body"));
            wait.withMessage(() -> "no image inserted; the page says: " + browser.findElement(By.cssSelector(".insert-status")).getText())
                    .until(d -> body.getAttribute("value").contains("](/media/"));
            assertTrue(body.getAttribute("value").startsWith("## 第一步:打开浏览器\n\n在浏览器里写作。\n\n![browser-image"),
                    body.getAttribute("value"));
            String due = LocalDateTime.now(site.zone()).plusSeconds(4).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
            WebElement time = browser.findElement(By.id("publishTime"));
            ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", time, due);

            String editor = browser.getWindowHandle();
            browser.findElement(By.cssSelector("button[formaction^='/admin/articles/preview']")).click();
            wait.until(d -> d.getWindowHandles().size() == 2);
            List<String> windows = new ArrayList<>(browser.getWindowHandles());
            windows.remove(editor);
            browser.switchTo().window(windows.get(0));
            wait.until(d -> !d.findElements(By.cssSelector(".preview-banner")).isEmpty());
            assertEquals("浏览器里写的文章", browser.findElement(By.tagName("h1")).getText());
            assertEquals("第一步:打开浏览器", browser.findElement(By.cssSelector(".article .body h2")).getText());
            browser.close();
            browser.switchTo().window(editor);

            browser.findElement(By.cssSelector("button[value=publish]")).click();
            wait.until(d -> d.getCurrentUrl().contains("/edit"));
            assertTrue(browser.findElement(By.cssSelector(".scheduled")).getText().contains(due.replace('T', ' ')));

            String slug = browser.findElement(By.id("slug")).getAttribute("value");
            new WebDriverWait(browser, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(500)).until(d -> {
                d.get(base + "/articles/" + slug);
                return !d.findElements(By.cssSelector(".article h1")).isEmpty();
            });
            assertEquals("浏览器里写的文章", browser.findElement(By.cssSelector(".article h1")).getText());
            assertEquals(List.of("浏览器", "定时发布"), browser.findElements(By.cssSelector(".topics a")).stream()
                    .map(WebElement::getText).toList(), "in the order typed");

            String src = browser.findElement(By.cssSelector(".article .body img")).getAttribute("src");
            assertTrue(URI.create(src).getPath().startsWith("/media/"), src);
            HttpResponse<byte[]> served = new Browser(server.getURI()).download(URI.create(src).getPath());
            assertEquals(200, served.statusCode());
            assertEquals("image/png", served.headers().firstValue("Content-Type").orElse(""));
            assertTrue(ImageIO.read(new ByteArrayInputStream(served.body())) != null, "the served bytes are the image");
        }
    }
}
