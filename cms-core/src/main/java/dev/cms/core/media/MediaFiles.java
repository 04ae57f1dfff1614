package dev.cms.core.media;

import dev.cms.core.site.SiteSettings;
import jakarta.inject.Singleton;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where media files live: {@code <data dir>/media/yyyy/MM/<32 hex digits>.<ext>}. Every part of a
 * stored path is made here (month of upload in UTC, 128 random bits, the extension of the detected
 * type), so no upload can choose where it lands; a path asked for by a reader is accepted only in
 * exactly that shape and only when it resolves inside the media directory.
 */
@Singleton
public class MediaFiles {

    /** The only shape a stored path has; anything else (.., %2F, absolute, backslashes) is not one. */
    private static final Pattern STORED_PATH = Pattern.compile("\\d{4}/\\d{2}/[0-9a-f]{32}\\.(?:jpg|png|gif|webp)");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy/MM").withZone(ZoneOffset.UTC);

    private final Path root;
    private final SecureRandom random = new SecureRandom();

    public MediaFiles(SiteSettings site) {
        this.root = site.dataPath().resolve("media");
    }

    /** {@code <data dir>/media}, absolute and normalized. */
    public Path root() {
        return root;
    }

    /** A new, unused-in-practice path for an upload of this type at this time: 2024/05/9f...e1.png. */
    public String newPath(Instant uploadedAt, ImageType type) {
        byte[] name = new byte[16];
        random.nextBytes(name);
        return MONTH.format(uploadedAt) + "/" + HexFormat.of().formatHex(name) + "." + type.extension();
    }

    public static boolean isStoredPath(String path) {
        return path != null && STORED_PATH.matcher(path).matches();
    }

    /** The file of a stored path, or empty for anything not shaped like one or outside the media directory. */
    public Optional<Path> resolve(String path) {
        if (!isStoredPath(path)) {
            return Optional.empty();
        }
        Path file = root.resolve(path).normalize();
        return file.startsWith(root) && !file.equals(root) ? Optional.of(file) : Optional.empty();
    }

    /** Like {@link #resolve} but only for a regular file that is there (a symbolic link is not followed). */
    public Optional<Path> existing(String path) {
        return resolve(path).filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS));
    }
}
