package dev.cms.core.media;

import dev.cms.core.testing.TestImages;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageInspectorTest {

    @Test
    void pngJpegAndGifAreRecognisedWithTheirDecodedDimensions() {
        assertEquals(new InspectedImage(ImageType.PNG, 3, 2), ImageInspector.inspect(TestImages.png(3, 2)));
        assertEquals(new InspectedImage(ImageType.JPEG, 5, 4), ImageInspector.inspect(TestImages.jpeg(5, 4)));
        assertEquals(new InspectedImage(ImageType.GIF, 7, 1), ImageInspector.inspect(TestImages.gif(7, 1)));
    }

    @Test
    void webpIsRecognisedFromEachKindOfRiffHeader() {
        assertEquals(new InspectedImage(ImageType.WEBP, 640, 480), ImageInspector.inspect(TestImages.webp(640, 480)));
        assertEquals(new InspectedImage(ImageType.WEBP, 300, 200), ImageInspector.inspect(TestImages.webpLossless(300, 200)));
        assertEquals(new InspectedImage(ImageType.WEBP, 16, 9), ImageInspector.inspect(TestImages.webpLossy(16, 9)));
    }

    @Test
    void htmlSvgScriptsAndExecutablesAreNotImages() {
        assertRefused(MediaRefusal.NOT_AN_IMAGE, TestImages.HTML);
        assertRefused(MediaRefusal.NOT_AN_IMAGE, TestImages.SVG);
        assertRefused(MediaRefusal.NOT_AN_IMAGE, "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8));
        assertRefused(MediaRefusal.NOT_AN_IMAGE, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        assertRefused(MediaRefusal.NOT_AN_IMAGE, new byte[] {'M', 'Z', (byte) 0x90, 0});
        assertRefused(MediaRefusal.NOT_AN_IMAGE, "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aSignatureFollowedByGarbageIsABrokenImage() {
        byte[] png = TestImages.png(3, 2);
        assertRefused(MediaRefusal.BROKEN_IMAGE, Arrays.copyOf(png, 8));
        assertRefused(MediaRefusal.BROKEN_IMAGE, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 'h', 'i'});
        assertRefused(MediaRefusal.BROKEN_IMAGE, "GIF89a<html>".getBytes(StandardCharsets.US_ASCII));
        assertRefused(MediaRefusal.BROKEN_IMAGE, Arrays.copyOf(TestImages.webp(10, 10), 20));
    }

    @Test
    void webpWhoseRiffSizeOverrunsTheFileIsBroken() {
        byte[] webp = TestImages.webp(10, 10);
        webp[4] = (byte) 0xFF;
        assertRefused(MediaRefusal.BROKEN_IMAGE, webp);
    }

    @Test
    void imagesOfMoreThanFiftyMegapixelsAreRefusedBeforeAnyPixelIsDecoded() {
        // Header-only files: were they decoded, they would be refused as broken instead.
        assertRefused(MediaRefusal.TOO_MANY_PIXELS, TestImages.pngHeaderOnly(10_000, 10_000));
        assertRefused(MediaRefusal.TOO_MANY_PIXELS, TestImages.pngHeaderOnly(7072, 7072));
        assertRefused(MediaRefusal.TOO_MANY_PIXELS, TestImages.pngHeaderOnly(20_000, 20_000));
        assertRefused(MediaRefusal.TOO_MANY_PIXELS, TestImages.pngHeaderOnly(Integer.MAX_VALUE, 1));
        assertRefused(MediaRefusal.TOO_MANY_PIXELS, TestImages.webp(16_000, 16_000));
        assertRefused(MediaRefusal.BROKEN_IMAGE, TestImages.pngHeaderOnly(7071, 7071), "within the limit, so decoded");
    }

    @Test
    void imagesCutShortAreBrokenWhereverTheyEnd() {
        byte[] png = TestImages.png(300, 200);
        assertRefused(MediaRefusal.BROKEN_IMAGE, Arrays.copyOf(png, 30), "signature and half a header");
        assertRefused(MediaRefusal.BROKEN_IMAGE, Arrays.copyOf(png, 33), "signature and header, no pixels");
        assertRefused(MediaRefusal.BROKEN_IMAGE, Arrays.copyOf(png, png.length / 2), "half the pixels");
        assertRefused(MediaRefusal.BROKEN_IMAGE, TestImages.pngHeaderOnly(8, 8), "no image data");
        byte[] jpeg = TestImages.jpeg(300, 200);
        assertRefused(MediaRefusal.BROKEN_IMAGE, Arrays.copyOf(jpeg, jpeg.length / 2), "half a JPEG");
        assertRefused(MediaRefusal.BROKEN_IMAGE, Arrays.copyOf(jpeg, jpeg.length - 2), "a JPEG without its end");
        byte[] gif = TestImages.gif(300, 200);
        assertRefused(MediaRefusal.BROKEN_IMAGE, Arrays.copyOf(gif, gif.length / 2), "half a GIF");
        assertEquals(new InspectedImage(ImageType.PNG, 300, 200), ImageInspector.inspect(png), "the whole file is fine");
        assertEquals(new InspectedImage(ImageType.JPEG, 300, 200), ImageInspector.inspect(jpeg));
        assertEquals(new InspectedImage(ImageType.GIF, 300, 200), ImageInspector.inspect(gif));
    }

    private static void assertRefused(MediaRefusal expected, byte[] bytes, String what) {
        InvalidMediaException e = assertThrows(InvalidMediaException.class, () -> ImageInspector.inspect(bytes), what);
        assertEquals(expected, e.refusal(), what + ": " + e.getMessage());
    }

    private static void assertRefused(MediaRefusal expected, byte[] bytes) {
        InvalidMediaException e = assertThrows(InvalidMediaException.class, () -> ImageInspector.inspect(bytes));
        assertEquals(expected, e.refusal(), e.getMessage());
    }
}
