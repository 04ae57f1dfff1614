package dev.cms.admin.site;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.topic.TopicService;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Destructive actions ask first (issue 13, defect 3): their forms sit apart from the save actions
 * and carry the question for the dialog; posted without the answer they change nothing and show a
 * page that asks, whose own form does the action; its cancel link leads back.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfirmActionsTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleEditService articles;

    @Inject
    TopicService topics;

    private Browser boss;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("confirm-actions");
    }

    @BeforeAll
    void signIn() {
        users.create("boss", "站长", "admin-password", Role.ADMIN);
        boss = Browser.signedIn(server.getURI(), "boss", "admin-password");
    }

    @Test
    void unpublishingAsksOnItsOwnPageAndOnlyTheAnswerTakesTheArticleDown() {
        Article live = articles.create(Articles.edit("在线的文章").slug("live-one").body("正文。").build(), SaveAction.PUBLISH,
                Actor.SYSTEM);
        Page edit = boss.get("/admin/articles/" + live.id() + "/edit");
        assertTrue(edit.document().select("form.article-form form, form.article-form .danger").isEmpty(),
                "no destructive button among the save actions");
        assertEquals("撤下《在线的文章》?", edit.document().selectFirst(".danger-zone form[action$=/unpublish]")
                .attr("data-confirm"), "the question for the dialog");

        Page asked = boss.submit(edit, ".danger-zone form[action$=/unpublish]", Map.of());

        assertEquals(200, asked.status(), asked.body());
        assertEquals("撤下《在线的文章》?", asked.text("main h1"));
        assertTrue(asked.text("main .confirm-page p").contains("读者将看不到这篇文章"), asked.body());
        assertEquals("/admin/articles/" + live.id() + "/edit", asked.document().selectFirst(".confirm-actions a")
                .attr("href"), "取消 leads back to the article");
        assertEquals(200, boss.get("/articles/live-one").status(), "nothing changed yet");

        Page done = boss.submit(asked, "form.confirm-actions", Map.of());

        assertEquals(303, done.status(), done.body());
        assertEquals(404, boss.get("/articles/live-one").status(), "the article is down once the answer is yes");
    }

    @Test
    void trashPurgeTopicDeletionAndDisablingAUserAskBeforeActing() {
        Article doomed = articles.create(Articles.edit("要删的文章").slug("doomed").topics("将删除的主题").build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
        long id = doomed.id();

        Page trashAsked = boss.submit(boss.get("/admin/articles/" + id + "/edit"), "form.trash-form", Map.of());
        assertEquals("把《要删的文章》移到回收站?", trashAsked.text("main h1"));
        assertEquals(200, boss.get("/articles/doomed").status());
        assertEquals(303, boss.submit(trashAsked, "form.confirm-actions", Map.of()).status());
        assertEquals(404, boss.get("/articles/doomed").status());

        Page purgeAsked = boss.submit(boss.get("/admin/trash"), "form[action=/admin/trash/" + id + "/purge]", Map.of());
        assertEquals("彻底删除《要删的文章》?", purgeAsked.text("main h1"));
        assertEquals("/admin/trash", purgeAsked.document().selectFirst(".confirm-actions a").attr("href"));
        assertTrue(boss.get("/admin/trash").text("main").contains("要删的文章"), "still in the trash");
        assertEquals(303, boss.submit(purgeAsked, "form.confirm-actions", Map.of()).status());
        assertTrue(!boss.get("/admin/trash").text("main").contains("要删的文章"), "purged");

        long topicId = topics.idOf("将删除的主题").orElseThrow();
        Page topicAsked = boss.submit(boss.get("/admin/topics"), "form[action=/admin/topics/" + topicId + "/delete]",
                Map.of());
        assertEquals("删除主题“将删除的主题”?", topicAsked.text("main h1"));
        assertTrue(topics.find(topicId).isPresent(), "the topic is still there");
        assertEquals(303, boss.submit(topicAsked, "form.confirm-actions", Map.of()).status());
        assertTrue(topics.find(topicId).isEmpty(), "deleted once the answer is yes");

        long writer = users.create("writer", "写手", "writer-password", Role.AUTHOR).id();
        Page userAsked = boss.submit(boss.get("/admin/users"), "form[action=/admin/users/" + writer + "/disable]",
                Map.of());
        assertEquals("停用用户 writer?", userAsked.text("main h1"));
        assertTrue(users.find(writer).orElseThrow().enabled(), "still enabled");
        assertEquals(303, boss.submit(userAsked, "form.confirm-actions", Map.of()).status());
        assertTrue(!users.find(writer).orElseThrow().enabled(), "disabled once the answer is yes");
    }

    @Test
    void theQuestionPageStillNeedsTheCsrfTokenAndTheRightRole() {
        Article live = articles.create(Articles.edit("受保护的文章").slug("guarded").body("正文。").build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
        Page forged = boss.post("/admin/articles/" + live.id() + "/unpublish", Map.of("confirmed", "yes"));
        assertEquals(403, forged.status(), "no CSRF token, no action");

        users.create("author1", "作者", "author-password", Role.AUTHOR);
        Browser author = Browser.signedIn(server.getURI(), "author1", "author-password");
        Page saved = author.submit(author.get("/admin/articles/new"), "form.article-form",
                Map.of("title", "作者的草稿", "body", "正文。", "action", "save"));
        Page own = author.get(saved.header("Location"));
        assertEquals("作者的草稿", own.document().selectFirst("#title").val());
        assertTrue(own.document().select(".danger-zone").isEmpty(), "an author is offered no destructive action");
        assertEquals(403, author.post("/admin/articles/" + live.id() + "/unpublish", Map.of("confirmed", "yes",
                "csrf", own.document().selectFirst("input[name=csrf]").val())).status(), "nor allowed one");
        assertEquals(200, boss.get("/articles/guarded").status());
    }
}
