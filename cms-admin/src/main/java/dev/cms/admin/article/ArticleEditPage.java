package dev.cms.admin.article;

import dev.cms.core.article.Article;
import dev.cms.core.article.PendingChange;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * The article form, new or edit: the form as typed with its errors; the stored {@code article} when
 * editing; {@code articleId} alone when a save of that article is shown again without it (the
 * database could not be reached); after an edit conflict, the version saved meanwhile
 * ({@code conflict}); the site's time zone for the publish time; a review link just made; the
 * images the featured image may be chosen from (null when the library could not be read: the typed
 * choice is then kept as it is); the pending change of a published article, when it has one (the
 * form then shows it, not the live version).
 */
public record ArticleEditPage(ArticleForm form,
                              Map<String, String> errors,
                              @Nullable Article article,
                              @Nullable Long articleId,
                              @Nullable ArticleForm conflict,
                              String timeZone,
                              @Nullable ReviewLink previewLink,
                              @Nullable List<ImageChoice> images,
                              @Nullable PendingChange pending) {

    /** An image of the media library offered as the featured image: its id (the form's value), URL, name and size. */
    public record ImageChoice(String id, String url, String name, int width, int height) {
    }

    /** A signed review link of this article: the whole URL to pass on, and until when it works. */
    public record ReviewLink(String url, String expires) {
    }
}
