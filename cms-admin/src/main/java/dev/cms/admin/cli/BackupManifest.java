package dev.cms.admin.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backup file holds, written by {@link dev.cms.admin.zip.ChecksummedZipWriter} as its last
 * entry {@code manifest.json}: the format and version, when it was made, the schema version and row
 * counts of its database copy, and every other entry with its size and SHA-256, so a restore can
 * check the whole file before writing anything.
 *
 * <pre>
 * {"format":"cms-backup","formatVersion":2,"created":"2026-11-25T07:30:00Z","schemaVersion":"14",
 *  "counts":{"articles":120,"topics":8,"users":2,"media":3},
 *  "entries":{"database/cms.mv.db":{"bytes":20480,"sha256":"9f86d0...15d6"}, ...}}
 * </pre>
 *
 * Backups of format 1 (a text {@code manifest.txt}) are read by {@link LegacyBackupManifest}.
 */
record BackupManifest(int format, Instant created, String schemaVersion, Map<String, Long> counts,
                      List<Entry> files) {

    static final String NAME = "manifest.json";
    static final String FORMAT_NAME = "cms-backup";
    static final int FORMAT = 2;
    static final String DATABASE_ENTRY = "database/cms.mv.db";
    static final String COOKIE_SECRET_ENTRY = "cookie-secret";
    /** The embedded database's generated password: the copy in the backup opens with it alone. */
    static final String DB_PASSWORD_ENTRY = "db-password";
    static final String MEDIA_PREFIX = "media/";
    static final String THEME_PREFIX = "theme/";
    /** The tables counted, in the order they are reported. */
    static final List<String> COUNTED = List.of("articles", "topics", "users", "media");

    /** One entry of the backup besides the manifest. */
    record Entry(String path, long size, String sha256) {
    }

    /** The manifest's content could not be read: the file is not a backup this build can restore. */
    static final class InvalidManifestException extends Exception {
        InvalidManifestException(String message) {
            super(message);
        }
    }

    BackupManifest {
        counts = Map.copyOf(counts);
        files = List.copyOf(files);
    }

    /** The manifest's own fields, for the writer (which adds {@code entries}). */
    static Map<String, Object> fields(Instant created, String schemaVersion, Map<String, Long> counts) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("format", FORMAT_NAME);
        fields.put("formatVersion", (long) FORMAT);
        fields.put("created", created.toString());
        fields.put("schemaVersion", schemaVersion);
        Map<String, Object> ordered = new LinkedHashMap<>();
        COUNTED.forEach(table -> ordered.put(table, counts.get(table)));
        fields.put("counts", ordered);
        return fields;
    }

    /** Reads a {@code manifest.json} as the reader gave it. */
    static BackupManifest fromJson(Map<String, Object> json) throws InvalidManifestException {
        if (!FORMAT_NAME.equals(json.get("format")) || !(json.get("formatVersion") instanceof Long format)) {
            throw new InvalidManifestException(NAME + " does not say format \"" + FORMAT_NAME + "\" and its formatVersion");
        }
        if (format != FORMAT) {
            throw new InvalidManifestException("backup format " + format + " is not one this build reads (it reads "
                    + LegacyBackupManifest.FORMAT + " and " + FORMAT + "); restore it with the build that made it");
        }
        Instant created;
        try {
            created = Instant.parse(text(json, "created"));
        } catch (DateTimeParseException e) {
            throw new InvalidManifestException(NAME + ": 'created' is not a time: " + json.get("created"));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<?, ?> given = json.get("counts") instanceof Map<?, ?> m ? m : Map.of();
        for (String table : COUNTED) {
            if (!(given.get(table) instanceof Long n) || n < 0) {
                throw new InvalidManifestException(NAME + ": counts." + table + " is not a count");
            }
            counts.put(table, n);
        }
        List<Entry> files = new ArrayList<>();
        if (!(json.get("entries") instanceof Map<?, ?> entries)) {
            throw new InvalidManifestException(NAME + " has no 'entries'");
        }
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> about) || !(about.get("bytes") instanceof Long bytes)
                    || !(about.get("sha256") instanceof String sha256)) {
                throw new InvalidManifestException(NAME + ": entry '" + e.getKey() + "' has no bytes and sha256");
            }
            files.add(new Entry(e.getKey().toString(), bytes, sha256));
        }
        return new BackupManifest(format.intValue(), created, text(json, "schemaVersion"), counts, files);
    }

    private static String text(Map<String, Object> json, String key) throws InvalidManifestException {
        if (!(json.get(key) instanceof String value) || value.isEmpty()) {
            throw new InvalidManifestException(NAME + " has no '" + key + "'");
        }
        return value;
    }

    long count(String table) {
        return counts.get(table);
    }

    /** "articles 120, topics 8, users 2, media 3" */
    static String describeCounts(Map<String, Long> counts) {
        List<String> parts = new ArrayList<>();
        for (String table : COUNTED) {
            parts.add(table + " " + counts.get(table));
        }
        return String.join(", ", parts);
    }
}
