package dev.cms.admin;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole loop through real HTTP against a started author node: first admin, login, articles
 * with topics, publishing, and what readers then see. Steps run in order on one site.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorNodeEndToEndTest implements TestPropertyProvider {

    static final String HOSTILE_TITLE = "<script>alert('t')</script> 标题 & \"引号\"";

    @Inject
    EmbeddedServer server;

    Browser editor;
    Browser reader;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("e2e");
    }

    private Browser editor() {
        if (editor == null) {
            editor = new Browser(server.getURI());
            reader = new Browser(server.getURI());
        }
        return editor;
    }

    @Test
    @Order(1)
    void emptySiteLeadsFromAdminToSetupPage() {
        Page admin = editor().get("/admin");
        assertEquals(303, admin.status(), admin.body());
        assertEquals("/admin/login", URI.create(admin.header("Location")).getPath());
        Page login = editor.follow(admin);
        assertEquals(303, login.status());
        assertEquals("/admin/setup", login.header("Location"));
        Page setup = editor.follow(login);
        assertEquals(200, setup.status());
        assertEquals("zh-CN", setup.document().selectFirst("html").attr("lang"));
        assertNotNull(setup.document().selectFirst("form[action=/admin/setup] input[name=csrf]"));
    }

    @Test
    @Order(2)
    void setupWithoutCsrfTokenIsRejectedAndCreatesNothing() {
        Page refused = editor().post("/admin/setup", Map.of("username", "mallory", "password", "password123",
                "passwordConfirm", "password123"));
        assertEquals(403, refused.status());
        assertEquals(200, editor.get("/admin/setup").status(), "setup page must still be there");
    }

    @Test
    @Order(3)
    void setupWithMismatchedPasswordsKeepsWhatWasTyped() {
        Page setup = editor().get("/admin/setup");
        Page invalid = editor.submit(setup, "form[action=/admin/setup]", Map.of("username", "chief",
                "displayName", "总编", "password", "s3cret-pass", "passwordConfirm", "other-pass"));
        assertEquals(422, invalid.status());
        assertEquals("chief", invalid.document().selectFirst("input[name=username]").val());
        assertEquals("总编", invalid.document().selectFirst("input[name=displayName]").val());
        assertNotNull(invalid.document().selectFirst("#passwordConfirm-error"));
    }

    @Test
    @Order(4)
    void setupCreatesFirstAdminSignsInAndThenDisappears() {
        Page setup = editor().get("/admin/setup");
        Page created = editor.submit(setup, "form[action=/admin/setup]", Map.of("username", "chief",
                "displayName", "总编", "password", "s3cret-pass", "passwordConfirm", "s3cret-pass"));
        assertEquals(303, created.status(), created.body());
        String cookie = created.header("Set-Cookie");
        assertNotNull(cookie);
        assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
        assertTrue(cookie.contains("SameSite"), cookie);

        Page list = editor.get("/admin/articles");
        assertEquals(200, list.status());
        assertEquals("总编", list.text(".user"), "the header names the signed-in user by display name");

        Page setupAgain = new Browser(server.getURI()).get("/admin/setup");
        assertEquals(303, setupAgain.status());
        assertEquals("/admin/login", setupAgain.header("Location"));
    }

    @Test
    @Order(5)
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        Browser stranger = new Browser(server.getURI());
        Page login = stranger.get("/admin/login");
        Page wrong = stranger.submit(login, "form[action=/admin/login]", Map.of("username", "chief", "password", "nope-nope"));
        Page unknown = stranger.submit(login, "form[action=/admin/login]", Map.of("username", "ghost", "password", "nope-nope"));
        assertEquals(401, wrong.status());
        assertEquals(401, unknown.status());
        assertEquals(wrong.text(".error"), unknown.text(".error"));
        assertEquals("chief", wrong.document().selectFirst("input[name=username]").val());
        assertEquals(303, stranger.get("/admin/articles").status(), "still not signed in");
    }

    @Test
    @Order(6)
    void logoutThenLoginAgain() {
        Page list = editor().get("/admin/articles");
        Page out = editor.submit(list, "form[action=/admin/logout]", Map.of());
        assertEquals(303, out.status());
        assertEquals(303, editor.get("/admin/articles").status(), "signed out");

        Page login = editor.get("/admin/login");
        Page in = editor.submit(login, "form[action=/admin/login]", Map.of("username", "chief", "password", "s3cret-pass"));
        assertEquals(303, in.status());
        assertEquals(200, editor.get("/admin/articles").status());
    }

    @Test
    @Order(7)
    void articleFormWithoutCsrfTokenIsRejected() {
        Page refused = editor().post("/admin/articles", Map.of("title", "伪造", "body", "x", "action", "publish"));
        assertEquals(403, refused.status());
        assertTrue(editor.get("/admin/articles").document().select("table.list a").stream()
                .noneMatch(a -> a.text().equals("伪造")));
    }

    @Test
    @Order(8)
    void invalidArticleIsShownAgainWithEverythingTyped() {
        Page form = editor().get("/admin/articles/new");
        Page invalid = editor.submit(form, "form.article-form", Map.of("title", "", "body", "我写了很长的正文",
                "topics", "安全, 手机", "action", "publish"));
        assertEquals(422, invalid.status());
        assertEquals("我写了很长的正文", invalid.document().selectFirst("textarea[name=body]").wholeText());
        assertEquals("安全, 手机", invalid.document().selectFirst("input[name=topics]").val());
        assertNotNull(invalid.document().selectFirst("#title-error"));
    }

    @Test
    @Order(9)
    void editorPublishesArticlesAndReadersSeeThemWithRelatedList() {
        // Two topics, three articles sharing them in different degrees, two published.
        String main = createArticle("手机分期指南", "", "phone-guide", "## 第一步\n\n登录账户。", "分期, 手机", "2024-05-28T02:54:57", "publish");
        String both = createArticle("分期与手机", "", "", "两个主题都有。", "分期, 手机", "2024-05-20T10:00:00", "publish");
        String draft = createArticle("还没写完", "", "", "草稿内容", "分期, 手机", "", "save");

        Page page = reader.get("/articles/" + main);
        assertEquals(200, page.status());
        assertEquals("手机分期指南", page.text("h1"));
        assertTrue(page.text("title").startsWith("手机分期指南"));
        assertEquals("发布时间:2024-05-28 02:54:57", page.text(".article .meta"));
        assertEquals("第一步", page.text(".article .body h2"));
        assertEquals(List.of("分期与手机"), relatedTitles(page));
        Element toTop = page.document().selectFirst("a[href=#top]");
        assertEquals("To Top", toTop.text());
        assertNotNull(page.document().getElementById("top"), "To Top needs an anchor target");

        assertEquals(404, reader.get("/articles/" + draft).status());
        Page home = reader.get("/");
        List<String> homeTitles = home.document().select(".article-list h2 a").eachText();
        assertEquals(List.of("手机分期指南", "分期与手机"), homeTitles);
        assertEquals("2024-05-28 02:54:57", home.text(".article-list time"));
        String href = page.document().select(".related a").attr("href");
        assertEquals("/articles/" + both, URLDecoder.decode(href, StandardCharsets.UTF_8));
    }

    @Test
    @Order(10)
    void relatedListPutsMostSharedTopicsFirstThenNewest() {
        createArticle("只谈分期", "", "only-installments", "一个主题。", "分期", "2024-05-27T00:00:00", "publish");
        createArticle("更早只谈手机", "", "only-phones", "一个主题。", "手机", "2024-05-01T00:00:00", "publish");

        Page page = reader.get("/articles/phone-guide");
        assertEquals(List.of("分期与手机", "只谈分期", "更早只谈手机"), relatedTitles(page));
    }

    @Test
    @Order(11)
    void hostileTitleAndBodyAreHarmlessEverywhere() {
        String slug = createArticle(HOSTILE_TITLE, "<b onmouseover=alert(1)>摘要</b>", "hostile",
                "正常段落\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[点我](javascript:alert(1))\n\n<iframe src=\"https://evil.example\"></iframe>",
                "分期", "", "publish");
        Page page = reader.get("/articles/" + slug);
        assertEquals(200, page.status());
        assertEquals(HOSTILE_TITLE, page.text("h1"), "the title is shown as text");
        assertTrue(page.document().select("script:not([type=application/ld+json])").isEmpty(),
                "no script element but the JSON-LD data block");
        String jsonLd = page.document().selectFirst("script[type=application/ld+json]").data();
        assertFalse(jsonLd.contains("<"), "editor text cannot close the JSON-LD block: " + jsonLd);
        assertTrue(jsonLd.contains("\\u003cscript\\u003ealert"), jsonLd);
        assertTrue(page.document().select("iframe").isEmpty());
        assertTrue(page.document().select("[onerror], [onmouseover]").isEmpty());
        assertTrue(page.document().select("a[href^=javascript]").isEmpty());
        assertTrue(page.text(".article .body").contains("正常段落"));
        assertFalse(page.body().contains("<script>alert"), "raw script never reaches the page");

        Page home = reader.get("/");
        assertTrue(home.document().select("script").isEmpty());
        assertTrue(home.document().select(".article-list h2 a").eachText().contains(HOSTILE_TITLE));
        Page related = reader.get("/articles/phone-guide");
        assertTrue(relatedTitles(related).contains(HOSTILE_TITLE));
        assertTrue(related.document().select("script:not([type=application/ld+json])").isEmpty());
    }

    @Test
    @Order(12)
    void duplicateSlugIsRefusedWithTheFormKept() {
        Page form = editor().get("/admin/articles/new");
        Page invalid = editor.submit(form, "form.article-form", Map.of("title", "另一篇", "slug", "phone-guide",
                "body", "别丢我的字", "action", "save"));
        assertEquals(422, invalid.status());
        assertTrue(invalid.text("#slug-error").contains("phone-guide"));
        assertEquals("别丢我的字", invalid.document().selectFirst("textarea[name=body]").wholeText());
    }

    @Test
    @Order(13)
    void unpublishedArticleBecomesNotFoundAndLeavesRelatedLists() {
        Page list = editor().get("/admin/articles");
        String editHref = list.document().select("table.list a").stream()
                .filter(a -> a.text().equals("只谈分期")).findFirst().orElseThrow().attr("href");
        Page edit = editor.get(editHref);
        Page done = editor.submit(edit, "form[action$=/unpublish]", Map.of("confirmed", "yes"));
        assertEquals(303, done.status());

        Page gone = reader.get("/articles/only-installments");
        assertEquals(404, gone.status());
        assertEquals("页面不存在", gone.text("h1"));
        assertFalse(relatedTitles(reader.get("/articles/phone-guide")).contains("只谈分期"));
    }

    @Test
    @Order(14)
    void futurePublishTimeSchedulesAndCanBeCancelled() {
        String slug = createArticle("明年的文章", "", "next-year", "以后再看。", "分期", "2099-01-01T08:00:00", "publish");
        assertEquals(404, reader.get("/articles/" + slug).status(), "not public before its time");
        Page list = editor.get("/admin/articles");
        Element row = list.document().select("table.list tr").stream()
                .filter(tr -> tr.text().contains("明年的文章")).findFirst().orElseThrow();
        assertTrue(row.text().contains("定时发布"), row.text());
        assertTrue(row.text().contains("2099-01-01 08:00:00"), row.text());

        String editHref = row.selectFirst("a").attr("href");
        Page edit = editor.get(editHref);
        assertTrue(edit.text(".scheduled").contains("2099-01-01 08:00:00"));
        Page cancelled = editor.submit(edit, "form[action$=/unschedule]", Map.of("confirmed", "yes"));
        assertEquals(303, cancelled.status());
        assertEquals("草稿", editor.follow(cancelled).text(".meta .status"));
    }

    @Test
    @Order(15)
    void unknownPageIsFriendly404() {
        Page missing = reader.get("/articles/%E4%B8%8D%E5%AD%98%E5%9C%A8");
        assertEquals(404, missing.status());
        assertNotNull(missing.document().selectFirst("a[href=/]"));
        assertEquals(404, reader.get("/no/such/page").status());
    }

    @Test
    @Order(16)
    void adminPagesNeedLogin() {
        Browser anonymous = new Browser(server.getURI());
        assertEquals(303, anonymous.get("/admin/articles/new").status());
        Page post = anonymous.post("/admin/articles", Map.of("title", "x"));
        assertTrue(post.status() == 303 || post.status() == 401 || post.status() == 403, "status " + post.status());
    }

    /** Creates an article through the admin form and returns its public slug. */
    @Test
    @Order(17)
    void topicsKeepTheOrderTheEditorTypedThem() {
        Page saved = editor().submit(editor.get("/admin/articles/new"), "form.article-form", Map.of("title", "主题顺序",
                "body", "正文。", "topics", "运维, 安全, 手机", "publishTime", "2024-05-22T08:00:00", "action", "publish"));
        Page edit = editor.follow(saved);
        assertEquals("运维, 安全, 手机", edit.document().selectFirst("input[name=topics]").val());

        Page page = reader.get("/articles/" + edit.document().selectFirst("input[name=slug]").val());
        assertEquals(List.of("运维", "安全", "手机"), page.document().select(".article .topics a").eachText());
        assertEquals("运维", page.document().select(".breadcrumbs a").eachText().get(1), "the first topic leads the breadcrumbs");
    }

    private String createArticle(String title, String summary, String slug, String body, String topics,
                                 String publishTime, String action) {
        Page form = editor().get("/admin/articles/new");
        Page saved = editor.submit(form, "form.article-form", Map.of("title", title, "summary", summary,
                "slug", slug, "body", body, "topics", topics, "publishTime", publishTime, "action", action));
        assertEquals(303, saved.status(), saved.body());
        Page edit = editor.follow(saved);
        assertEquals(200, edit.status());
        return edit.document().selectFirst("input[name=slug]").val();
    }

    private static List<String> relatedTitles(Page page) {
        return page.document().select(".related li a").eachText();
    }
}
