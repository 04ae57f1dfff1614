package dev.cms.admin.auth;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.testing.MutableClock;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An editor whose login ended while they were writing loses nothing: the save goes to a login
 * page that keeps (and shows) what they sent, and once they are logged in again a page loaded under
 * the new login (so with a CSRF token it accepts) sends it, with one press, to where it was going.
 * Time is the test's clock.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpiredLoginSaveTest implements TestPropertyProvider {

    static final String TEXT = "第一段,写了很久。\n\n## 第二步\n\n<script>alert('x')</script> & \"quoted\" 'text' ©";

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(AuthorNodeTestSupport.properties("expired-save"));
        props.put("cms.test.clock", "2030-01-01T08:00:00Z");
        return props;
    }

    @BeforeAll
    void people() {
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
        users.create("chief", "总编", "chief-password", Role.ADMIN);
    }

    private static String lines(String text) {
        return text.replace("\r\n", "\n");
    }

    /** The save whose login has ended, sent on by 307 to the login page that keeps it. */
    private Page saveAfterTheLoginEnded(Browser ed, Page editPage, Map<String, String> typed) {
        Map<String, String> fields = Browser.fields(editPage, "form.article-form", typed);
        Page save = ed.post(editPage.document().selectFirst("form.article-form").attr("action"), fields);
        assertEquals(307, save.status(), "the browser is told to post the same fields to the login page");
        assertTrue(save.header("Location").startsWith(LoginController.RESUME_PATH + "?to="), save.header("Location"));
        Page login = ed.followPost(save, fields);
        assertEquals(401, login.status());
        assertNotNull(login.text("[role=status]"), "the page says why and that nothing is lost");
        return login;
    }

    /** The login that carried the form: it leads to the page that sends it again. */
    private Page resumePage(Browser browser, Page login, String password) {
        Page in = browser.submit(login, "form[action=/admin/login]", Map.of("username", "ed", "password", password));
        assertEquals(303, in.status(), in.body());
        assertTrue(in.header("Location").startsWith(ResumeController.PATH), in.header("Location"));
        Page resume = browser.follow(in);
        assertEquals(200, resume.status());
        return resume;
    }

    @Test
    void aNewArticleSavedTwelveHoursAfterLoginIsKeptThroughTheLoginAndSaved() {
        Browser ed = Browser.signedIn(server.getURI(), "ed", "editor-password");
        Page editor = ed.get("/admin/articles/new");
        clock.advance(Duration.ofHours(12).plusMinutes(5));

        Page login = saveAfterTheLoginEnded(ed, editor, Map.of("title", "写了一晚上", "body", TEXT, "action", "save"));
        assertEquals(lines(TEXT), lines(login.document().select(".resume-kept textarea").stream()
                .filter(t -> t.wholeText().contains("第二步")).findFirst().orElseThrow().wholeText()),
                "the text typed is on the login page, to see and copy");

        Page wrong = ed.submit(login, "form[action=/admin/login]", Map.of("username", "ed", "password", "mistyped"));
        assertEquals(401, wrong.status());
        Page resume = resumePage(ed, wrong, "editor-password");

        Page saved = ed.submit(resume, "form.resume-form", Map.of());
        assertEquals(303, saved.status(), saved.body());
        Page edit = ed.follow(saved);
        assertEquals("写了一晚上", edit.document().selectFirst("#title").val());
        assertEquals(lines(TEXT), lines(edit.document().selectFirst("#body").wholeText()));
    }

    @Test
    void anEditSavedAfterThePasswordChangedOnAnotherDeviceIsSavedAfterLoggingInAgain() {
        Browser ed = Browser.signedIn(server.getURI(), "ed", "editor-password");
        Page created = ed.submit(ed.get("/admin/articles/new"), "form.article-form",
                Map.of("title", "旧标题", "body", "旧正文", "action", "save"));
        assertEquals(303, created.status());
        Page editor = ed.get(created.header("Location"));

        // Changing the password on another device signs this browser's login out.
        users.changeOwnPassword("ed", "editor-password", "editor-password-2");
        try {
            Page login = saveAfterTheLoginEnded(ed, editor, Map.of("body", TEXT, "action", "save"));
            Page resume = resumePage(ed, login, "editor-password-2");
            Page saved = ed.submit(resume, "form.resume-form", Map.of());
            assertEquals(303, saved.status(), saved.body());
            assertEquals(lines(TEXT), lines(ed.follow(saved).document().selectFirst("#body").wholeText()));

            Browser other = Browser.signedIn(server.getURI(), "chief", "chief-password");
            assertEquals(404, other.get(resume.uri().getPath()).status(), "a kept form is its user's alone");
        } finally {
            users.changeOwnPassword("ed", "editor-password-2", "editor-password");
        }
    }

    @Test
    void aPlainLoginStillLeadsToTheAdminWithNothingToResend() {
        Browser browser = new Browser(server.getURI());
        Page in = browser.submit(browser.get("/admin/login"), "form[action=/admin/login]",
                Map.of("username", "ed", "password", "editor-password"));
        assertEquals(303, in.status());
        assertEquals("/admin", in.header("Location"));
        assertNull(browser.get("/admin/login").document().selectFirst("input[name=resumeBody]"));
    }
}
