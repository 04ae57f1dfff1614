package dev.cms.admin.archive;

import dev.cms.core.media.MediaSizes;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How much an archive given to {@code import} may expand to, bound from {@code cms.archive.*}
 * (environment {@code CMS_ARCHIVE_MAX_ENTRIES}, ...). A zip can hold a thousand times its size in
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

    static String size(long bytes) {
        return MediaSizes.text(bytes);
    }
}
