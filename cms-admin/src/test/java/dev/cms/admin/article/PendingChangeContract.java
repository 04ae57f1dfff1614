package dev.cms.admin.article;

import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.ArticleRevisionService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pending changes (issue 13, defect 1): saving a published article keeps the live page as it is
 * until 更新, over HTTP as a browser does it, on every supported database: run by
 * {@link H2PendingChangeTest} and {@link PostgresPendingChangeTest}.
 */
abstract class PendingChangeContract {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleEditService articles;

    @Inject
    ArticleRevisionService revisions;

    @BeforeAll
    void people() {
        users.create("boss", "管理员", "boss-password", Role.ADMIN);
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
        users.create("au", "作者", "author-password", Role.AUTHOR);
    }

    private Browser login(String username, String password) {
        return Browser.signedIn(server.getURI(), username, password);
    }

    private Article published(String title, String slug, String body) {
        return articles.create(Articles.edit(title).slug(slug).body(body).topics("待更新").build(), SaveAction.PUBLISH,
                Actor.SYSTEM);
    }

    private static Page submitted(Browser browser, Page form, Map<String, String> fields) {
        Page answer = browser.submit(form, "form.article-form", fields);
        assertEquals(303, answer.status(), answer.body());
        return browser.follow(answer);
    }

    private String publicBody(String slug) {
        Page page = new Browser(server.getURI()).get("/articles/" + slug);
        assertEquals(200, page.status(), page.body());
        return page.text(".article .body");
    }

    private static Element listRow(Page list, String title) {
        Element link = list.document().select("table a").stream().filter(a -> a.text().equals(title)).findFirst()
                .orElse(null);
        assertNotNull(link, "the article is listed:\n" + list.document().select("table"));
        return link.closest("tr");
    }

    @Test
    void savingAPublishedArticleKeepsThePublicPageUntilUpdate() {
        Article article = published("早间新闻", "morning-news", "旧的正文。");
        Browser editor = login("ed", "editor-password");
        String edit = "/admin/articles/" + article.id() + "/edit";
        assertEquals("旧的正文。", publicBody("morning-news"), "read (and cached) before the change");
        Page form = editor.get(edit);
        assertTrue(form.document().select(".actions button[value=publish]").isEmpty(), "no 发布 on a live article");
        assertEquals("update", form.document().select(".actions button.primary").attr("value"), "更新 is the main action");

        Page afterSave = submitted(editor, form, Map.of("body", "新的正文。", "action", "save"));
        assertEquals("已保存，尚未发布：按“更新”后读者才能看到。", afterSave.text("main p.notice[role=status]"));
        assertEquals("旧的正文。", publicBody("morning-news"), "the public page keeps the live version");
        assertTrue(afterSave.text(".pending-notice").contains("有未发布的修改"));
        assertEquals("新的正文。", afterSave.document().selectFirst("textarea#body").text(), "the form shows the pending text");
        assertTrue(listRow(editor.get("/admin/articles"), "早间新闻").text().contains("有未发布的修改"), "the list marks it");

        Page formPreview = editor.post("/admin/articles/preview?id=" + article.id(),
                Browser.fields(afterSave, "form.article-form", Map.of()));
        assertEquals(200, formPreview.status(), formPreview.body());
        assertEquals("新的正文。", formPreview.text(".article .body"), "预览 shows the pending version");
        Page linkMade = editor.follow(editor.submit(afterSave, "form.share-form", Map.of()));
        String link = linkMade.document().selectFirst("input#preview-link").val();
        Page shared = new Browser(server.getURI()).get(link.substring(link.indexOf("/preview/")));
        assertEquals("新的正文。", shared.text(".article .body"), "the review link shows the pending version");

        int revisionsBefore = revisions.revisions(article.id(), Actor.SYSTEM).size();
        Page updated = submitted(editor, editor.get(edit), Map.of("action", "update"));
        assertEquals("已更新。", updated.text("main p.notice[role=status]"));
        assertEquals("新的正文。", publicBody("morning-news"), "更新 makes it live");
        assertNull(updated.document().selectFirst(".pending-notice"), "nothing is pending any more");
        assertEquals(revisionsBefore + 1, revisions.revisions(article.id(), Actor.SYSTEM).size(), "a revision was kept");
        assertFalse(listRow(editor.get("/admin/articles"), "早间新闻").text().contains("有未发布的修改"));
    }

    @Test
    void discardingAPendingChangeAsksFirstThenShowsTheLiveTextAgain() {
        Article article = published("晚间新闻", "evening-news", "晚间的正文。");
        Browser editor = login("ed", "editor-password");
        String edit = "/admin/articles/" + article.id() + "/edit";
        Page pending = submitted(editor, editor.get(edit), Map.of("title", "晚间新闻(改)", "body", "想改的正文。", "action", "save"));

        Page asked = editor.submit(pending, "form.discard-form", Map.of());
        assertEquals(200, asked.status(), asked.body());
        assertEquals("想改的正文。", editor.get(edit).document().selectFirst("textarea#body").text(), "asking drops nothing");

        Page discarded = editor.submit(pending, "form.discard-form", Map.of("confirmed", "yes"));
        assertEquals(303, discarded.status(), discarded.body());
        Page form = editor.follow(discarded);
        assertEquals("已放弃未发布的修改。", form.text("main p.notice[role=status]"));
        assertEquals("晚间的正文。", form.document().selectFirst("textarea#body").text());
        assertEquals("晚间新闻", form.document().selectFirst("input#title").val());
        assertNull(form.document().selectFirst(".pending-notice"));
        assertEquals("晚间的正文。", publicBody("evening-news"));
    }

    @Test
    void anAuthorSavesAPendingChangeOfTheirOwnArticleButCannotUpdateIt() {
        Browser author = login("au", "author-password");
        Page draft = author.submit(author.get("/admin/articles/new"), "form.article-form",
                Map.of("title", "作者的文章", "slug", "authors-article", "body", "作者的第一版。", "action", "submit"));
        assertEquals(303, draft.status(), draft.body());
        String edit = draft.header("Location").replaceAll("\\?.*", "");
        Browser editor = login("ed", "editor-password");
        submitted(editor, editor.get(edit), Map.of("action", "publish"));
        assertEquals("作者的第一版。", publicBody("authors-article"));

        Page form = author.get(edit);
        assertTrue(form.document().select(".actions button[value=update]").isEmpty(), "no 更新 for an author");
        Page saved = submitted(author, form, Map.of("body", "作者的第二版。", "action", "save"));
        assertTrue(saved.text(".pending-notice").contains("有未发布的修改"));
        assertEquals("作者的第一版。", publicBody("authors-article"));

        Page refused = author.submit(saved, "form.article-form", Map.of("action", "update"));
        assertEquals(403, refused.status(), refused.body());
        assertEquals("作者的第一版。", publicBody("authors-article"));

        Page review = submitted(author, author.get(edit), Map.of("action", "submit"));
        assertEquals("已提交审核。", review.text("main p.notice[role=status]"));
        assertTrue(editor.get(edit).text(".pending-notice").contains("作者已提交审核"), "the editor sees it waits for review");
        submitted(editor, editor.get(edit), Map.of("action", "update"));
        assertEquals("作者的第二版。", publicBody("authors-article"));
    }

    @Test
    void aConflictingPendingSaveKeepsBothVersions() {
        Article article = published("午间新闻", "noon-news", "午间的正文。");
        Browser editor = login("ed", "editor-password");
        Browser boss = login("boss", "boss-password");
        String edit = "/admin/articles/" + article.id() + "/edit";
        Page editorForm = editor.get(edit);
        Page bossForm = boss.get(edit);
        submitted(boss, bossForm, Map.of("body", "站长的修改。", "action", "save"));

        Page conflict = editor.submit(editorForm, "form.article-form", Map.of("body", "编辑的修改。", "action", "save"));
        assertEquals(409, conflict.status(), conflict.body());
        assertEquals("编辑的修改。", conflict.document().selectFirst("textarea#body").text(), "the typed text is kept");
        assertEquals("站长的修改。", conflict.text(".current-version pre.current-body"), "beside the pending one saved meanwhile");
        assertEquals("午间的正文。", publicBody("noon-news"));

        Page resaved = submitted(editor, conflict, Map.of("action", "save"));
        assertEquals("编辑的修改。", resaved.document().selectFirst("textarea#body").text(), "saved again, it replaces that");
    }

    @Test
    void anUpdateCannotBeScheduledYet() {
        Article article = published("周报", "weekly", "周报正文。");
        Browser editor = login("ed", "editor-password");
        Page form = submitted(editor, editor.get("/admin/articles/" + article.id() + "/edit"),
                Map.of("body", "下周的周报。", "action", "save"));
        Page refused = editor.submit(form, "form.article-form", Map.of("publishTime", "2099-01-01T10:00:00", "action", "update"));
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.text("#publishTime-error").contains("只能立即更新"), refused.text("#publishTime-error"));
        assertEquals("下周的周报。", refused.document().selectFirst("textarea#body").text(), "the form keeps what was typed");
        assertEquals("周报正文。", publicBody("weekly"), "still live, not taken off until then");
    }
}
