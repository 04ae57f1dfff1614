package dev.cms.core.article;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What a featured image offers a list: the narrower copies its type and width allow, none for GIF or WebP. */
class FeaturedImageTest {

    private static final String NAME = "2024/05/" + "a".repeat(32);

    @Test
    void aWideJpegOffersEveryNarrowerCopyNarrowestFirst() {
        FeaturedImage image = new FeaturedImage(NAME + ".jpg", 1000, 600);
        assertEquals(List.of(new FeaturedImage.Variant("/media/" + NAME + "-480w.jpg", 480),
                new FeaturedImage.Variant("/media/" + NAME + "-960w.jpg", 960)), image.variants());
        assertEquals("/media/" + NAME + ".jpg", image.url());
    }

    @Test
    void aSmallPngAndAnyGifOrWebpOfferOnlyTheOriginal() {
        assertEquals(List.of(), new FeaturedImage(NAME + ".png", 300, 200).variants());
        assertEquals(List.of(), new FeaturedImage(NAME + ".gif", 2000, 1000).variants(), "resizing would drop the animation");
        assertEquals(List.of(), new FeaturedImage(NAME + ".webp", 2000, 1000).variants(), "the JDK cannot read WebP");
    }

    @Test
    void aRowWithoutAllThreeColumnsHasNoImage() {
        assertNull(FeaturedImage.of(null, null, null));
        assertNull(FeaturedImage.of(NAME + ".png", null, 10));
        assertEquals(new FeaturedImage(NAME + ".png", 4, 3), FeaturedImage.of(NAME + ".png", 4, 3));
    }
}
