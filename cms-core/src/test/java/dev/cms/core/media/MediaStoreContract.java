package dev.cms.core.media;

import dev.cms.core.audit.AuditLog;
import dev.cms.core.site.SiteSettings;
import dev.cms.core.testing.TestImages;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What storing and finding media must do on every supported database: run by
 * {@link H2MediaStoreTest} and {@link PostgresMediaStoreTest}, with a private data directory, the
 * clock at 2024-05-28 and a 50 000-byte upload limit.
 */
abstract class MediaStoreContract {

    static final long MAX_BYTES = 50_000;

    @Inject
    MediaService media;

    @Inject
    MediaRepository repository;

    @Inject
    SiteSettings site;

    @Inject
    AuditLog audit;

    static Map<String, String> mediaProperties() {
        Map<String, String> props = new HashMap<>();
        props.put("cms.test.clock", "2024-05-28T02:54:57Z");
        props.put("cms.media.max-bytes", String.valueOf(MAX_BYTES));
        return props;
    }

    Media store(String name, byte[] bytes) {
        return media.store(name, new ByteArrayInputStream(bytes), "chief");
    }

    Path mediaRoot() {
        return site.dataPath().resolve("media");
    }

    @Test
    void pngNamedJpgIsStoredAsPngUnderAGeneratedName() throws IOException {
        byte[] png = TestImages.png(3, 2);

        Media stored = store("holiday.jpg", png);

        assertTrue(stored.path().matches("2024/05/[0-9a-f]{32}\\.png"), stored.path());
        assertEquals("image/png", stored.contentType());
        assertEquals(List.of(3, 2, (long) png.length), List.of(stored.width(), stored.height(), stored.sizeBytes()));
        assertEquals("holiday.jpg", stored.originalName());
        assertEquals("chief", stored.uploadedBy());
        assertEquals("![holiday](/media/" + stored.path() + ")", stored.markdown());
        assertArrayEquals(png, Files.readAllBytes(mediaRoot().resolve(stored.path())));
        assertEquals(Optional.of(stored), repository.findByPath(stored.path()));
        assertTrue(audit.newest(100).stream().anyMatch(event -> event.action().equals("media-upload")
                && event.actor().equals("chief") && event.target().endsWith(stored.path())), "recorded in the audit log");
    }

    @Test
    void storedJpegHasNoExifGpsAndStillDecodes() throws IOException {
        byte[] photo = TestImages.jpegWithGpsExif(16, 9);

        Media stored = store("phone-photo.jpg", photo);

        byte[] onDisk = Files.readAllBytes(mediaRoot().resolve(stored.path()));
        assertFalse(ImageMetadataTest.contains(onDisk, "Exif"), "EXIF segment gone");
        assertFalse(ImageMetadataTest.contains(onDisk, TestImages.SECRET_PLACE), "no trace of the place");
        assertEquals(onDisk.length, stored.sizeBytes(), "the recorded size is the stored file's");
        java.awt.image.BufferedImage decoded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(onDisk));
        assertNotNull(decoded, "still an image");
        assertEquals(List.of(16, 9), List.of(decoded.getWidth(), decoded.getHeight()));
    }

    @Test
    void storedPngHasNoTextChunks() throws IOException {
        Media stored = store("screenshot.png", TestImages.pngWithText(5, 5));
        byte[] onDisk = Files.readAllBytes(mediaRoot().resolve(stored.path()));
        assertFalse(ImageMetadataTest.contains(onDisk, "tEXt"));
        assertFalse(ImageMetadataTest.contains(onDisk, TestImages.SECRET_PLACE));
        assertNotNull(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(onDisk)));
    }

    @Test
    void everyAcceptedTypeGetsItsOwnExtension() {
        assertTrue(store("a.png", TestImages.jpeg(2, 2)).path().endsWith(".jpg"));
        assertTrue(store("b", TestImages.gif(2, 2)).path().endsWith(".gif"));
        Media webp = store("c.gif", TestImages.webp(800, 600));
        assertTrue(webp.path().endsWith(".webp"));
        assertEquals("image/webp", webp.contentType());
        assertEquals(800, webp.width());
    }

    @Test
    void uploadOfExactlyTheLimitIsAcceptedAndOneByteMoreIsNot() throws IOException {
        byte[] png = TestImages.png(3, 2);
        byte[] atLimit = Arrays.copyOf(png, (int) MAX_BYTES); // zeros after IEND, which readers ignore
        assertEquals(MAX_BYTES, store("big.png", atLimit).sizeBytes());

        List<Path> before = tree();
        InvalidMediaException e = assertThrows(InvalidMediaException.class,
                () -> store("bigger.png", Arrays.copyOf(png, (int) MAX_BYTES + 1)));
        assertEquals(MediaRefusal.TOO_LARGE, e.refusal());
        assertEquals(before, tree());
    }

    @Test
    void refusedUploadsWriteNothingAndRecordNothing() throws IOException {
        store("first.png", TestImages.png(1, 1)); // the media directory exists
        List<Path> before = tree();
        long rows = repository.count();

        assertRefused(MediaRefusal.NOT_AN_IMAGE, "page.png", TestImages.HTML);
        assertRefused(MediaRefusal.NOT_AN_IMAGE, "logo.svg", TestImages.SVG);
        assertRefused(MediaRefusal.BAD_NAME, "../../../cookie-secret.png", TestImages.png(2, 2));
        assertRefused(MediaRefusal.EMPTY, "nothing.png", new byte[0]);
        assertRefused(MediaRefusal.BROKEN_IMAGE, "cut.png", Arrays.copyOf(TestImages.png(2, 2), 12));

        assertEquals(before, tree());
        assertEquals(rows, repository.count());
    }

    @Test
    void libraryListsNewestFirstInScreenfuls() {
        Media oldest = store("1.png", TestImages.png(1, 1));
        Media middle = store("2.png", TestImages.png(1, 1));
        Media newest = store("3.png", TestImages.png(1, 1));

        MediaLibrary first = media.library(null, 2);
        assertEquals(List.of(newest.id(), middle.id()), first.items().stream().map(Media::id).toList());
        MediaLibrary second = media.library(first.olderBefore(), 2);
        assertEquals(oldest.id(), second.items().get(0).id());
        MediaLibrary all = media.library(null, 1000);
        assertNull(all.olderBefore());
        List<Long> ids = all.items().stream().map(Media::id).toList();
        assertEquals(ids.stream().sorted((a, b) -> Long.compare(b, a)).toList(), ids);
    }

    @Test
    void onlyRecordedFilesInsideTheMediaDirectoryAreFound() throws IOException {
        Media stored = store("x.png", TestImages.png(2, 2));
        assertEquals(Optional.of(new MediaFile(mediaRoot().resolve(stored.path()), "image/png")), media.findFile(stored.path()));

        // A file of the right shape that no upload recorded is not served.
        String orphan = "2024/05/" + "0".repeat(32) + ".png";
        Files.write(mediaRoot().resolve(orphan), TestImages.png(1, 1));
        assertEquals(Optional.empty(), media.findFile(orphan));

        Files.writeString(site.dataPath().resolve("secret.png"), "secret");
        for (String path : new String[] {"../secret.png", "../cookie-secret", "/etc/passwd", "2024/05/../../../secret.png",
                "2024%2F05%2F" + stored.path().substring(8), "2024\\05\\" + stored.path().substring(8),
                stored.path().toUpperCase(), stored.path() + "/", "", "2024/05/"}) {
            assertEquals(Optional.empty(), media.findFile(path), path);
        }

        Files.delete(mediaRoot().resolve(stored.path()));
        assertEquals(Optional.empty(), media.findFile(stored.path()), "a recorded file that is gone is not found");
    }

    @Test
    void narrowerCopiesOfAPhotoAreMadeOnTheirFirstRequestAtTheOfferedWidthsOnly() throws IOException {
        Media photo = store("photo.jpg", TestImages.smoothJpeg(2000, 1000));

        String variant = ImageVariants.path(photo.path(), 960);
        MediaFile copy = media.findFile(variant).orElseThrow();

        assertEquals(site.dataPath().resolve("media-variants").resolve(variant), copy.file());
        assertEquals("image/jpeg", copy.contentType());
        BufferedImage image = ImageIO.read(copy.file().toFile());
        assertEquals(List.of(960, 480), List.of(image.getWidth(), image.getHeight()));
        long madeAt = Files.getLastModifiedTime(copy.file()).toMillis();
        assertEquals(Optional.of(copy), media.findFile(variant), "asked again: the same file, not made again");
        assertEquals(madeAt, Files.getLastModifiedTime(copy.file()).toMillis());

        assertEquals(Optional.empty(), media.findFile(ImageVariants.path(photo.path(), 961)), "not an offered width");
        Media small = store("small.png", TestImages.smoothPng(600, 100));
        assertTrue(media.findFile(ImageVariants.path(small.path(), 480)).isPresent());
        assertEquals(Optional.empty(), media.findFile(ImageVariants.path(small.path(), 960)), "no copy wider than the original");
        Media gif = store("anim.gif", TestImages.gif(600, 10));
        assertEquals(Optional.empty(), media.findFile(ImageVariants.path(gif.path(), 480)), "a GIF keeps its animation");
        assertEquals(Optional.empty(), media.findFile(ImageVariants.path("2024/05/" + "0".repeat(32) + ".jpg", 480)),
                "no upload recorded there");
    }

    @Test
    void theCopyOfASidewaysPhotoIsTurnedAsItsOriginalIs() throws IOException {
        Media sideways = store("sideways.jpg", TestImages.jpegWithOrientation(600, 20, 6));

        MediaFile copy = media.findFile(ImageVariants.path(sideways.path(), 480)).orElseThrow();

        byte[] bytes = Files.readAllBytes(copy.file());
        assertEquals(6, ImageMetadata.jpegOrientation(bytes));
        assertEquals(480, ImageIO.read(copy.file().toFile()).getWidth());
    }

    @Test
    void aCopyThatCannotBeMadeIsServedAsTheOriginalSoNoPageShowsABrokenImage() throws IOException {
        Media photo = store("cmyk.jpg", TestImages.smoothJpeg(1600, 1200));
        Path original = mediaRoot().resolve(photo.path());
        // Stands in for a JPEG the JDK cannot decode (CMYK): readable by browsers, not by ImageIO.
        Files.write(original, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, 3});

        assertEquals(Optional.of(new MediaFile(original, "image/jpeg")), media.findFile(ImageVariants.path(photo.path(), 480)));
    }

    private void assertRefused(MediaRefusal expected, String name, byte[] bytes) {
        InvalidMediaException e = assertThrows(InvalidMediaException.class, () -> store(name, bytes), name);
        assertEquals(expected, e.refusal(), e.getMessage());
    }

    /**
     * Every path under the data directory but the search index, which the indexer's own thread
     * creates whenever it first runs (a race with the snapshots taken here, not an upload's doing).
     */
    private List<Path> tree() throws IOException {
        Path index = site.dataPath().resolve("search-index");
        try (Stream<Path> all = Files.walk(site.dataPath())) {
            return all.filter(path -> !path.startsWith(index)).sorted().toList();
        }
    }
}
