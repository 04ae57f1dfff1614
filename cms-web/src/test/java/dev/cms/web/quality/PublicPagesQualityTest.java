package dev.cms.web.quality;

import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.media.Media;
import dev.cms.core.media.MediaService;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.testing.TestImages;
import dev.cms.core.topic.TopicRepository;
import dev.cms.core.user.Actor;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The public pages as the Nu Html Checker and axe-core see them, and as a reader uses them in a
 * real browser: valid HTML, no serious or critical accessibility violations, related links and
 * To Top that work. Needs the tools QualityTools finds; without them these tests are skipped.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicPagesQualityTest implements TestPropertyProvider {

    private static final String SEARCH_WORD = "部署";

    /** A common phone width in CSS pixels (iPhone 12 to 15). */
    private static final int PHONE_WIDTH = 390;


    @Inject
    EmbeddedServer server;

    @Inject
    ArticleEditService articles;

    @Inject
    TopicRepository topics;

    @Inject
    MediaService media;

    @Inject
    JsonMapper json;

    Path pagesDir;

    Article deployGuide;
    Article hardening;
    Article hostile;
    List<FetchedPage> pages;
    HeadlessChromium browser;

    /** One page of the site as the server answered it, saved under pagesDir as name.html. */
    record FetchedPage(String name, String path, int status, String contentType, String html, Path file) {

        @Override
        public String toString() {
            return name + " (" + path + ", " + status + ")";
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabases.h2("quality"));
        props.put("micronaut.server.port", "-1");
        return props;
    }

    @BeforeAll
    void contentAndPages() throws IOException, InterruptedException {
        Media diagram = media.store("deploy-diagram.jpg", new ByteArrayInputStream(TestImages.smoothJpeg(1600, 900)), "chief");
        deployGuide = articles.create(Articles.edit("如何部署 Micronaut 应用")
                .summary("从打包到上线的步骤:构建、配置、\"发布\" & 检查。").body("""
                ## 第一步:打包

                运行下面的命令,生成 `cms-web.jar`:

                ```sh
                mvn -B package -DskipTests
                ```

                ### 需要的东西

                - JDK 17
                - 一台服务器
                - [Micronaut 文档](https://docs.micronaut.io/)

                ## 第二步:启动

                1. 上传 jar
                2. 设置 `CMS_DB_URL`
                3. 启动并打开首页

                > 提示:先在测试环境试一遍。

                ![部署架构图](DIAGRAM)

                **完成。** 现在可以*发布*文章了。
                """.replace("DIAGRAM", diagram.url())).topics("运维", "Java").publishTime("2024-05-28T02:54:57")
                // Its featured image puts a thumbnail in every list it is in, beside a long title below.
                .featuredImage(diagram.id()).build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
        hardening = articles.create(Articles.edit("服务器安全加固清单").summary("逐项检查服务器的安全设置。").body(longBody())
                .topics("运维", "安全").publishTime("2024-05-20T08:00:00").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        hostile = articles.create(Articles.edit("<script>alert('标题')</script> 标题里的 \"标签\" & 符号")
                .summary("<b>摘要</b> 也有 <img src=x onerror=alert(1)>").body("正文里 <script>alert(1)</script> 没有脚本。")
                .topics("安全").publishTime("2024-05-10T10:00:00").featuredImage(diagram.id()).build(), SaveAction.PUBLISH,
                Actor.SYSTEM);
        articles.create(Articles.edit("Java records in templates").body("Records and **Freemarker**.").topics("Java")
                .publishTime("2024-05-01T12:00:00").build(), SaveAction.PUBLISH, Actor.SYSTEM);

        pagesDir = Files.createTempDirectory("cms-pages-");
        String topicSlug = topics.findByName("运维").orElseThrow().slug();
        pages = List.of(
                fetch("home", "/"),
                fetch("article", articlePath(deployGuide)),
                fetch("article-hostile-title", articlePath(hostile)),
                fetch("topic", "/topics/" + encode(topicSlug)),
                fetch("archive", "/archive/2024/05"),
                fetch("search", "/search?q=" + encode(SEARCH_WORD)),
                fetch("not-found", "/articles/does-not-exist"));
        pages.stream().filter(p -> p.status() == 404 && !p.name().equals("not-found"))
                .forEach(p -> System.err.println("NOTE: " + p + " is not served; checking the 404 page it answers"));
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (pagesDir != null) {
            for (FetchedPage page : pages == null ? List.<FetchedPage>of() : pages) {
                Files.deleteIfExists(page.file());
            }
            Files.deleteIfExists(pagesDir);
        }
    }

    @Test
    void pagesUnderTestAnswerWithHtmlAndEscapedTitles() {
        Map<String, Integer> expected = Map.of("home", 200, "article", 200, "article-hostile-title", 200,
                "archive", 200, "not-found", 404);
        for (FetchedPage page : pages) {
            assertTrue(page.contentType().startsWith("text/html"), page + ": " + page.contentType());
            if (expected.containsKey(page.name())) {
                assertEquals(expected.get(page.name()), page.status(), page.toString());
            } else {
                assertTrue(page.status() == 200 || page.status() == 404, page.toString());
            }
        }
        Document hostilePage = Jsoup.parse(page("article-hostile-title").html());
        assertEquals(hostile.title(), hostilePage.selectFirst("h1").text());
        // JSON-LD is data, not script; everything else would have come from the title or summary.
        assertTrue(hostilePage.select("script:not([type=application/ld+json]), [onerror]").isEmpty(),
                hostilePage.outerHtml());
    }

    /** Lighthouse's "unsized images": an image without its size moves the text below it when it arrives. */
    @Test
    void everyImageHasItsSizeAndAnUploadedPhotoOffersNarrowerCopiesForPhones() throws IOException, InterruptedException {
        for (FetchedPage page : pages) {
            for (Element img : Jsoup.parse(page.html()).select("img")) {
                assertTrue(img.hasAttr("width") && img.hasAttr("height"), page + " has an unsized image: " + img);
            }
        }
        Element photo = Jsoup.parse(page("article").html()).selectFirst("img[alt=部署架构图]");
        assertEquals(List.of("1600", "900"), List.of(photo.attr("width"), photo.attr("height")));
        String smallest = photo.attr("srcset").split(" ")[0];
        assertTrue(smallest.endsWith("-480w.jpg"), photo.outerHtml());

        HttpResponse<byte[]> copy = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.getURI().resolve(smallest)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, copy.statusCode());
        assertEquals("image/jpeg", copy.headers().firstValue("Content-Type").orElse(""));
        assertEquals("public, max-age=31536000, immutable", copy.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(480, ImageIO.read(new ByteArrayInputStream(copy.body())).getWidth());
    }

    @Test
    void everyPageHasADescription() {
        for (FetchedPage page : pages) {
            Element description = Jsoup.parse(page.html()).selectFirst("head meta[name=description]");
            assertTrue(description != null && !description.attr("content").isBlank(), page + " has no meta description");
        }
        assertEquals("我的网站:最新文章",
                Jsoup.parse(page("home").html()).selectFirst("meta[name=description]").attr("content"));
    }

    @Test
    void everyPageLinksAnIconThatAnswersWithAnImage() throws IOException, InterruptedException {
        for (FetchedPage page : pages) {
            Elements icons = Jsoup.parse(page.html(), url(page.path())).select("head link[rel~=(?i)^icon$]");
            assertFalse(icons.isEmpty(), page + " links no icon");
            for (Element icon : icons) {
                assertAnswersWithImage(icon.absUrl("href"), page.toString());
            }
        }
        // Asked for by browsers, feed readers and crawlers whatever the page says.
        assertAnswersWithImage(url("/favicon.ico"), "/favicon.ico");
    }

    private static void assertAnswersWithImage(String url, String context) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertEquals(200, response.statusCode(), context + ": " + url);
        assertTrue(type.startsWith("image/"), context + ": " + url + " answers " + type);
        assertTrue(response.body().length > 0, context + ": " + url + " is empty");
    }

    @Test
    void pagesHaveNoHtmlErrors() throws IOException, InterruptedException {
        Path vnu = QualityTools.vnuJar();
        List<NuHtmlChecker.Message> errors = NuHtmlChecker.errors(json, vnu, pages.stream().map(FetchedPage::file).toList());
        if (!errors.isEmpty()) {
            fail("Nu Html Checker errors (saved pages in " + pagesDir + "):\n" + errors.stream()
                    .collect(Collectors.groupingBy(NuHtmlChecker.Message::file))
                    .entrySet().stream()
                    .map(e -> "  page " + pageOfFile(e.getKey()) + ":\n    " + e.getValue().stream()
                            .map(Object::toString).collect(Collectors.joining("\n    ")))
                    .collect(Collectors.joining("\n")));
        }
    }

    @Test
    void pagesHaveNoSeriousOrCriticalAccessibilityViolations() throws IOException {
        String axe = Files.readString(QualityTools.axeScript());
        HeadlessChromium chromium = browser();
        List<String> problems = new ArrayList<>();
        for (FetchedPage page : pages) {
            chromium.driver().get(url(page.path()));
            List<HeadlessChromium.Violation> violations = chromium.axe(axe).stream()
                    .filter(HeadlessChromium.Violation::seriousOrCritical).toList();
            if (!violations.isEmpty()) {
                problems.add("  page " + page + ":\n    " + violations.stream().map(Object::toString)
                        .collect(Collectors.joining("\n    ")));
            }
        }
        if (!problems.isEmpty()) {
            fail("axe-core serious or critical violations:\n" + String.join("\n", problems));
        }
    }

    @Test
    void pagesFitAPhoneScreenWithNoWrappedLabels() throws IOException {
        HeadlessChromium chromium = browser();
        List<String> problems = new ArrayList<>();
        chromium.emulatePhone(PHONE_WIDTH, 844);
        try {
            for (FetchedPage page : pages) {
                chromium.driver().get(url(page.path()));
                assertEquals(PHONE_WIDTH, ((Number) ((JavascriptExecutor) chromium.driver())
                        .executeScript("return document.documentElement.clientWidth")).intValue(), "phone viewport");
                layoutProblems(chromium).forEach(problem -> problems.add("  " + page + " at " + PHONE_WIDTH + " px: " + problem));
            }
        } finally {
            chromium.stopEmulating();
        }
        if (!problems.isEmpty()) {
            fail("Layout problems on a phone:\n" + String.join("\n", problems));
        }
    }

    @Test
    void headerOnAWideScreenKeepsNavigationNextToTheSiteNameAndSearchAtTheEnd() throws IOException {
        HeadlessChromium chromium = browser();
        JavascriptExecutor js = (JavascriptExecutor) chromium.driver();
        List<String> problems = new ArrayList<>();
        for (FetchedPage page : pages) {
            chromium.driver().get(url(page.path()));
            layoutProblems(chromium).forEach(problem -> problems.add("  " + page + ": " + problem));
            double gap = ((Number) js.executeScript("""
                    return document.querySelector('.site-header nav a').getBoundingClientRect().left
                        - document.querySelector('.site-header .site-name').getBoundingClientRect().right;""")).doubleValue();
            double searchEndsShortOfWrap = ((Number) js.executeScript("""
                    const wrap = document.querySelector('.site-header .wrap');
                    return wrap.getBoundingClientRect().right - parseFloat(getComputedStyle(wrap).paddingRight)
                        - document.querySelector('.site-header .search-form').getBoundingClientRect().right;""")).doubleValue();
            if (gap < 0 || gap > 40) {
                problems.add("  " + page + ": the navigation is " + gap + " px away from the site name");
            }
            if (Math.abs(searchEndsShortOfWrap) > 1) {
                problems.add("  " + page + ": the search form ends " + searchEndsShortOfWrap + " px short of the header's end");
            }
        }
        if (!problems.isEmpty()) {
            fail("Layout problems on a wide screen:\n" + String.join("\n", problems));
        }
    }

    private static List<String> layoutProblems(HeadlessChromium chromium) {
        return PageLayout.problems(chromium, "button, label, .site-header a, .pagination a, .pagination .current");
    }

    @Test
    void readerFollowsRelatedLinkToOtherArticleAndGoesBackToTop() throws IOException {
        WebDriver driver = browser().driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        driver.get(url(articlePath(deployGuide)));
        WebElement firstHeading = driver.findElement(By.tagName("h1"));
        assertEquals(deployGuide.title(), firstHeading.getText());

        driver.findElement(By.cssSelector(".related"))
                .findElement(By.linkText(hardening.title()))
                .click();
        wait.until(ExpectedConditions.stalenessOf(firstHeading));
        assertEquals("/articles/" + hardening.slug(), URI.create(driver.getCurrentUrl()).getPath());
        assertEquals(hardening.title(), driver.findElement(By.tagName("h1")).getText());

        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.scrollTo(0, document.documentElement.scrollHeight)");
        assertTrue(scrollY(js) > 0, "the article is long enough to scroll");
        driver.findElement(By.cssSelector("a[href=\"#top\"]")).click();
        wait.until(d -> scrollY(js) == 0);
        assertEquals(0, scrollY(js));
        assertEquals("top", URI.create(driver.getCurrentUrl()).getFragment());
    }

    private HeadlessChromium browser() throws IOException {
        if (browser == null) {
            browser = HeadlessChromium.start();
        }
        return browser;
    }

    private static double scrollY(JavascriptExecutor js) {
        return ((Number) js.executeScript("return window.scrollY")).doubleValue();
    }

    private FetchedPage fetch(String name, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        // Saved byte for byte, so vnu checks exactly what the browser gets.
        Path file = Files.write(pagesDir.resolve(name + ".html"), response.body());
        return new FetchedPage(name, path, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                new String(response.body(), StandardCharsets.UTF_8), file);
    }

    private FetchedPage page(String name) {
        return pages.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private String pageOfFile(String fileName) {
        return pages.stream().filter(p -> p.file().getFileName().toString().equals(fileName))
                .map(FetchedPage::toString).findFirst().orElse(fileName);
    }

    private String url(String path) {
        return server.getURL().toString() + path;
    }

    private static String articlePath(Article article) {
        return "/articles/" + encode(article.slug());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Long enough that the page scrolls in an 800 px high window. */
    private static String longBody() {
        StringBuilder body = new StringBuilder();
        for (int step = 1; step <= 12; step++) {
            body.append("## 第").append(step).append("项\n\n")
                    .append("检查这一项的设置,记录结果,再继续下一项。".repeat(8)).append("\n\n");
        }
        return body.toString();
    }
}
