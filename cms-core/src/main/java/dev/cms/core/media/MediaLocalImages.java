package dev.cms.core.media;

import dev.cms.core.markdown.LocalImages;
import jakarta.inject.Singleton;

import java.util.Optional;

/** The uploaded images, as the Markdown renderer asks for them: by the URL an article uses. */
@Singleton
public class MediaLocalImages implements LocalImages {

    private final MediaRepository media;

    public MediaLocalImages(MediaRepository media) {
        this.media = media;
    }

    @Override
    public Optional<LocalImage> find(String src) {
        if (src == null || !src.startsWith(Media.URL_PREFIX)) {
            return Optional.empty();
        }
        String path = src.substring(Media.URL_PREFIX.length());
        if (!MediaFiles.isStoredPath(path)) {
            return Optional.empty();
        }
        return media.findByPath(path).map(row -> describe(row.path(), row.contentType(), row.width(), row.height()));
    }

    /** What the renderer is told of an uploaded image with this path, type and size. */
    public static LocalImage describe(String path, String contentType, int width, int height) {
        return new LocalImage(width, height, ImageVariants.widthsFor(contentType, width).stream()
                .map(w -> new Candidate(Media.URL_PREFIX + ImageVariants.path(path, w), w))
                .toList());
    }
}
