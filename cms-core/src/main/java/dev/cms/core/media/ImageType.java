package dev.cms.core.media;

import java.util.Arrays;
import java.util.Optional;

/**
 * The image formats the site accepts, each with the content type it is served with and the
 * extension its stored name gets. Nothing else is ever stored: no SVG (it can carry scripts), no
 * HTML, nothing a browser would run.
 */
public enum ImageType {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp");

    private final String contentType;
    private final String extension;

    ImageType(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** The type a stored path names by its extension (stored names take the detected type's). */
    public static Optional<ImageType> ofPath(String path) {
        int dot = path == null ? -1 : path.lastIndexOf('.');
        String extension = dot < 0 ? "" : path.substring(dot + 1);
        return Arrays.stream(values()).filter(t -> t.extension.equals(extension)).findFirst();
    }
}
