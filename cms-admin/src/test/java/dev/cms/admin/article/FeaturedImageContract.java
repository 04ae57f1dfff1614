package dev.cms.admin.article;

import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.ArticleRevisionService;
import dev.cms.core.article.PendingChangeService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.media.Media;
import dev.cms.core.media.MediaService;
import dev.cms.core.profile.SiteProfileEdit;
import dev.cms.core.profile.SiteProfileService;
import dev.cms.core.revision.RevisionRow;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestImages;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An article's featured image (题图) as editors choose it on the edit form and readers meet it: the
 * list thumbnail and the page's link-preview image, on every supported database: run by
 * {@link H2FeaturedImageTest} and {@link PostgresFeaturedImageTest}.
 */
abstract class FeaturedImageContract {

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    @Inject
    ArticleEditService articles;

    @Inject
    ArticleAdminService adminArticles;

    @Inject
    ArticleRevisionService revisions;

    @Inject
    MediaService media;

    @Inject
    PendingChangeService pendingChanges;

    @Inject
    SiteProfileService profiles;

    Media photo;
    Media shareImage;

    @BeforeAll
    void peopleAndImages() {
        users.create("boss", "管理员", "boss-password", Role.ADMIN);
        users.create("ed", "编辑", "editor-password", Role.EDITOR);
        users.create("au", "作者", "author-password", Role.AUTHOR);
        photo = media.store("海边.jpg", new ByteArrayInputStream(TestImages.jpeg(1200, 800)), "ed");
        shareImage = media.store("站点.png", new ByteArrayInputStream(TestImages.png(600, 315)), "boss");
        profiles.update(new SiteProfileEdit(null, null, null, null, null, null, shareImage.url()),
                new Actor(null, "boss", Role.ADMIN), "");
    }

    private Browser login(String username, String password) {
        return Browser.signedIn(server.getURI(), username, password);
    }

    private Element radio(Page page, String value) {
        return page.document().selectFirst("form.article-form input[type=radio][name=featuredImage][value=\"" + value + "\"]");
    }

    private Element homeEntry(Document home, String slug) {
        Element link = home.selectFirst(".article-list a[href=/articles/" + slug + "]");
        assertNotNull(link, "the article is on the home page:\n" + home.select(".article-list"));
        return link.closest("li");
    }

    @Test
    void anEditorChoosesAFeaturedImageReadersSeeItInListsAndLinkPreviewsAndClearingItGivesTheSiteImageBack() {
        Article article = articles.create(Articles.edit("海边的日落").slug("sunset").body("拍了几张照片。").build(),
                SaveAction.PUBLISH, Actor.SYSTEM);
        Browser reader = new Browser(server.getURI());
        // Cached before the change: the change must evict these pages.
        assertNull(homeEntry(reader.get("/").document(), "sunset").selectFirst("img"));
        assertTrue(reader.get("/articles/sunset").document().selectFirst("meta[property=og:image]").attr("content")
                .endsWith(shareImage.url()), "without one, the site's share image");

        Browser editor = login("ed", "editor-password");
        String edit = "/admin/articles/" + article.id() + "/edit";
        Page form = editor.get(edit);
        assertNotNull(radio(form, ""), "no featured image is a choice");
        assertTrue(radio(form, "").hasAttr("checked"));
        Element choice = radio(form, String.valueOf(photo.id()));
        assertNotNull(choice, "the library's images are offered:\n" + form.document().select("fieldset"));
        assertEquals("海边.jpg", choice.parent().selectFirst(".name").text());
        Page saved = editor.submit(form, "form.article-form",
                Map.of("featuredImage", String.valueOf(photo.id()), "action", "publish"));
        assertEquals(303, saved.status(), saved.body());
        assertTrue(radio(editor.follow(saved), String.valueOf(photo.id())).hasAttr("checked"), "the form shows the choice");

        Document page = reader.get("/articles/sunset").document();
        // Absolute, on the site's base URL (the one its canonical link is on).
        String base = page.selectFirst("link[rel=canonical]").attr("href").replace("/articles/sunset", "");
        assertEquals(base + photo.url(), page.selectFirst("meta[property=og:image]").attr("content"));
        assertEquals("summary_large_image", page.selectFirst("meta[name=twitter:card]").attr("content"));
        assertTrue(page.selectFirst("script[type=application/ld+json]").data()
                .contains("\"image\":\"" + base + photo.url() + "\""), "JSON-LD names the image");

        Element thumb = homeEntry(reader.get("/").document(), "sunset").selectFirst("img.thumb");
        assertNotNull(thumb, "the home list shows a thumbnail");
        assertEquals("", thumb.attr("alt"), "decorative beside the linked title");
        assertTrue(thumb.hasAttr("alt"));
        assertEquals("lazy", thumb.attr("loading"));
        assertTrue(Integer.parseInt(thumb.attr("width")) > 0 && Integer.parseInt(thumb.attr("height")) > 0);
        String small = photo.url().replace(".jpg", "-480w.jpg");
        assertEquals(small, thumb.attr("src"), "the smallest copy, not the 1200 px original");
        assertTrue(thumb.attr("srcset").contains(small + " 480w"), thumb.attr("srcset"));
        assertTrue(thumb.attr("srcset").contains(photo.url() + " 1200w"), thumb.attr("srcset"));
        assertEquals(200, reader.get(small).status(), "the copy the list names is served");

        Page cleared = editor.submit(editor.get(edit), "form.article-form", Map.of("featuredImage", "", "action", "publish"));
        assertEquals(303, cleared.status(), cleared.body());
        assertNull(homeEntry(reader.get("/").document(), "sunset").selectFirst("img"), "the thumbnail is gone");
        assertTrue(reader.get("/articles/sunset").document().selectFirst("meta[property=og:image]").attr("content")
                .endsWith(shareImage.url()), "the site's share image again");

        // Each save is a revision: putting back the one with the image puts the image back.
        List<RevisionRow> saves = revisions.revisions(article.id(), Actor.SYSTEM);
        revisions.restoreRevision(article.id(), saves.get(1).id(), Actor.SYSTEM);
        // On a published article the restored revision is its pending change, live after 更新.
        assertEquals(photo.path(), pendingChanges.find(article.id()).orElseThrow().featuredImagePath());
    }

    @Test
    void anAuthorCannotChooseWhatIsNotAnImageOfTheLibraryAndKeepsWhatWasTyped() {
        Browser author = login("au", "author-password");
        Page form = author.get("/admin/articles/new");
        Page refused = author.submit(form, "form.article-form", Map.of("title", "我的草稿", "body", "写了一半的正文",
                "featuredImage", "987654321", "action", "save"));

        assertEquals(422, refused.status(), refused.body());
        Element error = refused.document().selectFirst("#featuredImage-error");
        assertNotNull(error, "the field says what is wrong:\n" + refused.document().select("form"));
        assertTrue(error.text().contains("987654321"), error.text());
        assertEquals("我的草稿", refused.document().selectFirst("input#title").val(), "nothing typed is lost");
        assertEquals("写了一半的正文", refused.document().selectFirst("textarea#body").wholeText());
        assertTrue(radio(refused, "987654321").hasAttr("checked"), "the choice made is kept, marked as not in the library");

        Page notAnId = author.submit(form, "form.article-form", Map.of("title", "我的草稿", "body", "正文",
                "featuredImage", "../../etc/passwd", "action", "save"));
        assertEquals(422, notAnId.status());
        assertNotNull(notAnId.document().selectFirst("#featuredImage-error"));

        Page accepted = author.submit(refused, "form.article-form",
                Map.of("featuredImage", String.valueOf(photo.id()), "action", "save"));
        assertEquals(303, accepted.status(), "an author sets it as any other field");
        assertTrue(radio(author.follow(accepted), String.valueOf(photo.id())).hasAttr("checked"));
    }

    @Test
    void aConflictingSaveKeepsTheImageChosen() {
        Article article = articles.create(Articles.edit("两人同时改").slug("both-edit").body("正文").build(),
                SaveAction.SAVE, Actor.SYSTEM);
        Browser first = login("ed", "editor-password");
        Browser second = login("boss", "boss-password");
        String edit = "/admin/articles/" + article.id() + "/edit";
        Page stale = first.get(edit);
        assertEquals(303, second.submit(second.get(edit), "form.article-form", Map.of("body", "先保存", "action", "save")).status());

        Page conflict = first.submit(stale, "form.article-form",
                Map.of("featuredImage", String.valueOf(photo.id()), "action", "save"));

        assertEquals(409, conflict.status());
        assertTrue(radio(conflict, String.valueOf(photo.id())).hasAttr("checked"), "the chosen image is kept");
        assertEquals(303, first.submit(conflict, "form.article-form", Map.of("action", "save")).status());
        assertEquals(photo.path(), adminArticles.find(article.id()).orElseThrow().featuredImagePath());
    }
}
