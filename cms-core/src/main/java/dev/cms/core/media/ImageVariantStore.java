package dev.cms.core.media;

import dev.cms.core.site.SiteSettings;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Semaphore;

/**
 * The files of {@link ImageVariants}, under {@code <data dir>/media-variants/} with the same
 * relative paths as their URLs: derived data, made on the first request for each and kept, so
 * backups leave them out and a node that lacks one (a new node, a restored site) makes it again.
 * At most two are made at once on a node, which bounds the memory decoding takes; readers asking
 * for the same variant meanwhile wait for it instead of each making it. When a variant cannot be
 * made (a JPEG the JDK cannot decode, such as CMYK, which browsers still show) the original is
 * served under its URL, so a page never shows a broken image.
 */
@Singleton
public class ImageVariantStore {

    private static final Logger LOG = LoggerFactory.getLogger(ImageVariantStore.class);

    private final Path root;
    private final Semaphore making = new Semaphore(2);

    public ImageVariantStore(SiteSettings site) {
        this.root = site.dataPath().resolve("media-variants").toAbsolutePath().normalize();
    }

    /** {@code <data dir>/media-variants}. */
    public Path root() {
        return root;
    }

    /** The variant of {@code image} (whose file is {@code original}) at {@code width}, made now if need be. */
    MediaFile fileFor(Media image, Path original, int width) {
        Path file = root.resolve(ImageVariants.path(image.path(), width)).normalize();
        if (!file.startsWith(root)) {
            return new MediaFile(original, image.contentType());
        }
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return new MediaFile(file, image.contentType());
        }
        try {
            making.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new MediaFile(original, image.contentType());
        }
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                make(image, original, width, file);
            }
            return new MediaFile(file, image.contentType());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot make the {} px copy of {}; serving the original instead: {}", width, image.path(), e.toString());
            return new MediaFile(original, image.contentType());
        } finally {
            making.release();
        }
    }

    private static void make(Media image, Path original, int width, Path file) throws IOException {
        ImageType type = ImageType.PNG.contentType().equals(image.contentType()) ? ImageType.PNG : ImageType.JPEG;
        byte[] bytes = ImageResizer.resize(original, type, width);
        Files.createDirectories(file.getParent());
        // Written aside and moved in whole: another node sharing the directory, or a reader, never sees half a file.
        Path partial = Files.createTempFile(file.getParent(), ".variant-", ".part");
        try {
            Files.write(partial, bytes);
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
