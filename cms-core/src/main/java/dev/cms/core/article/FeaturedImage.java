package dev.cms.core.article;

import dev.cms.core.media.ImageType;
import dev.cms.core.media.ImageVariants;
import dev.cms.core.media.Media;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * An article's featured image (题图): an uploaded image by its media path, with its size in pixels,
 * as the article row keeps them. Lists show it as a thumbnail that offers the image's narrower
 * copies ({@link ImageVariants}); the article page gives it to link previews.
 */
public record FeaturedImage(String path, int width, int height) {

    /** The image a row's three columns describe, or null when it has none (or an incomplete one). */
    public static @Nullable FeaturedImage of(@Nullable String path, @Nullable Integer width, @Nullable Integer height) {
        if (path == null || width == null || height == null || width <= 0 || height <= 0) {
            return null;
        }
        return new FeaturedImage(path, width, height);
    }

    /** Where readers load the original from ({@code /media/...}). */
    public String url() {
        return Media.URL_PREFIX + path;
    }

    /** The narrower copies a browser may load instead, narrowest first, by URL and width; none for GIF or WebP. */
    public List<Variant> variants() {
        String contentType = ImageType.ofPath(path).map(ImageType::contentType).orElse("");
        return ImageVariants.widthsFor(contentType, width).stream()
                .map(w -> new Variant(Media.URL_PREFIX + ImageVariants.path(path, w), w))
                .toList();
    }

    /** One narrower copy. */
    public record Variant(String url, int width) {
    }
}
