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
        return media.findByPath(path).map(row -> new LocalImage(row.width(), row.height(),
                ImageVariants.widthsFor(row.contentType(), row.width()).stream()
                        .map(width -> new Candidate(Media.URL_PREFIX + ImageVariants.path(row.path(), width), width))
                        .toList()));
    }
}
