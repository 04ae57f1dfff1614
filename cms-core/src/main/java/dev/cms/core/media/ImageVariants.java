package dev.cms.core.media;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The narrower copies of an uploaded image that a browser may pick instead of the original
 * ({@code srcset}): a few fixed widths, so every page and every node asks for the same files, and
 * only those narrower than the original. A variant lives beside its original's URL with the width
 * before the extension ({@code /media/2024/05/<name>-960w.jpg}) and is made on its first request.
 * JPEG and PNG only: the JDK cannot read WebP, and resizing a GIF would drop its animation.
 */
public final class ImageVariants {

    /**
     * Phone, tablet or small-laptop column at 1x and 2x: the article column is at most 46rem
     * (about 750 px), so 1440 covers it on a 2x screen and anything wider is the original.
     */
    public static final List<Integer> WIDTHS = List.of(480, 960, 1440);

    private static final Pattern VARIANT_PATH = Pattern.compile(
            "(\\d{4}/\\d{2}/[0-9a-f]{32})-(\\d{3,4})w\\.(jpg|png)");

    private ImageVariants() {
    }

    /** A request for a variant: the original's stored path and the width asked for. */
    public record Request(String originalPath, int width) {
    }

    /** The widths offered for an image of this type and width, narrowest first; none for GIF or WebP. */
    public static List<Integer> widthsFor(String contentType, int width) {
        if (!resizable(contentType)) {
            return List.of();
        }
        return WIDTHS.stream().filter(w -> w < width).toList();
    }

    static boolean resizable(String contentType) {
        return ImageType.JPEG.contentType().equals(contentType) || ImageType.PNG.contentType().equals(contentType);
    }

    /** {@code 2024/05/<name>.jpg} at 960 is {@code 2024/05/<name>-960w.jpg}. */
    public static String path(String originalPath, int width) {
        int dot = originalPath.lastIndexOf('.');
        return originalPath.substring(0, dot) + "-" + width + "w" + originalPath.substring(dot);
    }

    /** The original and width a variant path names, if it has exactly the shape {@link #path} makes. */
    public static Optional<Request> parse(String path) {
        if (path == null) {
            return Optional.empty();
        }
        Matcher m = VARIANT_PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Request(m.group(1) + "." + m.group(3), Integer.parseInt(m.group(2))));
    }
}
