package dev.cms.admin.zip;

import dev.cms.core.media.MediaSizes;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.Map;

/**
 * How much an archive given to {@code import}, or a backup given to {@code restore}, may expand to,
 * bound from {@code cms.archive.*} (environment {@code CMS_ARCHIVE_MAX_ENTRIES}, ...; {@code restore}
 * runs without the node's configuration and reads the environment through {@link #fromEnvironment}). A zip can hold a thousand times its size in
 * zeros; these limits are checked on the bytes as they are inflated, whatever the entries declare,
 * so such a file is refused, naming the entry and the limit, before it fills the memory or the disk.
 *
 * @param maxEntries       entries in the zip (every media file is one)
 * @param maxManifestBytes the size of {@code manifest.json}, read whole
 * @param maxLineBytes     one line of a JSON Lines entry: one item, read whole (an article with all
 *                         its revisions)
 * @param maxMediaBytes    one media file (uploads are at most 1 GB, {@code cms.media.max-bytes})
 * @param maxTotalBytes    all entries together, expanded
 */
@ConfigurationProperties("cms.archive")
public record ArchiveLimits(@Bindable(defaultValue = "1000000") long maxEntries,
                            @Bindable(defaultValue = "67108864") long maxManifestBytes,
                            @Bindable(defaultValue = "67108864") long maxLineBytes,
                            @Bindable(defaultValue = "1073741824") long maxMediaBytes,
                            @Bindable(defaultValue = "34359738368") long maxTotalBytes) {

    public ArchiveLimits {
        if (maxEntries <= 0 || maxManifestBytes <= 0 || maxLineBytes <= 0 || maxMediaBytes <= 0 || maxTotalBytes <= 0) {
            throw new IllegalArgumentException("cms.archive.* limits must be positive");
        }
    }

    /** The limits as {@code CMS_ARCHIVE_MAX_*} in {@code environment} set them, the defaults above for the rest. */
    public static ArchiveLimits fromEnvironment(Map<String, String> environment) {
        return new ArchiveLimits(setting(environment, "ENTRIES", 1_000_000L),
                setting(environment, "MANIFEST_BYTES", 64L << 20), setting(environment, "LINE_BYTES", 64L << 20),
                setting(environment, "MEDIA_BYTES", 1L << 30), setting(environment, "TOTAL_BYTES", 32L << 30));
    }

    private static long setting(Map<String, String> environment, String name, long fallback) {
        String value = environment.get("CMS_ARCHIVE_MAX_" + name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CMS_ARCHIVE_MAX_" + name + " is not a whole number: " + value);
        }
    }

    public static String size(long bytes) {
        return MediaSizes.text(bytes);
    }
}
