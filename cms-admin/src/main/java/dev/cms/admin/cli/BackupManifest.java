package dev.cms.admin.cli;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a backup file holds, written as its last entry {@code manifest.txt}: the format version,
 * when it was made, the schema version and row counts of its database copy, and every other entry
 * with its size and SHA-256, so a restore can check the whole file before writing anything.
 *
 * <pre>
 * cms-backup 1
 * created 2026-11-25T07:30:00Z
 * schema-version 14
 * articles 120
 * topics 8
 * users 2
 * media 3
 * file 20480 9f86d0...15d6 database/cms.mv.db
 * file 5120 2c26b4...e7ae media/2026/11/0123...cdef.png
 * </pre>
 *
 * The path is the rest of its line, so it may hold spaces; it never holds a line break.
 */
record BackupManifest(int format, Instant created, String schemaVersion, Map<String, Long> counts,
                      List<Entry> files) {

    static final String NAME = "manifest.txt";
    static final int FORMAT = 1;
    static final String DATABASE_ENTRY = "database/cms.mv.db";
    static final String COOKIE_SECRET_ENTRY = "cookie-secret";
    /** The embedded database's generated password: the copy in the backup opens with it alone. */
    static final String DB_PASSWORD_ENTRY = "db-password";
    static final String MEDIA_PREFIX = "media/";
    static final String THEME_PREFIX = "theme/";
    /** The tables counted, in the order they are reported. */
    static final List<String> COUNTED = List.of("articles", "topics", "users", "media");

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

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

    byte[] toBytes() {
        StringBuilder text = new StringBuilder();
        text.append("cms-backup ").append(format).append('\n');
        text.append("created ").append(created).append('\n');
        text.append("schema-version ").append(schemaVersion).append('\n');
        for (String table : COUNTED) {
            text.append(table).append(' ').append(counts.get(table)).append('\n');
        }
        for (Entry file : files) {
            text.append("file ").append(file.size()).append(' ').append(file.sha256()).append(' ')
                    .append(file.path()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static BackupManifest parse(byte[] bytes) throws InvalidManifestException {
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("cms-backup ")) {
            throw new InvalidManifestException(NAME + " does not start with 'cms-backup <format>'");
        }
        int format;
        try {
            format = Integer.parseInt(lines.get(0).substring("cms-backup ".length()).strip());
        } catch (NumberFormatException e) {
            throw new InvalidManifestException(NAME + ": format version '" + lines.get(0) + "' is not a number");
        }
        if (format != FORMAT) {
            throw new InvalidManifestException("backup format " + format + " is not one this build reads (it reads "
                    + FORMAT + "); restore it with the build that made it");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<Entry> files = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("file ")) {
                String[] parts = line.split(" ", 4);
                if (parts.length != 4 || !SHA_256.matcher(parts[2]).matches() || parts[3].isEmpty()) {
                    throw new InvalidManifestException(NAME + ", line " + (i + 1) + ": not 'file <size> <sha256> <path>'");
                }
                files.add(new Entry(parts[3], number(parts[1], i), parts[2]));
            } else {
                String[] parts = line.split(" ", 2);
                values.put(parts[0], parts.length > 1 ? parts[1].strip() : "");
            }
        }
        Instant created;
        try {
            created = Instant.parse(required(values, "created"));
        } catch (DateTimeParseException e) {
            throw new InvalidManifestException(NAME + ": 'created' is not a time: " + values.get("created"));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : COUNTED) {
            counts.put(table, number(required(values, table), -1));
        }
        return new BackupManifest(format, created, required(values, "schema-version"), counts, files);
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

    private static String required(Map<String, String> values, String key) throws InvalidManifestException {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new InvalidManifestException(NAME + " has no '" + key + "'");
        }
        return value;
    }

    private static long number(String text, int line) throws InvalidManifestException {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidManifestException(NAME + (line >= 0 ? ", line " + (line + 1) : "") + ": '" + text
                + "' is not a count");
    }
}
