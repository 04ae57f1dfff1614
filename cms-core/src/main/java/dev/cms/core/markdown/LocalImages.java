package dev.cms.core.markdown;

import java.util.List;
import java.util.Optional;

/**
 * What the site knows of an image it serves itself: its size in pixels and its narrower copies.
 * Looked up while an article is rendered (when it is saved), so the page gets {@code width},
 * {@code height} and {@code srcset} without a query per reader.
 */
public interface LocalImages {

    /** The image at this {@code src} as written in the article, if it is one of the site's own. */
    Optional<LocalImage> find(String src);

    /** Width and height in pixels, and the narrower copies as {@code srcset} candidates (URL and width). */
    record LocalImage(int width, int height, List<Candidate> smaller) {
    }

    record Candidate(String url, int width) {
    }
}
