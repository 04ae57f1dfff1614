package dev.cms.admin.cli;

import dev.cms.admin.zip.ChecksummedZipWriter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the manifest of backups made before backups were written with {@link ChecksummedZipWriter}
 * (operators keep them): a text entry {@code manifest.txt}, format 1,
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
 * The path is the rest of its line, so it may hold spaces; it never holds a line break. Nothing
 * writes this format any more.
 */
final class LegacyBackupManifest {

    static final String NAME = "manifest.txt";
    static final int FORMAT = 1;

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    private LegacyBackupManifest() {
    }

    static BackupManifest parse(byte[] bytes) throws BackupManifest.InvalidManifestException {
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("cms-backup ")) {
            throw new BackupManifest.InvalidManifestException(NAME + " does not start with 'cms-backup <format>'");
        }
        int format;
        try {
            format = Integer.parseInt(lines.get(0).substring("cms-backup ".length()).strip());
        } catch (NumberFormatException e) {
            throw new BackupManifest.InvalidManifestException(NAME + ": format version '" + lines.get(0) + "' is not a number");
        }
        if (format != FORMAT) {
            throw new BackupManifest.InvalidManifestException("backup format " + format + " is not one this build reads (it reads "
                    + FORMAT + "); restore it with the build that made it");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<BackupManifest.Entry> files = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("file ")) {
                String[] parts = line.split(" ", 4);
                if (parts.length != 4 || !SHA_256.matcher(parts[2]).matches() || parts[3].isEmpty()) {
                    throw new BackupManifest.InvalidManifestException(NAME + ", line " + (i + 1) + ": not 'file <size> <sha256> <path>'");
                }
                files.add(new BackupManifest.Entry(parts[3], number(parts[1], i), parts[2]));
            } else {
                String[] parts = line.split(" ", 2);
                values.put(parts[0], parts.length > 1 ? parts[1].strip() : "");
            }
        }
        Instant created;
        try {
            created = Instant.parse(required(values, "created"));
        } catch (DateTimeParseException e) {
            throw new BackupManifest.InvalidManifestException(NAME + ": 'created' is not a time: " + values.get("created"));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : BackupManifest.COUNTED) {
            counts.put(table, number(required(values, table), -1));
        }
        return new BackupManifest(format, created, required(values, "schema-version"), counts, files);
    }

    private static String required(Map<String, String> values, String key) throws BackupManifest.InvalidManifestException {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new BackupManifest.InvalidManifestException(NAME + " has no '" + key + "'");
        }
        return value;
    }

    private static long number(String text, int line) throws BackupManifest.InvalidManifestException {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BackupManifest.InvalidManifestException(NAME + (line >= 0 ? ", line " + (line + 1) : "") + ": '" + text
                + "' is not a count");
    }
}
