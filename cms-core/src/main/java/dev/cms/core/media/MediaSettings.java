package dev.cms.core.media;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** Limits for uploads, bound from {@code cms.media.*} ({@code CMS_MEDIA_MAX_BYTES}). */
@ConfigurationProperties("cms.media")
public record MediaSettings(@Bindable(defaultValue = "10485760") long maxBytes) {

    /** Uploads are held in memory while they are checked, so a limit beyond this is a mistake. */
    static final long LARGEST_LIMIT = 1L << 30;

    public MediaSettings {
        if (maxBytes <= 0 || maxBytes > LARGEST_LIMIT) {
            throw new IllegalArgumentException("cms.media.max-bytes (CMS_MEDIA_MAX_BYTES) must be between 1 and "
                    + LARGEST_LIMIT + " bytes, not " + maxBytes);
        }
    }

    /** The limit as people read it: "10 MB", "512 KB". */
    public String maxSizeText() {
        return MediaSizes.text(maxBytes);
    }
}
