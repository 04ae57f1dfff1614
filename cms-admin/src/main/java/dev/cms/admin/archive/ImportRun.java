package dev.cms.admin.archive;

import dev.cms.admin.archive.ArchiveFile.DamagedArchiveException;
import dev.cms.admin.batch.Interruption;
import dev.cms.admin.zip.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One import of one archive: the opened file, how it runs (dry run, progress, Ctrl-C), and what the
 * importers of each kind hand on to those after them (the ids of topics, users and articles by
 * their keys, the articles whose related lists a change reaches, the counts and notes).
 */
final class ImportRun {

    /** Items between two checks for Ctrl-C, and the size of a batch of articles. */
    static final int BATCH = 500;

    final ArchiveFile archive;
    final boolean dryRun;
    final PrintWriter progressOut;
    final Interruption interruption;
    /** Media files copied by this run: deleted again when the transaction does not commit. */
    final List<Path> copied = new ArrayList<>();

    final Map<String, SiteImporter.Counts> counts = new LinkedHashMap<>();
    final Map<String, Long> topicIds = new HashMap<>();
    final Map<Long, String> topicSlugs = new HashMap<>();
    final Map<String, Long> userIds = new HashMap<>();
    final Map<String, Long> articleIds = new HashMap<>();
    /** Articles whose content, status or topics changed: their lists and their neighbours' change. */
    final Set<Long> changedArticles = new HashSet<>();
    /** Lists to recompute besides those of changed articles' topics. */
    final Set<Long> listsToRefresh = new HashSet<>();
    /** Topics an article entered or left: the lists of their articles change. */
    final Set<Long> touchedTopics = new HashSet<>();
    final List<String> notes = new ArrayList<>();

    ImportRun(ArchiveFile archive, boolean dryRun, PrintWriter progressOut, Interruption interruption) {
        this.archive = archive;
        this.dryRun = dryRun;
        this.progressOut = progressOut;
        this.interruption = interruption;
        for (String entry : ArchiveFormat.WRITTEN) {
            counts.put(ArchiveFormat.kind(entry), new SiteImporter.Counts());
        }
    }

    SiteImporter.Counts counts(String entry) {
        return counts.get(ArchiveFormat.kind(entry));
    }

    boolean changed() {
        return counts.values().stream().anyMatch(c -> c.created + c.updated > 0);
    }

    /**
     * Reads the entry's items in order, each keyed by {@code keyField} in its messages; a line that
     * is not JSON, and a number of items other than the manifest's, are errors.
     */
    void forEachItem(String entry, List<String> errors, String keyField, Consumer<ArchiveItem> action) {
        if (ArchiveFormat.OPTIONAL_ENTRIES.contains(entry) && !archive.entryNames().contains(entry)) {
            return;
        }
        long line = 0;
        long items = 0;
        try (BufferedReader in = archive.lines(entry)) {
            for (String text; (text = in.readLine()) != null; ) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                items++;
                Map<String, Object> fields;
                try {
                    fields = Json.readObject(text);
                } catch (IllegalArgumentException e) {
                    errors.add(entry + " line " + line + ": " + e.getMessage());
                    continue;
                }
                action.accept(new ArchiveItem(entry, line, fields, errors).keyedBy(keyField));
                if (line % BATCH == 0) {
                    interruption.check();
                }
            }
        } catch (IOException e) {
            throw new DamagedArchiveException(entry + " cannot be read: " + e.getMessage());
        }
        long expected = archive.count(entry);
        if (expected != items) {
            errors.add(entry + ": holds " + items + " items, the manifest says " + expected);
        }
    }

    /** For the writes: the entry's items, which were checked before (an error now means the file changed). */
    void eachItem(String entry, String keyField, ItemAction action) {
        List<String> errors = new ArrayList<>();
        forEachItem(entry, errors, keyField, item -> {
            try {
                action.accept(item);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot write " + entry + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!errors.isEmpty()) {
            throw new SiteImporter.InvalidArchiveException(errors.get(0));
        }
    }

    @FunctionalInterface
    interface ItemAction {
        void accept(ArchiveItem item) throws SQLException, IOException;
    }
}
