package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.MediaItem;

import java.util.HashSet;
import java.util.Set;

/** Checks {@code media.jsonl}: each path once, and its file in the archive with the size the record gives. */
final class MediaValidator {

    private final ArchiveFile archive;
    private final Set<String> paths = new HashSet<>();

    MediaValidator(ArchiveFile archive) {
        this.archive = archive;
    }

    /** Whether the archive brings a media record with this path. */
    boolean brings(String path) {
        return paths.contains(path);
    }

    void check(ArchiveItem i) {
        MediaItem m = ImportItems.media(i);
        if (m.path() == null) {
            return;
        }
        if (!paths.add(m.path())) {
            i.error("a second media record with this path");
        }
        long size = archive.size(ArchiveFormat.MEDIA_FILES + m.path());
        if (size < 0) {
            i.error("its file " + ArchiveFormat.MEDIA_FILES + m.path() + " is not in the archive");
        } else if (size != m.sizeBytes()) {
            i.error("sizeBytes is " + m.sizeBytes() + " but its file holds " + size + " bytes");
        }
    }
}
