package dev.cms.admin.auth;

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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * After login the editor lands on the admin page they first asked for, and never anywhere but a
 * local admin path, whatever a crafted login link or form says.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginRedirectTest implements TestPropertyProvider {

    static final List<String> HOSTILE = List.of(
            "//evil.com",
            "https://evil.com",
            "http://evil.com/admin",
            "/\\evil.com",
            "\\\\evil.com",
            "%2F%2Fevil.com",
            "/%2F%2Fevil.com",
            "/admin/%2F%2Fevil.com",
            "/admin%2F..%2F..%2F%2Fevil.com",
            "/%5Cevil.com",
            "/admin\\..\\..\\evil.com",
            "/admin/../..//evil.com",
            "/admin/..",
            "//admin",
            "/admin.evil.com",
            "/admin@evil.com",
            "/adminx",
            "/admin\r\nLocation: https://evil.com",
            "/admin/%0d%0aSet-Cookie:x=1",
            "/admin\t/x",
            "/admin/ x",
            "javascript:alert(1)",
            " /admin/articles",
            "/articles/public-page",
            "");

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("login-redirect");
    }

    @BeforeAll
    void people() {
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
    }

    private Page login(Browser browser, Page loginPage) {
        return browser.submit(loginPage, "form[action=/admin/login]", Map.of("username", "ed", "password", "editor-password"));
    }

    @Test
    void loginLeadsBackToTheAdminPageFirstAskedFor() {
        Browser browser = new Browser(server.getURI());
        Page refused = browser.get("/admin/articles/5/edit");
        assertEquals(303, refused.status());
        assertEquals("/admin/login?next=%2Fadmin%2Farticles%2F5%2Fedit", refused.header("Location"));
        Page loginPage = browser.follow(refused);
        assertEquals("/admin/articles/5/edit", loginPage.document().selectFirst("form[action=/admin/login] input[name=next]").val());
        Page in = login(browser, loginPage);
        assertEquals(303, in.status());
        assertEquals("/admin/articles/5/edit", in.header("Location"));
    }

    @Test
    void queryOfThePageAskedForIsKept() {
        Browser browser = new Browser(server.getURI());
        Page refused = browser.get("/admin/articles?status=DRAFT&q=%E6%B5%8B");
        Page in = login(browser, browser.follow(refused));
        assertEquals("/admin/articles?status=DRAFT&q=%E6%B5%8B", in.header("Location"));
        assertEquals(200, browser.get(in.header("Location")).status());
    }

    @Test
    void loginWithoutNextGoesToTheAdminHome() {
        Browser browser = new Browser(server.getURI());
        Page loginPage = browser.get("/admin/login");
        assertNull(loginPage.document().selectFirst("input[name=next]"));
        assertEquals("/admin", login(browser, loginPage).header("Location"));
    }

    @Test
    void hostileNextInALoginLinkIsDropped() {
        for (String hostile : HOSTILE) {
            Browser browser = new Browser(server.getURI());
            Page loginPage = browser.get("/admin/login?next=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
            assertEquals(200, loginPage.status(), hostile);
            assertNull(loginPage.document().selectFirst("input[name=next]"), hostile);
            assertEquals("/admin", login(browser, loginPage).header("Location"), hostile);
        }
    }

    @Test
    void hostileNextPostedWithTheFormFallsBackToTheAdminHome() {
        for (String hostile : HOSTILE) {
            Browser browser = new Browser(server.getURI());
            Page in = browser.submit(browser.get("/admin/login"), "form[action=/admin/login]",
                    Map.of("username", "ed", "password", "editor-password", "next", hostile));
            assertEquals(303, in.status(), hostile);
            assertEquals("/admin", in.header("Location"), hostile);
        }
    }

    @Test
    void failedLoginKeepsTheSafeNext() {
        Browser browser = new Browser(server.getURI());
        Page loginPage = browser.follow(browser.get("/admin/topics"));
        Page wrong = browser.submit(loginPage, "form[action=/admin/login]", Map.of("username", "ed", "password", "wrong-password"));
        assertEquals(401, wrong.status());
        assertEquals("/admin/topics", wrong.document().selectFirst("input[name=next]").val());
        assertEquals("/admin/topics", login(browser, wrong).header("Location"));
    }
}
