package dev.cms.admin.media;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The media library page: the upload form (with why the last upload was refused, if it was),
 * then the images newest first, each with what an editor needs to put it in an article.
 */
public record MediaLibraryPage(List<Item> items,
                               @Nullable Long olderBefore,
                               String maxSize,
                               @Nullable String refusal,
                               @Nullable Long uploaded) {

    /** One image: URL, markdown snippet, display name, type, size and pixels, who and when. */
    public record Item(long id, String url, String markdown, String name, String type, String size,
                       int width, int height, String uploadedBy, String uploadedAt) {
    }
}
