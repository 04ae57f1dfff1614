package dev.cms.core.media;

import dev.cms.core.testing.TestImages;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metadata leaves uploaded images; the pictures themselves stay exactly as they were. */
class ImageMetadataTest {

    @Test
    void jpegLosesExifXmpAndCommentsAndStillShowsTheSamePicture() throws IOException {
        byte[] original = TestImages.jpegWithGpsExif(20, 10);
        assertTrue(contains(original, "Exif\0\0") && contains(original, TestImages.SECRET_PLACE), "the test image carries them");

        byte[] stripped = ImageMetadata.strip(ImageType.JPEG, original);

        assertFalse(contains(stripped, "Exif"));
        assertFalse(contains(stripped, "http://ns.adobe.com/xap/1.0/"));
        assertFalse(contains(stripped, TestImages.SECRET_PLACE));
        assertTrue(contains(stripped, "JFIF"), "the JFIF header stays");
        assertArrayEquals(TestImages.jpeg(20, 10), stripped, "exactly the file without its metadata segments");
        assertSamePixels(original, stripped);
    }

    @Test
    void aSidewaysPhotoKeepsItsOrientationAloneSoItStillShowsTheRightWayUp() throws IOException {
        byte[] original = TestImages.jpegWithOrientation(20, 10, 6);
        assertEquals(6, ImageMetadata.exifOrientation(original, 6, original.length), "the test image is turned");

        byte[] stripped = ImageMetadata.strip(ImageType.JPEG, original);

        assertFalse(contains(stripped, TestImages.SECRET_PLACE), "the rest of the EXIF is gone");
        byte[] plain = TestImages.jpeg(20, 10);
        byte[] expected = new byte[plain.length + 36];
        System.arraycopy(plain, 0, expected, 0, 2);
        System.arraycopy(ImageMetadata.orientationOnly(6), 0, expected, 2, 36);
        System.arraycopy(plain, 2, expected, 38, plain.length - 2);
        assertArrayEquals(expected, stripped, "the file with an EXIF of its orientation alone");
        assertEquals(6, ImageMetadata.exifOrientation(stripped, 6, stripped.length), "which reads back as 6");
        assertSamePixels(original, stripped);

        byte[] upright = ImageMetadata.strip(ImageType.JPEG, TestImages.jpegWithOrientation(20, 10, 1));
        assertArrayEquals(plain, upright, "'as stored' needs no EXIF at all");
    }

    @Test
    void pngLosesTextAndExifChunksAndStillShowsTheSamePicture() throws IOException {
        byte[] original = TestImages.pngWithText(7, 5);
        assertTrue(contains(original, "tEXt") && contains(original, "eXIf"));

        byte[] stripped = ImageMetadata.strip(ImageType.PNG, original);

        for (String chunk : new String[] {"tEXt", "iTXt", "zTXt", "eXIf", TestImages.SECRET_PLACE}) {
            assertFalse(contains(stripped, chunk), chunk);
        }
        assertArrayEquals(TestImages.png(7, 5), stripped);
        assertSamePixels(original, stripped);
    }

    @Test
    void filesWithoutMetadataAndOtherFormatsAreLeftAlone() {
        byte[] jpeg = TestImages.jpeg(4, 4);
        assertArrayEquals(jpeg, ImageMetadata.strip(ImageType.JPEG, jpeg));
        byte[] png = TestImages.png(4, 4);
        assertArrayEquals(png, ImageMetadata.strip(ImageType.PNG, png));
        byte[] gif = TestImages.gif(4, 4);
        assertSame(gif, ImageMetadata.strip(ImageType.GIF, gif));
    }

    @Test
    void structureItCannotFollowIsReturnedUnchanged() {
        byte[] truncated = Arrays.copyOf(TestImages.jpegWithGpsExif(8, 8), 40);
        assertArrayEquals(truncated, ImageMetadata.strip(ImageType.JPEG, truncated));
        byte[] brokenPng = TestImages.pngHeaderOnly(8, 8);
        brokenPng[11] = 0x7F; // IHDR length far beyond the file
        assertArrayEquals(brokenPng, ImageMetadata.strip(ImageType.PNG, brokenPng));
    }

    private static void assertSamePixels(byte[] a, byte[] b) throws IOException {
        BufferedImage first = ImageIO.read(new ByteArrayInputStream(a));
        BufferedImage second = ImageIO.read(new ByteArrayInputStream(b));
        assertNotNull(second, "still decodes");
        assertEquals(first.getWidth(), second.getWidth());
        assertEquals(first.getHeight(), second.getHeight());
        for (int x = 0; x < first.getWidth(); x++) {
            for (int y = 0; y < first.getHeight(); y++) {
                assertEquals(first.getRGB(x, y), second.getRGB(x, y));
            }
        }
    }

    static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
