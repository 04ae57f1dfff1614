package dev.cms.admin.auth;

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

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CSRF token pairs (cookie and form field) belong to one sign-in: another user's pair, a pair from
 * the signed-out login page or from an earlier sign-in is refused with this login cookie; and the
 * signed-out login form answers at once even when it is sent a large body.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfBindingTest implements TestPropertyProvider {

    private static final String LOGIN_COOKIE = "cms_auth";

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
        return AuthorNodeTestSupport.properties("csrf-binding");
    }

    @BeforeAll
    void people() {
        users.create("alice", "甲编辑", "alice-password", Role.EDITOR);
        users.create("bob", "乙编辑", "bob-password", Role.EDITOR);
    }

    /** A browser holding exactly this login cookie and this CSRF cookie, as a forger would set them up. */
    private Browser holding(String loginCookie, String csrfCookie) {
        Browser browser = new Browser(server.getURI());
        browser.setCookie(LOGIN_COOKIE, loginCookie);
        browser.setCookie(CsrfTokens.COOKIE, csrfCookie);
        return browser;
    }

    private Article draft(String slug) {
        return articles.create(Articles.edit("原标题").slug(slug).body("原正文").build(), SaveAction.SAVE, Actor.SYSTEM);
    }

    private static Map<String, String> save(Page form, String title) {
        String version = form.document().selectFirst("form.article-form input[name=version]").val();
        String token = form.document().selectFirst("form.article-form input[name=csrf]").val();
        return Map.of("csrf", token, "version", version, "title", title, "body", "改过的正文", "action", "save");
    }

    @Test
    void anotherUsersTokenPairIsRefusedWithThisUsersLogin() {
        Article article = draft("binding-other-user");
        Browser alice = Browser.signedIn(server.getURI(), "alice", "alice-password");
        Browser bob = Browser.signedIn(server.getURI(), "bob", "bob-password");
        Page alicesForm = alice.get("/admin/articles/" + article.id() + "/edit");
        bob.get("/admin/articles");

        Page forged = holding(bob.cookie(LOGIN_COOKIE), alice.cookie(CsrfTokens.COOKIE))
                .post("/admin/articles/" + article.id(), save(alicesForm, "乙用甲的令牌"));

        assertEquals(403, forged.status());
        assertEquals("原标题", adminArticles.find(article.id()).orElseThrow().title(), "nothing changed");
        Page own = holding(alice.cookie(LOGIN_COOKIE), alice.cookie(CsrfTokens.COOKIE))
                .post("/admin/articles/" + article.id(), save(alicesForm, "甲自己保存"));
        assertEquals(303, own.status(), "the same pair works with the login it was issued to");
        assertEquals("甲自己保存", adminArticles.find(article.id()).orElseThrow().title());
    }

    @Test
    void tokenPairOfAnEarlierSignInOrOfTheLoginPageIsRefused() {
        Article article = draft("binding-earlier-login");
        Browser earlier = Browser.signedIn(server.getURI(), "alice", "alice-password");
        Page earlierForm = earlier.get("/admin/articles/" + article.id() + "/edit");
        Browser later = Browser.signedIn(server.getURI(), "alice", "alice-password");
        later.get("/admin/articles");
        assertNotEquals(earlier.cookie(LOGIN_COOKIE), later.cookie(LOGIN_COOKIE), "each sign-in is a login cookie of its own");
        Browser signedOut = new Browser(server.getURI());
        String loginPageToken = signedOut.get("/admin/login").document().selectFirst("input[name=csrf]").val();

        assertEquals(403, holding(later.cookie(LOGIN_COOKIE), earlier.cookie(CsrfTokens.COOKIE))
                .post("/admin/articles/" + article.id(), save(earlierForm, "旧登录的令牌")).status());
        Map<String, String> withLoginPageToken = new java.util.HashMap<>(save(earlierForm, "登录页的令牌"));
        withLoginPageToken.put("csrf", loginPageToken);
        assertEquals(403, holding(later.cookie(LOGIN_COOKIE), signedOut.cookie(CsrfTokens.COOKIE))
                .post("/admin/articles/" + article.id(), withLoginPageToken).status());
        assertEquals("原标题", adminArticles.find(article.id()).orElseThrow().title(), "nothing changed");
    }

    @Test
    void signingInGivesTheBrowserATokenForItsNewLogin() {
        Article article = draft("binding-fresh-token");
        Browser browser = new Browser(server.getURI());
        String before = browser.get("/admin/login").document().selectFirst("input[name=csrf]").val();
        Page in = browser.submit(browser.get("/admin/login"), "form[action=/admin/login]",
                Map.of("username", "alice", "password", "alice-password"));
        assertEquals(303, in.status());

        Page form = browser.get("/admin/articles/" + article.id() + "/edit");
        String after = form.document().selectFirst("form.article-form input[name=csrf]").val();
        assertNotEquals(before, after, "a new token once signed in");
        assertEquals(303, browser.submit(form, "form.article-form", Map.of("title", "登录后保存", "action", "save")).status());
    }

    @Test
    void largeSignedOutLoginPostIsAnsweredAtOnce() {
        Browser visitor = new Browser(server.getURI());
        Page login = visitor.get("/admin/login");
        String name = "用户".repeat(100_000);

        Page answer = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> visitor.submit(login, "form[action=/admin/login]",
                Map.of("username", name, "password", "wrong-password")));
        assertTrue(answer.status() >= 400 && answer.status() < 500, "status " + answer.status());
        assertNotNull(answer.document().selectFirst("form[action=/admin/login]"), "the login page again");

        Page withoutToken = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> new Browser(server.getURI())
                .post("/admin/login", Map.of("username", name, "password", "wrong-password")));
        assertEquals(403, withoutToken.status());
    }
}
