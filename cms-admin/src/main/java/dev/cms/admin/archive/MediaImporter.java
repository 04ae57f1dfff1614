package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.MediaItem;
import dev.cms.core.media.MediaFiles;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Writes {@code media.jsonl} and copies the files the media folder lacks (not in a dry run). Each
 * copied file is remembered in the run, so it is deleted again when the transaction rolls back.
 */
final class MediaImporter {

    private final ImportRun run;
    private final MediaImportRepository media;
    private final MediaFiles mediaFiles;

    MediaImporter(ImportRun run, MediaImportRepository media, MediaFiles mediaFiles) {
        this.run = run;
        this.media = media;
        this.mediaFiles = mediaFiles;
    }

    void write() throws SQLException {
        SiteImporter.Counts c = run.counts(ArchiveFormat.MEDIA);
        run.eachItem(ArchiveFormat.MEDIA, "path", i -> {
            MediaItem m = ImportItems.media(i);
            boolean recorded = media.exists(m.path());
            Path file = mediaFiles.resolve(m.path()).orElseThrow();
            boolean fileMissing = !Files.exists(file);
            if (fileMissing && !run.dryRun) {
                Files.createDirectories(file.getParent());
                try (InputStream in = run.archive.open(ArchiveFormat.MEDIA_FILES + m.path())) {
                    run.copied.add(file);
                    Files.copy(in, file);
                }
            }
            if (!recorded) {
                media.insert(m);
                c.created++;
            } else if (fileMissing) {
                c.updated++;
            } else {
                c.unchanged++;
            }
            run.interruption.check();
        });
    }
}
