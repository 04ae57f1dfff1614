package dev.cms.admin.auth;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.ArticleStatus;
import dev.cms.core.article.PublishedArticleService;
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

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each role may do, checked on the server through real requests (direct POSTs included,
 * with valid CSRF tokens, so only the role decides): admins and editors publish; authors write
 * and submit their own drafts and nothing else. URL variants never get around the rules.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleAdminService adminArticles;

    @Inject
    ArticleEditService articles;

    @Inject
    PublishedArticleService publicArticles;

    Article editorsArticle;
    Article publishedByEditor;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("roles");
    }

    @BeforeAll
    void people() {
        users.create("boss", "管理员", "boss-password", Role.ADMIN);
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
        users.create("au", "作者", "author-password", Role.AUTHOR);
        users.create("au2", "另一位作者", "author2-password", Role.AUTHOR);
        editorsArticle = articles.create(Articles.edit("编辑的草稿").slug("editors-draft").body("x").build(), SaveAction.SAVE, Actor.SYSTEM);
        publishedByEditor = articles.create(Articles.edit("已发布").slug("published-one").body("x").build(), SaveAction.PUBLISH, Actor.SYSTEM);
    }

    private Browser login(String username, String password) {
        return Browser.signedIn(server.getURI(), username, password);
    }

    /** A direct POST carrying the browser's real CSRF token, as a hand-made request would. */
    private Page post(Browser browser, String path, Map<String, String> fields) {
        Page any = browser.get("/admin/articles/new");
        String token = any.document().selectFirst("input[name=csrf]").val();
        Map<String, String> withToken = new java.util.HashMap<>(fields);
        withToken.put("csrf", token);
        return browser.post(path, withToken);
    }

    private Long createAs(Browser browser, String title, String action) {
        Page saved = post(browser, "/admin/articles", Map.of("title", title, "body", "正文", "action", action));
        assertEquals(303, saved.status(), saved.body());
        String location = saved.header("Location");
        return Long.valueOf(location.replaceAll(".*/articles/(\\d+)/edit.*", "$1"));
    }

    @Test
    void adminAndEditorPublishDirectly() {
        for (Browser browser : List.of(login("boss", "boss-password"), login("ed", "editor-password"))) {
            Long id = createAs(browser, "直接发布" + System.nanoTime(), "publish");
            assertEquals(ArticleStatus.PUBLISHED, adminArticles.find(id).orElseThrow().status());
            assertEquals(303, post(browser, "/admin/articles/" + id + "/unpublish", Map.of("confirmed", "yes")).status());
            assertEquals(ArticleStatus.UNPUBLISHED, adminArticles.find(id).orElseThrow().status());
        }
    }

    @Test
    void authorCannotPublishByAnyRoute() {
        Browser author = login("au", "author-password");
        Page refused = post(author, "/admin/articles", Map.of("title", "作者想发布", "body", "x", "action", "publish"));
        assertEquals(403, refused.status());
        assertTrue(adminArticles.adminPage(dev.cms.core.article.ArticleFilter.none(), dev.cms.core.user.Actor.SYSTEM, 500).stream()
                .noneMatch(a -> a.title().equals("作者想发布")));

        Long own = createAs(author, "作者的草稿", "save");
        assertEquals(403, post(author, "/admin/articles/" + own, Map.of("title", "作者的草稿", "body", "x",
                "action", "publish")).status());
        assertEquals(ArticleStatus.DRAFT, adminArticles.find(own).orElseThrow().status());
        int unpublish = post(author, "/admin/articles/" + publishedByEditor.id() + "/unpublish", Map.of()).status();
        assertEquals(403, unpublish);
        assertEquals(ArticleStatus.PUBLISHED, adminArticles.find(publishedByEditor.id()).orElseThrow().status());
        for (String variant : List.of("/admin/articles/" + publishedByEditor.id() + "/unpublish/",
                "/admin//articles/" + publishedByEditor.id() + "/unpublish",
                "/admin/articles/" + publishedByEditor.id() + "/%75npublish",
                "/ADMIN/articles/" + publishedByEditor.id() + "/unpublish")) {
            int status = post(author, variant, Map.of()).status();
            assertNotEquals(303, status, variant);
            assertTrue(status >= 400, variant + " answered " + status);
            assertEquals(ArticleStatus.PUBLISHED, adminArticles.find(publishedByEditor.id()).orElseThrow().status(), variant);
        }
    }

    @Test
    void authorWritesAndSubmitsOwnDraftsOnly() {
        Browser author = login("au", "author-password");
        Long own = createAs(author, "待审核的文章", "submit");
        assertEquals(ArticleStatus.REVIEW, adminArticles.find(own).orElseThrow().status());
        Page list = author.get("/admin/articles");
        List<String> titles = list.document().select("table.list a").eachText();
        assertTrue(titles.contains("待审核的文章"));
        assertFalse(titles.contains("编辑的草稿"), "authors see only their own articles");
        assertFalse(list.document().select("button[value=publish]").size() > 0);
        Page form = author.get("/admin/articles/new");
        assertTrue(form.document().select("button[value=publish]").isEmpty(), "no publish button for authors");
        assertFalse(form.document().select("button[value=submit]").isEmpty());

        assertEquals(403, author.get("/admin/articles/" + editorsArticle.id() + "/edit").status());
        assertEquals(403, post(author, "/admin/articles/" + editorsArticle.id(), Map.of("title", "改别人的",
                "body", "x", "action", "save")).status());
        assertEquals("编辑的草稿", adminArticles.find(editorsArticle.id()).orElseThrow().title());

        Browser other = login("au2", "author2-password");
        assertEquals(403, other.get("/admin/articles/" + own + "/edit").status());
    }

    @Test
    void reviewLinksOnlyForArticlesTheUserMayEdit() {
        Browser editor = login("ed", "editor-password");
        Page made = post(editor, "/admin/articles/" + editorsArticle.id() + "/preview-link", Map.of());
        assertEquals(303, made.status(), made.body());
        assertTrue(made.header("Location").contains("previewLink="), made.header("Location"));

        Browser author = login("au", "author-password");
        Long own = createAs(author, "作者要分享的", "save");
        assertEquals(303, post(author, "/admin/articles/" + own + "/preview-link", Map.of()).status());
        for (String variant : List.of(
                "/admin/articles/" + editorsArticle.id() + "/preview-link",
                "/admin/articles/" + editorsArticle.id() + "/preview-link/",
                "/admin//articles/" + editorsArticle.id() + "/preview-link",
                "/admin/articles/" + editorsArticle.id() + "/%70review-link",
                "/ADMIN/articles/" + editorsArticle.id() + "/preview-link")) {
            Page refused = post(author, variant, Map.of());
            assertTrue(refused.status() >= 400, variant + " answered " + refused.status());
            assertTrue(refused.header("Location") == null, variant);
        }
    }

    @Test
    void editorPublishesWhatAnAuthorSubmitted() {
        Browser author = login("au", "author-password");
        Long submitted = createAs(author, "请编辑发布", "submit");
        Browser editor = login("ed", "editor-password");
        Page edit = editor.get("/admin/articles/" + submitted + "/edit");
        assertEquals(303, editor.submit(edit, "form.article-form", Map.of("action", "publish")).status());
        assertEquals(ArticleStatus.PUBLISHED, adminArticles.find(submitted).orElseThrow().status());
        // The author's 保存 is a pending change; only an editor makes it live.
        Page ownForm = author.get("/admin/articles/" + submitted + "/edit");
        assertEquals(303, author.submit(ownForm, "form.article-form", Map.of("title", "作者改已发布的",
                "action", "save")).status());
        assertEquals("请编辑发布", adminArticles.find(submitted).orElseThrow().title(), "the live version stays");
        assertEquals(403, author.submit(author.get("/admin/articles/" + submitted + "/edit"), "form.article-form",
                Map.of("action", "update")).status(), "published articles are the editors' to update");
    }

    @Test
    void previewShowsUnsavedTextInThePublicTemplate() {
        Browser author = login("au", "author-password");
        Page preview = post(author, "/admin/articles/preview", Map.of("title", "还没保存的标题",
                "body", "## 第一步:预览\n\n<script>alert(1)</script>正文", "publishTime", "2024-05-28T02:54:57"));
        assertEquals(200, preview.status());
        assertEquals("还没保存的标题", preview.text("h1"));
        assertEquals("第一步:预览", preview.text(".article .body h2"));
        assertEquals("发布时间:2024-05-28 02:54:57", preview.text(".article .meta"));
        assertTrue(preview.document().select("script:not([type=application/ld+json])").isEmpty());
        assertEquals("noindex", preview.document().selectFirst("meta[name=robots]").attr("content"));
        assertEquals("no-store", preview.header("Cache-Control"));
    }

    @Test
    void editorPinsAndExcludesRelatedEntriesAndAuthorsCannot() {
        Article main = articles.create(Articles.edit("相关主文").slug("related-main").body("x").topics("相关测试").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        articles.create(Articles.edit("相关甲").slug("related-a").body("x").topics("相关测试").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        articles.create(Articles.edit("相关乙").slug("related-b").body("x").topics("相关测试").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        articles.create(Articles.edit("无关置顶").slug("related-pinned").body("x").topics("别的").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        Browser editor = login("ed", "editor-password");
        String path = "/admin/articles/" + main.id() + "/related";
        Page screen = editor.get(path);
        assertEquals(List.of("相关乙", "相关甲"), screen.document().select(".related-list td a").eachText());

        assertEquals(303, editor.submit(screen, "form.pin-by-slug", Map.of("slug", "related-pinned")).status());
        screen = editor.get(path);
        Page excluded = editor.submit(screen, ".related-list tr:contains(相关乙) form[action$=/exclude]", Map.of());
        assertEquals(303, excluded.status());
        assertEquals(List.of("无关置顶", "相关甲"), editor.get("/articles/related-main").document().select(".related li a").eachText());

        Page unknown = editor.submit(editor.get(path), "form.pin-by-slug", Map.of("slug", "no-such-article"));
        assertEquals(422, unknown.status());

        Browser author = login("au", "author-password");
        assertEquals(403, author.get(path).status());
        assertEquals(403, post(author, path + "/clear", Map.of("relatedId", String.valueOf(main.id()))).status());
    }

    @Test
    void deletingMovesToTrashOffThePublicSiteAndRestoreBringsItBack() {
        Article a = articles.create(Articles.edit("要删除的").slug("to-trash").body("x").topics("回收").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        Article neighbour = articles.create(Articles.edit("邻居").slug("trash-neighbour").body("x").topics("回收").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        Browser editor = login("ed", "editor-password");
        Browser author = login("au", "author-password");
        assertEquals(403, post(author, "/admin/articles/" + a.id() + "/trash", Map.of()).status());

        Page edit = editor.get("/admin/articles/" + a.id() + "/edit");
        assertEquals(303, editor.submit(edit, "form.trash-form", Map.of("confirmed", "yes")).status());
        assertEquals(404, editor.get("/articles/to-trash").status(), "gone from the public site");
        assertFalse(editor.get("/articles/trash-neighbour").document().select(".related a").eachText().contains("要删除的"));
        assertFalse(editor.get("/admin/articles").document().select("table.list a").eachText().contains("要删除的"));
        Page trash = editor.get("/admin/trash");
        assertTrue(trash.document().select(".trash-list td").eachText().contains("要删除的"));

        assertEquals(303, editor.submit(trash, ".trash-list tr:contains(要删除的) form[action$=/restore]", Map.of()).status());
        assertEquals(200, editor.get("/articles/to-trash").status(), "restored with its published status");
        assertTrue(editor.get("/articles/trash-neighbour").document().select(".related a").eachText().contains("要删除的"));

        assertEquals(303, editor.submit(editor.get("/admin/articles/" + a.id() + "/edit"), "form.trash-form", Map.of("confirmed", "yes")).status());
        assertEquals(303, editor.submit(editor.get("/admin/trash"), ".trash-list tr:contains(要删除的) form[action$=/purge]", Map.of("confirmed", "yes")).status());
        assertTrue(adminArticles.find(a.id()).isEmpty(), "purged for good");
        assertEquals(200, editor.get("/articles/trash-neighbour").status());
        assertEquals(neighbour.id(), publicArticles.findPublished("trash-neighbour").orElseThrow().article().id());
    }

    @Test
    void everySaveKeepsARevisionThatCanBeComparedAndRestored() {
        Browser editor = login("ed", "editor-password");
        Long id = createAs(editor, "修订测试", "save");
        Page edit = editor.get("/admin/articles/" + id + "/edit");
        assertEquals(303, editor.submit(edit, "form.article-form", Map.of("body", "第一行\n第二行", "action", "save")).status());
        edit = editor.get("/admin/articles/" + id + "/edit");
        assertEquals(303, editor.submit(edit, "form.article-form", Map.of("body", "第一行\n改过的第二行", "action", "save")).status());

        Page list = editor.get("/admin/articles/" + id + "/revisions");
        assertEquals(3, list.document().select(".revision-list tbody tr").size());
        assertTrue(list.document().select(".revision-list td").eachText().contains("ed"), "who saved it");

        String secondHref = list.document().select(".revision-list tbody tr a").get(1).attr("href");
        Page compare = editor.get(secondHref);
        assertEquals(List.of("- 第二行"), compare.document().select(".diff del").eachText());
        assertEquals(List.of("+ 改过的第二行"), compare.document().select(".diff ins").eachText());

        assertEquals(303, editor.submit(compare, "form.restore-form", Map.of()).status());
        assertEquals("第一行\n第二行", adminArticles.find(id).orElseThrow().bodyMarkdown());
        assertEquals(4, editor.get("/admin/articles/" + id + "/revisions").document().select(".revision-list tbody tr").size(),
                "the restore is itself a revision");

        Browser author = login("au", "author-password");
        assertEquals(403, author.get("/admin/articles/" + id + "/revisions").status());
        assertEquals(403, post(author, secondHref + "/restore", Map.of()).status());
    }

    @Test
    void adminManagesUsersAndEveryChangeTakesEffectAtOnce() {
        Browser boss = login("boss", "boss-password");
        Page users = boss.get("/admin/users");
        assertEquals(303, boss.submit(users, "form.create-user", Map.of("username", "newbie", "displayName", "新人",
                "password", "newbie-password", "role", "EDITOR")).status());
        Browser newbie = login("newbie", "newbie-password");
        assertEquals(200, newbie.get("/admin/articles").status());
        assertEquals(403, newbie.get("/admin/users").status(), "only admins manage users");

        Page invalid = boss.submit(boss.get("/admin/users"), "form.create-user", Map.of("username", "newbie",
                "password", "x", "role", "AUTHOR"));
        assertEquals(422, invalid.status());
        assertEquals("newbie", invalid.document().selectFirst("form.create-user input[name=username]").val(), "form kept");

        Page list = boss.get("/admin/users");
        assertEquals(303, boss.submit(list, ".user-list tr:contains(newbie) form[action$=/disable]", Map.of("confirmed", "yes")).status());
        assertEquals(303, newbie.get("/admin/articles").status(), "disabled: the open session ends at once");
        assertEquals(401, newLogin("newbie", "newbie-password").status());

        list = boss.get("/admin/users");
        assertEquals(303, boss.submit(list, ".user-list tr:contains(newbie) form[action$=/enable]", Map.of()).status());
        list = boss.get("/admin/users");
        assertEquals(303, boss.submit(list, ".user-list tr:contains(newbie) form.reset-form",
                Map.of("password", "brand-new-password")).status());
        assertEquals(401, newLogin("newbie", "newbie-password").status(), "old password no longer works");
        assertEquals(303, newLogin("newbie", "brand-new-password").status());

        Page audit = boss.get("/admin/audit");
        List<String> actions = audit.document().select(".audit-list td:nth-child(3)").eachText();
        assertTrue(actions.containsAll(List.of("创建用户", "停用用户", "启用用户", "重设密码", "登录")), actions.toString());
    }

    @Test
    void fiveFailedLoginsLockTheAccountWithTheSameMessage() {
        users.create("target", "目标", "target-password", Role.EDITOR);
        Page unknown = newLogin("nobody-at-all", "whatever-pass");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, newLogin("target", "wrong-password-" + i).status());
        }
        Page locked = newLogin("target", "target-password");
        assertEquals(401, locked.status(), "locked even with the right password");
        assertEquals(unknown.text(".error"), locked.text(".error"), "unknown user and locked account read the same");
        assertTrue(login("boss", "boss-password").get("/admin/audit").document().select(".audit-list td").eachText()
                .contains("登录失败"));
    }

    @Test
    void editorsRenameMergeAndDeleteTopicsAndOldUrlsRedirect() {
        Article x = articles.create(Articles.edit("话题甲文").slug("topic-x").body("x").topics("旧名", "保留").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        Article y = articles.create(Articles.edit("话题乙文").slug("topic-y").body("x").topics("并入").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        Browser editor = login("ed", "editor-password");
        Page topicsPage = editor.get("/admin/topics");
        assertEquals(303, editor.submit(topicsPage, ".topic-list tr:has(a:containsOwn(旧名)) form.rename-form",
                Map.of("name", "新名")).status());
        Page old = editor.get("/topics/" + java.net.URLEncoder.encode("旧名", java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(301, old.status());
        assertEquals(200, editor.get(old.header("Location")).status());

        topicsPage = editor.get("/admin/topics");
        String targetId = topicsPage.document().select(".topic-list tr:has(a:containsOwn(新名)) form.rename-form").attr("action")
                .replaceAll("\\D+", " ").trim();
        assertEquals(303, editor.submit(topicsPage, ".topic-list tr:has(a:containsOwn(并入)) form.merge-form",
                Map.of("targetId", targetId)).status());
        assertTrue(editor.get("/articles/topic-y").document().select(".topics a").eachText().contains("新名"));
        assertTrue(editor.get("/articles/topic-x").document().select(".related a").eachText().contains("话题乙文"),
                "related lists follow the merge");

        topicsPage = editor.get("/admin/topics");
        assertEquals(303, editor.submit(topicsPage, ".topic-list tr:has(a:containsOwn(新名)) form.delete-form", Map.of("confirmed", "yes")).status());
        assertEquals(List.of("保留"), editor.get("/articles/topic-x").document().select(".topics a").eachText(),
                "articles keep their other topics");

        Browser author = login("au", "author-password");
        assertEquals(403, author.get("/admin/topics").status());
        assertEquals(x.id(), adminArticles.find(x.id()).orElseThrow().id());
        assertEquals(y.id(), adminArticles.find(y.id()).orElseThrow().id());
    }

    private Page newLogin(String username, String password) {
        Browser browser = new Browser(server.getURI());
        return browser.submit(browser.get("/admin/login"), "form[action=/admin/login]",
                Map.of("username", username, "password", password));
    }

    @Test
    void adminPagesCarrySecurityHeaders() {
        Browser editor = login("ed", "editor-password");
        Page page = editor.get("/admin/articles");
        assertTrue(page.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("DENY", page.header("X-Frame-Options"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        Page publicPage = editor.get("/articles/published-one");
        assertTrue(publicPage.header("Content-Security-Policy").contains("script-src 'none'"));
        assertEquals("nosniff", publicPage.header("X-Content-Type-Options"));
    }
}
