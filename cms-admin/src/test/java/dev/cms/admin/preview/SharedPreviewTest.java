package dev.cms.admin.preview;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.ArticleTrashService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.MutableClock;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review links: made on the edit page by someone who may edit the article, opened by a reviewer
 * with no account, showing the saved draft in the public template until the link expires (moved
 * on with the injected clock); altered links and links to deleted articles show a page that says so.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedPreviewTest implements TestPropertyProvider {

    static final Instant START = Instant.parse("2030-03-01T04:00:00Z");

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleEditService articles;

    @Inject
    ArticleTrashService articleTrash;

    @Inject
    MutableClock clock;

    Article draft;
    Article other;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(AuthorNodeTestSupport.properties("shared-preview"));
        props.put("cms.test.clock", START.toString());
        props.put("cms.preview.link-ttl", "2h");
        return props;
    }

    @BeforeAll
    void content() {
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
        users.create("au", "作者", "author-password", Role.AUTHOR);
        draft = articles.create(Articles.edit("审阅中的稿件").slug("review-draft").summary("摘要")
                .body("## 待审阅的正文\n\n只在草稿里的一句话。").topics("审阅").build(), SaveAction.SAVE, Actor.SYSTEM);
        other = articles.create(Articles.edit("另一篇秘密草稿").slug("other-draft").body("别人的秘密正文").build(), SaveAction.SAVE, Actor.SYSTEM);
    }

    @BeforeEach
    void resetClock() {
        clock.set(START);
    }

    private Browser login(String username, String password) {
        return Browser.signedIn(server.getURI(), username, password);
    }

    /** Presses the share button on the article's edit page and reads the link it shows. */
    private String shareLink(Browser browser, long articleId) {
        Page edit = browser.get("/admin/articles/" + articleId + "/edit");
        Page made = browser.submit(edit, "form.share-form", Map.of());
        assertEquals(303, made.status(), made.body());
        Page shown = browser.follow(made);
        String link = shown.document().selectFirst("input#preview-link").val();
        assertTrue(link.startsWith(server.getURI().toString().replaceAll("/$", "") + "/preview/"), link);
        return URI.create(link).getPath();
    }

    @Test
    void reviewerWithoutAccountReadsTheSavedDraft() {
        String path = shareLink(login("ed", "editor-password"), draft.id());
        Page preview = new Browser(server.getURI()).get(path);
        assertEquals(200, preview.status(), preview.body());
        assertEquals("审阅中的稿件", preview.text(".article h1"));
        assertEquals("待审阅的正文", preview.text(".article .body h2"));
        assertTrue(preview.text(".article .body").contains("只在草稿里的一句话。"));
        assertTrue(preview.text(".preview-banner").contains("2030-03-01 14:00:00"), "expiry in the site's zone: " + preview.text(".preview-banner"));
        assertEquals("noindex", preview.document().selectFirst("meta[name=robots]").attr("content"));
        assertTrue(preview.header("X-Robots-Tag").contains("noindex"));
        assertEquals("no-store", preview.header("Cache-Control"));
        assertEquals("no-referrer", preview.header("Referrer-Policy"));
        assertNull(preview.document().selectFirst("form[action=/admin/logout]"), "nothing of the admin");
        assertEquals(404, new Browser(server.getURI()).get("/articles/review-draft").status(), "still not public");
    }

    @Test
    void linkStopsWorkingWhenTheClockPassesItsExpiry() {
        String path = shareLink(login("ed", "editor-password"), draft.id());
        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertEquals(200, new Browser(server.getURI()).get(path).status());
        clock.advance(Duration.ofSeconds(1));
        Page expired = new Browser(server.getURI()).get(path);
        assertEquals(410, expired.status());
        assertTrue(expired.text(".preview-unavailable").contains("过期"), expired.text(".preview-unavailable"));
        assertTrue(expired.text("body").indexOf("审阅中的稿件") < 0, "no draft text on the refusal");
        assertEquals("no-store", expired.header("Cache-Control"));
    }

    @Test
    void alteredLinksAreRefusedAndNeverShowAnotherArticle() {
        String path = shareLink(login("ed", "editor-password"), draft.id());
        String token = path.substring("/preview/".length());
        String[] parts = token.split("\\.");
        String signature = parts[2];
        char last = signature.charAt(signature.length() - 1);
        List<String> altered = List.of(
                parts[0] + "." + parts[1] + "." + signature.substring(0, signature.length() - 1) + (last == 'A' ? 'B' : 'A'),
                other.id() + "." + parts[1] + "." + signature,
                parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + signature,
                parts[0] + "." + parts[1],
                "not-a-token",
                parts[0] + "." + parts[1] + "." + signature + ".extra");
        for (String token2 : altered) {
            Page refused = new Browser(server.getURI()).get("/preview/" + token2);
            assertEquals(404, refused.status(), token2);
            assertNotNull(refused.document().selectFirst(".preview-unavailable"), token2 + "\n" + refused.body());
            assertTrue(!refused.body().contains("另一篇秘密草稿") && !refused.body().contains("别人的秘密正文"), token2);
        }
        String csrfToken = new Browser(server.getURI()).get("/admin/login").document().selectFirst("input[name=csrf]").val();
        assertEquals(404, new Browser(server.getURI()).get("/preview/" + csrfToken).status(), "a CSRF token is no preview token");
    }

    @Test
    void linkToADeletedArticleSaysItIsGone() {
        Article doomed = articles.create(Articles.edit("要删的草稿").slug("doomed-draft").body("x").build(), SaveAction.SAVE, Actor.SYSTEM);
        String path = shareLink(login("ed", "editor-password"), doomed.id());
        articleTrash.trash(doomed.id(), Actor.SYSTEM);
        Page trashed = new Browser(server.getURI()).get(path);
        assertEquals(410, trashed.status());
        assertTrue(trashed.text(".preview-unavailable").contains("删除"));
        articleTrash.purge(doomed.id(), Actor.SYSTEM);
        assertEquals(410, new Browser(server.getURI()).get(path).status());
    }

    @Test
    void previewShowsTheLatestSavedVersion() {
        Browser editor = login("ed", "editor-password");
        Article a = articles.create(Articles.edit("改动前").slug("changing-draft").body("旧正文").build(), SaveAction.SAVE, Actor.SYSTEM);
        String path = shareLink(editor, a.id());
        Page edit = editor.get("/admin/articles/" + a.id() + "/edit");
        assertEquals(303, editor.submit(edit, "form.article-form", Map.of("title", "改动后", "body", "新正文", "action", "save")).status());
        Page preview = new Browser(server.getURI()).get(path);
        assertEquals("改动后", preview.text(".article h1"));
        assertEquals("新正文", preview.text(".article .body"));
    }

    @Test
    void onlyThoseWhoMayEditAnArticleMakeItsLink() {
        Browser author = login("au", "author-password");
        Page own = author.post("/admin/articles", Map.of("csrf", author.get("/admin/articles/new").document()
                .selectFirst("input[name=csrf]").val(), "title", "作者自己的", "body", "作者的正文", "action", "save"));
        long ownId = Long.parseLong(own.header("Location").replaceAll(".*/articles/(\\d+)/edit.*", "$1"));
        String path = shareLink(author, ownId);
        assertEquals("作者自己的", new Browser(server.getURI()).get(path).text(".article h1"));

        String token = author.get("/admin/articles/new").document().selectFirst("input[name=csrf]").val();
        Page refused = author.post("/admin/articles/" + draft.id() + "/preview-link", Map.of("csrf", token));
        assertEquals(403, refused.status());
        assertNull(refused.header("Location"));

        Page anonymous = new Browser(server.getURI()).post("/admin/articles/" + draft.id() + "/preview-link", Map.of());
        assertTrue(anonymous.header("Location") == null || !anonymous.header("Location").contains("previewLink"),
                "no link for a stranger: " + anonymous.status() + " " + anonymous.header("Location"));
    }

    @Test
    void editPageShowsOnlyALinkMadeForThatArticle() {
        Browser editor = login("ed", "editor-password");
        String path = shareLink(editor, draft.id());
        String token = path.substring("/preview/".length());
        Page elsewhere = editor.get("/admin/articles/" + other.id() + "/edit?previewLink=" + token);
        assertEquals(200, elsewhere.status());
        assertNull(elsewhere.document().selectFirst("input#preview-link"));
    }
}
