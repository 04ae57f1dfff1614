package dev.cms.admin.article;

import dev.cms.core.article.Article;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * The article form, new or edit: the form as typed with its errors; the stored {@code article} when
 * editing; {@code articleId} alone when a save of that article is shown again without it (the
 * database could not be reached); after an edit conflict, the version saved meanwhile
 * ({@code conflict}); the site's time zone for the publish time; a review link just made.
 */
public record ArticleEditPage(ArticleForm form,
                              Map<String, String> errors,
                              @Nullable Article article,
                              @Nullable Long articleId,
                              @Nullable ArticleForm conflict,
                              String timeZone,
                              @Nullable ReviewLink previewLink) {

    /** A signed review link of this article: the whole URL to pass on, and until when it works. */
    public record ReviewLink(String url, String expires) {
    }
}
