package dev.cms.admin.article;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.ArticleFilter;
import dev.cms.core.article.SaveAction;
import dev.cms.core.audit.AuditLog;
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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The article form given what no editor means to send: each answer is a 4xx that says what is
 * wrong and keeps what was typed, never a 500 and never a silent overwrite. Run on H2 here and on
 * PostgreSQL by a subclass (which refuses a NUL in text).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadArticleInputTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleAdminService adminArticles;

    @Inject
    ArticleEditService articles;

    @Inject
    AuditLog audit;

    Browser editor;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("bad-article-input");
    }

    @BeforeAll
    void people() {
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
        users.create("au", "作者", "author-password", Role.AUTHOR);
        editor = Browser.signedIn(server.getURI(), "ed", "editor-password");
    }

    private String csrf(Browser browser) {
        return browser.get("/admin/articles/new").document().selectFirst("input[name=csrf]").val();
    }

    private Page post(Browser browser, String path, Map<String, String> fields) {
        Map<String, String> withToken = new HashMap<>(fields);
        withToken.put("csrf", csrf(browser));
        return browser.post(path, withToken);
    }

    private static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private boolean saved(String marker) {
        return !adminArticles.adminPage(new ArticleFilter(null, null, null, marker, false, null, null), Actor.SYSTEM, 10).isEmpty();
    }

    @Test
    void aFormBodyWithABrokenPercentEscapeIs400AndSavesNothing() {
        String marker = marker();
        for (String broken : List.of("%ZZ", "%", "%E4%B8", "%C0%AF")) {
            Page answer = editor.postRaw("/admin/articles", "csrf=" + csrf(editor) + "&title=" + marker + broken
                    + "&body=x&action=save");
            assertEquals(400, answer.status(), broken);
            assertNotNull(answer.document().selectFirst("h1"), "an error page: " + answer.body());
        }
        assertFalse(saved(marker));
        Browser visitor = new Browser(server.getURI());
        visitor.get("/admin/login");
        assertEquals(400, visitor.postRaw("/admin/login", "username=a%ZZ&password=x").status());
    }

    @Test
    void aNulInAnyFieldIs422NamingTheFieldAndKeepingTheText() {
        String marker = marker();
        Page answer = post(editor, "/admin/articles", Map.of("title", "标题" + marker + "\0尾", "summary", "摘要\0",
                "body", "第一段\0第二段", "topics", "主题\0", "action", "publish"));
        assertEquals(422, answer.status(), answer.body());
        for (String field : List.of("title", "summary", "body", "topics")) {
            assertNotNull(answer.document().selectFirst("#" + field + "-error"), field + " says what is wrong");
        }
        // A browser shows the NUL as U+FFFD in the field: the text around it is all there.
        assertEquals("标题" + marker + "\uFFFD尾", answer.document().selectFirst("input#title").val());
        assertEquals("第一段\uFFFD第二段", answer.document().selectFirst("textarea#body").wholeText());
        assertFalse(saved(marker));
    }

    @Test
    void aPublishTimeOutsideTheYears1970To9999Is422KeepingTheText() {
        String marker = marker();
        for (String time : List.of("+999999999-12-31T23:59:59", "0000-01-01T00:00:00", "-0001-01-01T00:00:00",
                "1900-01-01T00:00:00", "99999-01-01T00:00:00", "2024-02-30T00:00:00", "明天")) {
            Page answer = post(editor, "/admin/articles", Map.of("title", "时间 " + marker, "body", "正文 " + marker,
                    "publishTime", time, "action", "publish"));
            assertEquals(422, answer.status(), time);
            assertNotNull(answer.document().selectFirst("#publishTime-error"), time);
            assertEquals("正文 " + marker, answer.document().selectFirst("textarea#body").wholeText(), time);
        }
        assertFalse(saved(marker));
    }

    @Test
    void aSaveWithoutANumericVersionIsRefusedAsAConflictAndOverwritesNothing() {
        Article article = articles.create(Articles.edit("原来的标题").body("原来的正文").build(),
                SaveAction.SAVE, Actor.SYSTEM);
        for (Map<String, String> versionless : List.of(Map.<String, String>of(), Map.of("version", ""),
                Map.of("version", "abc"), Map.of("version", "1e3"), Map.of("version", "99999999999999999999"))) {
            Map<String, String> fields = new HashMap<>(versionless);
            fields.putAll(Map.of("title", "覆盖的标题", "body", "覆盖的正文", "action", "save"));
            Page refused = post(editor, "/admin/articles/" + article.id(), fields);
            assertEquals(409, refused.status(), versionless.toString());
            assertNotNull(refused.document().selectFirst("#version-error"), "says why");
            assertEquals("覆盖的正文", refused.document().selectFirst("form.article-form textarea#body").wholeText());
            assertEquals("原来的正文", refused.text(".current-version .current-body"), "the saved version beside it");
            assertEquals("原来的正文", adminArticles.find(article.id()).orElseThrow().bodyMarkdown());
        }
    }

    @Test
    void anAuthorsRefusedSaveOfSomeoneElsesArticleRevealsNothingOfIt() {
        String secret = "编辑的秘密标题 " + marker();
        Article others = articles.create(Articles.edit(secret).body("编辑的秘密正文").build(),
                SaveAction.SAVE, Actor.SYSTEM);
        Browser author = Browser.signedIn(server.getURI(), "au", "author-password");
        for (String time : List.of("不是时间", "2024-05-28T02:54:57")) {
            Page refused = post(author, "/admin/articles/" + others.id(), Map.of("title", "作者的标题", "body", "作者的正文",
                    "publishTime", time, "version", String.valueOf(others.version()), "action", "save"));
            assertEquals(403, refused.status(), time);
            assertFalse(refused.body().contains(secret), time);
            assertFalse(refused.body().contains("草稿") || refused.body().contains("status-draft"), "no status: " + refused.body());
        }
        assertEquals(secret, adminArticles.find(others.id()).orElseThrow().title());
    }

    @Test
    void aLoginWithANulInTheUsernameIsRefusedAndAudited() {
        Browser visitor = new Browser(server.getURI());
        Page form = visitor.get("/admin/login");
        Page refused = visitor.submit(form, "form[action=/admin/login]", Map.of("username", "ed\0x", "password", "whatever"));
        assertTrue(refused.status() >= 400 && refused.status() < 500, refused.status() + ": " + refused.body());
        assertTrue(audit.newest(20).stream().anyMatch(e -> e.action().startsWith("login-") && e.actor().startsWith("ed")
                && e.actor().endsWith("x")), "the attempt is in the audit log");
    }

}
