package dev.cms.admin;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.user.Actor;
import dev.cms.core.user.InvalidUserException;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A site in English (CMS_LANGUAGE=en) tells its editors what went wrong in English: the services'
 * validation messages and the admin's own, as editors see them over HTTP.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnglishAdminMessagesTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleEditService articles;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(AuthorNodeTestSupport.properties("english-admin"));
        properties.put("cms.language", "en");
        return properties;
    }

    @Test
    void destructiveActionsAskInTheSiteLanguage() {
        users.create("boss", "Boss", "boss-password", Role.ADMIN);
        Article live = articles.create(Articles.edit("Live one").slug("live-one").body("Text").build(), SaveAction.PUBLISH,
                Actor.SYSTEM);
        Browser boss = login("boss", "boss-password");

        Page asked = boss.submit(boss.get("/admin/articles/" + live.id() + "/edit"), ".danger-zone form[action$=/unpublish]",
                Map.of());

        assertEquals(200, asked.status());
        assertEquals("Unpublish “Live one”?", asked.text("main h1"));
        assertEquals("Unpublish", asked.text("form.confirm-actions button"));
        assertEquals("Cancel", asked.text("form.confirm-actions a"));
    }

    @Test
    void siteSettingsSpeakEnglishAndKeepWhatWasTyped() {
        users.create("owner", "Owner", "owner-password", Role.ADMIN);
        Browser owner = login("owner", "owner-password");

        Page refused = owner.submit(owner.get("/admin/settings"), "form.site-settings", Map.of("siteName", "My notes",
                "navigation", "Guides | javascript:alert(1)"));

        assertEquals(422, refused.status());
        assertEquals("Site settings", refused.text("main h1"));
        assertEquals("Navigation line 1: \"javascript:alert(1)\" is neither the name of a topic, nor a site path starting"
                + " with /, nor an http(s) URL", refused.text("#navigation-error"));
        assertEquals("My notes", refused.document().selectFirst("#siteName").val(), "what was typed is kept");
    }

    @Test
    void editorsReadEveryRefusalInTheSiteLanguage() {
        Browser setup = new Browser(server.getURI());
        Page mismatch = setup.submit(setup.get("/admin/setup"), "form", Map.of("username", "admin",
                "displayName", "Admin", "password", "a-long-password", "passwordConfirm", "another-password"));
        assertEquals(422, mismatch.status());
        assertEquals("The two passwords differ", mismatch.text("#passwordConfirm-error"));

        Page shortPassword = setup.submit(setup.get("/admin/setup"), "form", Map.of("username", "admin",
                "displayName", "Admin", "password", "short", "passwordConfirm", "short"));
        assertEquals(422, shortPassword.status());
        assertEquals("A password must be " + UserService.MIN_PASSWORD + "–" + UserService.MAX_PASSWORD + " characters",
                shortPassword.text("#password-error"));

        users.create("ed", "Ed", "editor-password", Role.EDITOR);
        users.create("ed2", "Ed Two", "editor2-password", Role.EDITOR);
        Browser ed = login("ed", "editor-password");
        Page untitled = ed.submit(ed.get("/admin/articles/new"), "form.article-form", Map.of("title", " ",
                "body", "Some text", "publishTime", "tomorrow", "action", "save"));
        assertEquals(422, untitled.status());
        assertEquals("The publish time must look like yyyy-MM-dd HH:mm:ss", untitled.text("#publishTime-error"));
        Page noTitle = ed.submit(untitled, "form.article-form", Map.of("publishTime", ""));
        assertEquals("The title cannot be empty", noTitle.text("#title-error"));

        Article shared = articles.create(Articles.edit("Shared").slug("shared").body("First text").build(), SaveAction.SAVE, Actor.SYSTEM);
        Browser ed2 = login("ed2", "editor2-password");
        String edit = "/admin/articles/" + shared.id() + "/edit";
        Page stale = ed.get(edit);
        assertEquals(303, ed2.submit(ed2.get(edit), "form.article-form", Map.of("body", "Saved first", "action",
                "save")).status());
        Page conflict = ed.submit(stale, "form.article-form", Map.of("body", "Saved second", "action", "save"));
        assertEquals(409, conflict.status());
        assertEquals("Someone else changed this article while you were editing it. Your text is still in the form"
                + " below; the saved version is shown beside it: merge them, then save again.",
                conflict.text("#version-error"));

        InvalidUserException taken = assertThrows(InvalidUserException.class,
                () -> users.create("ed", "Ed again", "editor-password", Role.EDITOR));
        assertEquals("The username \"ed\" is taken", taken.errors().get("username"));
    }

    @Test
    void changesSayWhatTheyDidInTheSiteLanguage() {
        users.create("pub", "Pub", "publisher-password", Role.EDITOR);
        Browser pub = login("pub", "publisher-password");
        Page answer = pub.submit(pub.get("/admin/articles/new"), "form.article-form",
                Map.of("title", "Notice", "body", "Text", "action", "publish"));
        assertEquals(303, answer.status(), answer.body());
        assertEquals("Published.", pub.get(answer.header("Location")).text("main p.notice[role=status]"));
    }

    private Browser login(String username, String password) {
        return Browser.signedIn(server.getURI(), username, password);
    }
}
