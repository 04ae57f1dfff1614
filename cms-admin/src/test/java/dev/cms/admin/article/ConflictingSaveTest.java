package dev.cms.admin.article;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEditService;
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

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Two editors open the same article; the second save, based on the old version, is refused with
 * a page showing the editor's own text in the form and the version saved meanwhile beside it,
 * and the merged text can then be saved. Run on H2 here and on PostgreSQL by a subclass.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConflictingSaveTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleAdminService adminArticles;

    @Inject
    ArticleEditService articles;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("conflict");
    }

    @BeforeAll
    void people() {
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
        users.create("ed2", "另一位编辑", "editor2-password", Role.EDITOR);
    }

    private Browser login(String username, String password) {
        return Browser.signedIn(server.getURI(), username, password);
    }

    @Test
    void secondSaveOfTheSameVersionIsRefusedAndBothTextsAreShown() {
        Article article = articles.create(Articles.edit("共同编辑").slug("shared-edit").body("原来的正文").topics("协作").build(),
                SaveAction.SAVE, Actor.SYSTEM);
        Browser first = login("ed", "editor-password");
        Browser second = login("ed2", "editor2-password");
        String edit = "/admin/articles/" + article.id() + "/edit";
        Page firstForm = first.get(edit);
        Page secondForm = second.get(edit);

        assertEquals(303, second.submit(secondForm, "form.article-form", Map.of("body", "第二位编辑先保存的正文", "action", "save")).status());
        Page conflict = first.submit(firstForm, "form.article-form", Map.of("title", "第一位编辑的标题",
                "body", "第一位编辑写了很久的正文", "action", "save"));

        assertEquals(409, conflict.status());
        assertNotNull(conflict.document().selectFirst("#version-error"), "says what happened");
        assertEquals("第一位编辑写了很久的正文", conflict.document().selectFirst("form.article-form textarea#body").wholeText(),
                "nothing typed is lost");
        assertEquals("第一位编辑的标题", conflict.document().selectFirst("form.article-form input#title").val());
        assertEquals("第二位编辑先保存的正文", conflict.text(".current-version .current-body"), "the saved version beside it");
        assertEquals("第二位编辑先保存的正文", adminArticles.find(article.id()).orElseThrow().bodyMarkdown(), "the refused save changed nothing");

        Page merged = first.submit(conflict, "form.article-form", Map.of("body", "合并后的正文", "action", "save"));
        assertEquals(303, merged.status(), "saving again after reading the other version works");
        assertEquals("合并后的正文", adminArticles.find(article.id()).orElseThrow().bodyMarkdown());
        assertEquals("第一位编辑的标题", adminArticles.find(article.id()).orElseThrow().title());
    }

    @Test
    void aStaleFormCannotOverwriteAPublishedChange() {
        Article article = articles.create(Articles.edit("发布冲突").slug("publish-conflict").body("草稿").build(),
                SaveAction.SAVE, Actor.SYSTEM);
        Browser first = login("ed", "editor-password");
        Browser second = login("ed2", "editor2-password");
        String edit = "/admin/articles/" + article.id() + "/edit";
        Page stale = first.get(edit);
        assertEquals(303, second.submit(second.get(edit), "form.article-form", Map.of("body", "发布的正文", "action", "publish")).status());

        Page refused = first.submit(stale, "form.article-form", Map.of("body", "旧表单的正文", "action", "save"));
        assertEquals(409, refused.status());
        assertEquals("发布的正文", new Browser(server.getURI()).get("/articles/publish-conflict").text(".article .body"));
    }
}
