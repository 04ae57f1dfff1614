package dev.cms.core.media;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * An uploaded image: where its file is under {@code <data dir>/media/} (also its public URL
 * below {@code /media/}), the name it was uploaded with (display only), the content type
 * detected from its bytes, its size in bytes and pixels, and who uploaded it when.
 */
@MappedEntity("media")
public record Media(@Id @GeneratedValue @Nullable Long id,
                    String path,
                    String originalName,
                    String contentType,
                    long sizeBytes,
                    int width,
                    int height,
                    String uploadedBy,
                    Instant createdAt) {

    public static final String URL_PREFIX = "/media/";

    /** Where readers load it from. */
    public String url() {
        return URL_PREFIX + path;
    }

    /** Ready to paste into an article body: {@code ![name](/media/2024/05/....png)}. */
    public String markdown() {
        return "![" + MediaNames.altText(originalName) + "](" + url() + ")";
    }
}
