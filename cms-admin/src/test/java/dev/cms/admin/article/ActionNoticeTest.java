package dev.cms.admin.article;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
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
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every change in the admin says what it did on the page it lands on (issue 13, defect 2): the
 * editor follows each redirect as a browser does and reads the notice.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActionNoticeTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("action-notice");
    }

    @BeforeAll
    void people() {
        users.create("boss", "站长", "admin-password", Role.ADMIN);
    }

    /** Submits the form, expects a 303 and returns the page it leads to. */
    private static Page act(Browser browser, Page page, String form, Map<String, String> fields) {
        Page answer = browser.submit(page, form, fields);
        assertEquals(303, answer.status(), answer.body());
        return browser.get(answer.header("Location"));
    }

    private static String notice(Page page) {
        return page.document().selectFirst("main p.notice[role=status]") == null ? null
                : page.text("main p.notice[role=status]");
    }

    @Test
    void articleActionsSayWhatTheyDid() {
        Browser boss = Browser.signedIn(server.getURI(), "boss", "admin-password");
        Page draft = act(boss, boss.get("/admin/articles/new"), "form.article-form",
                Map.of("title", "通知测试", "body", "正文。", "action", "save"));
        assertEquals("已保存。", notice(draft));
        String id = draft.uri().getPath().replaceAll("[^0-9]", "");

        Page scheduled = act(boss, draft, "form.article-form", Map.of("publishTime", "2099-01-01 10:00:00", "action", "publish"));
        assertEquals("已定时发布。", notice(scheduled));
        Page unscheduled = act(boss, scheduled, "form[action=/admin/articles/" + id + "/unschedule]", Map.of("confirmed", "yes"));
        assertEquals("已取消定时发布。", notice(unscheduled));

        Page published = act(boss, unscheduled, "form.article-form", Map.of("publishTime", "", "action", "publish"));
        assertEquals("已发布。", notice(published));
        Page unpublished = act(boss, published, "form[action=/admin/articles/" + id + "/unpublish]", Map.of("confirmed", "yes"));
        assertEquals("已撤下。", notice(unpublished));

        Page trash = act(boss, unpublished, "form[action=/admin/articles/" + id + "/trash]", Map.of("confirmed", "yes"));
        assertEquals("已移到回收站。", notice(trash));
        Page restored = act(boss, trash, "form[action=/admin/trash/" + id + "/restore]", Map.of());
        assertEquals("已从回收站恢复。", notice(restored));
        trash = act(boss, restored, "form[action=/admin/articles/" + id + "/trash]", Map.of("confirmed", "yes"));
        Page purged = act(boss, trash, "form[action=/admin/trash/" + id + "/purge]", Map.of("confirmed", "yes"));
        assertEquals("已永久删除。", notice(purged));

        assertNull(notice(boss.get("/admin/trash")), "a page reached without an action says nothing");
    }

    @Test
    void topicAndUserActionsSayWhatTheyDid() {
        Browser boss = Browser.signedIn(server.getURI(), "boss", "admin-password");
        Page topics = act(boss, boss.get("/admin/topics"), "form.new-topic", Map.of("name", "通知话题"));
        assertEquals("已创建话题。", notice(topics));

        Page userList = act(boss, boss.get("/admin/users"), "form.create-user", Map.of("username", "writer",
                "displayName", "写手", "password", "writer-password", "role", "AUTHOR"));
        assertEquals("已创建用户。", notice(userList));
        String writerId = users.find("writer").orElseThrow().id().toString();
        Page disabled = act(boss, userList, "form[action=/admin/users/" + writerId + "/disable]", Map.of("confirmed", "yes"));
        assertEquals("已停用用户。", notice(disabled));
    }

    @Test
    void theHeaderNamesTheUserAndTheMainActionStandsOut() {
        users.create("au", "小作者", "author-password", Role.AUTHOR);
        Browser boss = Browser.signedIn(server.getURI(), "boss", "admin-password");
        Page bossForm = boss.get("/admin/articles/new");
        assertEquals("站长", bossForm.text("header .user"));
        assertEquals("publish", bossForm.document().select(".actions button.primary").attr("value"),
                "an editor's main action is publishing");
        assertEquals(1, bossForm.document().select(".actions button.primary").size());

        Browser au = Browser.signedIn(server.getURI(), "au", "author-password");
        Page auForm = au.get("/admin/articles/new");
        assertEquals("小作者", auForm.text("header .user"));
        assertEquals("save", auForm.document().select(".actions button.primary").attr("value"),
                "an author's is saving");
        assertEquals(1, auForm.document().select(".actions button.primary").size());
    }

    @Test
    void onlyKnownActionsAreShownAndNothingTypedIntoTheLinkIsEchoed() {
        Browser boss = Browser.signedIn(server.getURI(), "boss", "admin-password");
        Page forged = boss.get("/admin/topics?done=%3Cb%3Ehacked%3C%2Fb%3E");
        assertEquals(200, forged.status());
        assertNull(notice(forged));
        assertNull(notice(boss.get("/admin/topics?done=admin.title")));
    }
}
