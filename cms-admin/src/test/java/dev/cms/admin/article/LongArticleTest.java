package dev.cms.admin.article;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.ArticleValidator;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long articles through the real edit form over HTTP: up to the documented 500,000 characters of
 * Chinese (about 4.5 MB once the browser has percent-encoded it) are saved at once and are there
 * after a reload; a longer text is refused with the form shown again holding every character
 * typed; a body beyond the server's request limit gets a page saying so. The time limits are
 * generous guards against the old 30-second stall, not measurements.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongArticleTest implements TestPropertyProvider {

    private static final Duration GUARD = Duration.ofSeconds(5);

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleAdminService adminArticles;

    @Inject
    ArticleEditService articles;

    Browser editor;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("long-article");
    }

    @BeforeAll
    void signIn() {
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
        editor = Browser.signedIn(server.getURI(), "ed", "editor-password");
    }

    /** Chinese prose of exactly {@code length} characters (full-width punctuation, as typed in Chinese), in paragraphs. */
    static String chinese(int length) {
        String paragraph = "第一步\uFF1A打开设置页面\uFF0C找到“网络”一栏\uFF0C确认已经连接到无线网络。然后重新启动路由器\uFF0C等待指示灯稳定。\n\n";
        StringBuilder text = new StringBuilder(length + paragraph.length());
        while (text.length() < length) {
            text.append(paragraph);
        }
        text.setLength(length);
        return text.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {10_000, 100_000, ArticleValidator.MAX_BODY})
    void chineseArticleUpToTheDocumentedLengthIsSavedAtOnceAndShownAfterReload(int length) {
        String body = chinese(length);
        Page saved = assertTimeoutPreemptively(GUARD, () -> editor.submit(editor.get("/admin/articles/new"), "form.article-form",
                Map.of("title", "长文 " + length, "body", body, "action", "save")));

        assertEquals(303, saved.status(), saved.text("h1"));
        Page reloaded = editor.follow(saved);
        assertEquals(200, reloaded.status());
        assertEquals(body, reloaded.document().selectFirst("form.article-form textarea#body").wholeText(),
                "the whole text is in the form after a reload");
        Long id = Long.valueOf(saved.header("Location").replaceAll(".*/articles/(\\d+)/edit.*", "$1"));
        assertEquals(body, adminArticles.find(id).orElseThrow().bodyMarkdown());
    }

    @Test
    void fiveMegabyteBodyIsRefusedWith422AndEverythingTypedIsShownAgain() {
        Article article = articles.create(Articles.edit("原来的标题").slug("five-megabytes").body("原来的正文").build(),
                SaveAction.SAVE, Actor.SYSTEM);
        String typed = "abcdefghij".repeat(500_000);
        Page form = editor.get("/admin/articles/" + article.id() + "/edit");

        Page refused = assertTimeoutPreemptively(GUARD, () -> editor.submit(form, "form.article-form",
                Map.of("title", "改过的标题", "body", typed, "action", "save")));

        assertEquals(422, refused.status(), refused.text("h1"));
        assertNotNull(refused.document().selectFirst("#body-error"), "says what is wrong with the body");
        assertTrue(refused.text("#body-error").contains(String.valueOf(ArticleValidator.MAX_BODY)), refused.text("#body-error"));
        assertEquals(typed, refused.document().selectFirst("form.article-form textarea#body").wholeText(), "nothing typed is lost");
        assertEquals("改过的标题", refused.document().selectFirst("form.article-form input#title").val());
        assertEquals("原来的正文", adminArticles.find(article.id()).orElseThrow().bodyMarkdown(), "nothing was saved");
    }

    @Test
    void bodyOverTheServersRequestLimitGetsA413PageSayingTheLimit() {
        Article article = articles.create(Articles.edit("不变的标题").slug("eleven-megabytes").body("不变的正文").build(),
                SaveAction.SAVE, Actor.SYSTEM);
        Page form = editor.get("/admin/articles/" + article.id() + "/edit");

        Page refused = assertTimeoutPreemptively(GUARD, () -> editor.submit(form, "form.article-form",
                Map.of("body", "x".repeat(11 * 1024 * 1024), "action", "save")));

        assertEquals(413, refused.status(), refused.text("h1"));
        assertEquals("表单太大,没有保存", refused.text("h1"));
        assertTrue(refused.text("main p").contains("10 MB"), refused.text("main p"));
        assertEquals("不变的正文", adminArticles.find(article.id()).orElseThrow().bodyMarkdown(), "nothing was saved");
        assertEquals(200, editor.get("/admin/articles").status(), "the browser can go on");
    }
}
