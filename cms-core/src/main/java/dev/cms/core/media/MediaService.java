package dev.cms.core.media;

import dev.cms.core.audit.AuditLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Uploaded images: checks an upload (name, size, content), strips its metadata (EXIF, XMP, text
 * chunks; see {@link ImageMetadata}), stores its file under the data directory with a generated name and records it (and in the audit log); lists the library;
 * finds files for readers.
 */
@Singleton
public class MediaService {

    private static final Logger LOG = LoggerFactory.getLogger(MediaService.class);

    private final MediaRepository media;
    private final MediaFiles files;
    private final MediaSettings settings;
    private final Clock clock;
    private final AuditLog audit;
    private final ImageVariantStore variants;

    public MediaService(MediaRepository media, MediaFiles files, MediaSettings settings, Clock clock, AuditLog audit,
                        ImageVariantStore variants) {
        this.media = media;
        this.files = files;
        this.variants = variants;
        this.settings = settings;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Stores an upload if its bytes are a JPEG, PNG, GIF or WebP image within the size limit;
     * throws {@link InvalidMediaException} otherwise, having written nothing. Reads at most one
     * byte more than the limit, whatever the HTTP layer let through. The row and its audit entry
     * are one transaction; should it fail, the file is removed again.
     */
    @Transactional
    public Media store(@Nullable String originalName, InputStream content, String uploadedBy) {
        String name = MediaNames.displayName(originalName);
        byte[] bytes;
        try {
            bytes = content.readNBytes((int) settings.maxBytes() + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload " + name + ": " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new InvalidMediaException(MediaRefusal.EMPTY, "no bytes");
        }
        if (bytes.length > settings.maxBytes()) {
            throw new InvalidMediaException(MediaRefusal.TOO_LARGE, "more than " + settings.maxBytes() + " bytes");
        }
        InspectedImage image = ImageInspector.inspect(bytes);
        // Readers get the picture, not where and with what it was taken.
        bytes = ImageMetadata.strip(image.type(), bytes);
        Instant now = clock.instant();
        String path = files.newPath(now, image.type());
        Path file = files.resolve(path).orElseThrow(() -> new IllegalStateException("Generated media path " + path
                + " is not inside " + files.root()));
        write(file, bytes);
        try {
            Media saved = media.save(new Media(null, path, name, image.type().contentType(), bytes.length,
                    image.width(), image.height(), uploadedBy, now));
            audit.record(uploadedBy, "media-upload", "media " + saved.id() + " " + path,
                    name + " (" + saved.contentType() + ", " + bytes.length + " bytes, " + image.width() + "x"
                            + image.height() + ")", "");
            return saved;
        } catch (RuntimeException e) {
            // A file without its row would never be served; remove it rather than leave it behind.
            // (Should the commit itself fail, the file stays: unreachable, but harmless.)
            deleteQuietly(file);
            throw e;
        }
    }

    /** One upload by its id. */
    @Transactional(readOnly = true)
    public Optional<Media> find(long id) {
        return media.findById(id);
    }

    /** One upload by its stored path ({@code 2024/05/<name>.png}). */
    @Transactional(readOnly = true)
    public Optional<Media> findByPath(String path) {
        return media.findByPath(path);
    }

    /** Newest first, {@code limit} at a time; {@code before} is an id from a previous screenful. */
    @Transactional(readOnly = true)
    public MediaLibrary library(@Nullable Long before, int limit) {
        List<Media> rows = before == null ? media.findNewest(limit + 1) : media.findOlderThan(before, limit + 1);
        if (rows.size() <= limit) {
            return new MediaLibrary(rows, null);
        }
        List<Media> shown = rows.subList(0, limit);
        return new MediaLibrary(List.copyOf(shown), shown.get(limit - 1).id());
    }

    /**
     * The file readers get for a path below {@code /media/}: only a path recorded for an upload,
     * of the stored shape, inside the media directory and present on disk; served with the type
     * detected at upload. A narrower copy ({@link ImageVariants}) is found, or made, for the widths
     * its original offers and no others, so no URL can make the node resize to any size asked.
     * Not one transaction: making a copy takes a while, and no connection is held meanwhile.
     */
    public Optional<MediaFile> findFile(String path) {
        if (MediaFiles.isStoredPath(path)) {
            return media.findByPath(path)
                    .flatMap(row -> files.existing(row.path()).map(file -> new MediaFile(file, row.contentType())));
        }
        return ImageVariants.parse(path).flatMap(request -> media.findByPath(request.originalPath())
                .filter(row -> ImageVariants.widthsFor(row.contentType(), row.width()).contains(request.width()))
                .flatMap(row -> files.existing(row.path())
                        .map(original -> variants.fileFor(row, original, request.width()))));
    }

    public MediaSettings settings() {
        return settings;
    }

    private void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the media directory " + file.getParent() + ": " + e, e);
        }
        // CREATE_NEW: never replaces a file, and refuses to write through a planted symbolic link.
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(bytes);
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("Generated media file " + file + " exists already", e);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException("Cannot store the upload at " + file + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not remove {} after a failed upload: {}", file, e.getMessage());
        }
    }
}
