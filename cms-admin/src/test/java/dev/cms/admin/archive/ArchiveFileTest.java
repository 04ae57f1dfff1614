package dev.cms.admin.archive;

import dev.cms.admin.archive.ArchiveFile.DamagedArchiveException;
import dev.cms.admin.zip.ArchiveLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archives that expand beyond a limit (zip bombs) are refused while they are inflated, naming the
 * entry, the limit and the setting that raises it. Small limits here; the defaults are megabytes
 * and gigabytes (see {@link SiteArchiveContract} for one refused through the command).
 */
class ArchiveFileTest {

    /** Entries 20, manifest 2 KB, an item 1 KB, a media file 4 KB, all together 16 KB. */
    private static final ArchiveLimits SMALL = new ArchiveLimits(20, 2048, 1024, 4096, 16384);

    /** Where the archives made here go; JUnit deletes it after the class. */
    @TempDir
    static Path folder;

    @Test
    void anArchiveWithinTheLimitsOpens() throws IOException {
        Map<String, byte[]> entries = emptyEntries();
        entries.put(ArchiveFormat.ARTICLES, ("{\"a\":\"" + "x".repeat(1000) + "\"}\n").repeat(5).getBytes(StandardCharsets.UTF_8));
        entries.put(ArchiveFormat.MEDIA_FILES + "2024/05/a.png", new byte[4096]);
        try (ArchiveFile archive = ArchiveFile.open(zip(entries, ""), SMALL)) {
            assertEquals(entries.size(), archive.entryNames().size());
        }
    }

    @Test
    void anItemLongerThanTheLimitIsRefusedWithItsLine() throws IOException {
        Map<String, byte[]> entries = emptyEntries();
        entries.put(ArchiveFormat.ARTICLES, ("{}\n{}\n" + " ".repeat(1025) + "\n").getBytes(StandardCharsets.UTF_8));
        assertRefused(zip(entries, ""), "articles.jsonl line 3 is longer than 1 KB, more than the 1 KB an item may hold"
                + " (cms.archive.max-line-bytes): refused as a possible zip bomb; nothing was imported");
    }

    @Test
    void aMediaFileLargerThanTheLimitIsRefusedByTheSizeItDeclares() throws IOException {
        Map<String, byte[]> entries = emptyEntries();
        entries.put(ArchiveFormat.MEDIA_FILES + "2024/05/bomb.png", new byte[5000]);
        assertRefused(zip(entries, ""), "media/2024/05/bomb.png expands to 4.9 KB, more than the 4 KB a media"
                + " file may hold (cms.archive.max-media-bytes)");
    }

    @Test
    void aMediaFileThatLiesAboutItsSizeIsRefusedAsItIsInflated() throws IOException {
        Map<String, byte[]> entries = emptyEntries();
        entries.put(ArchiveFormat.MEDIA_FILES + "2024/05/bomb.png", new byte[5000]);
        Path archive = zip(entries, "");
        declareSize(archive, ArchiveFormat.MEDIA_FILES + "2024/05/bomb.png", 10);
        assertRefused(archive, "media/2024/05/bomb.png expands to more than 4 KB, more than the 4 KB a media"
                + " file may hold (cms.archive.max-media-bytes)");
    }

    @Test
    void aManifestLargerThanTheLimitIsNotReadWhole() throws IOException {
        Path archive = zip(emptyEntries(), " ".repeat(3000));
        assertRefused(archive, "manifest.json expands to 3.7 KB, more than the 2 KB a manifest may hold"
                + " (cms.archive.max-manifest-bytes)");
        declareSize(archive, ArchiveFormat.MANIFEST, 10);
        assertRefused(archive, "manifest.json expands to more than 2 KB, more than the 2 KB a manifest may hold");
    }

    @Test
    void entriesTogetherLargerThanTheLimitAreRefused() throws IOException {
        Map<String, byte[]> entries = emptyEntries();
        for (int i = 0; i < 5; i++) {
            entries.put(ArchiveFormat.MEDIA_FILES + "2024/05/" + i + ".png", new byte[4000]);
        }
        Path archive = zip(entries, "");
        assertRefused(archive, "the archive expands to more than 16.");
        assertRefused(archive, "KB, more than the 16 KB a whole archive may hold (cms.archive.max-total-bytes)");
        for (int i = 0; i < 5; i++) {
            declareSize(archive, ArchiveFormat.MEDIA_FILES + "2024/05/" + i + ".png", 1);
        }
        assertRefused(archive, "the archive expands to more than 16 KB (at media/2024/05/");
    }

    @Test
    void moreEntriesThanTheLimitAreRefusedBeforeAnyIsRead() throws IOException {
        Map<String, byte[]> entries = emptyEntries();
        for (int i = 0; i < 15; i++) {
            entries.put(ArchiveFormat.MEDIA_FILES + "2024/05/" + i + ".png", new byte[1]);
        }
        assertRefused(zip(entries, ""), "the archive holds 23 entries, more than the 20 an archive may hold"
                + " (cms.archive.max-entries)");
    }

    private static void assertRefused(Path archive, String message) {
        DamagedArchiveException e = assertThrows(DamagedArchiveException.class, () -> ArchiveFile.open(archive, SMALL));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /** Makes the zip's central directory declare {@code size} uncompressed bytes for the entry, a lie. */
    private static void declareSize(Path archive, String name, int size) throws IOException {
        byte[] zip = Files.readAllBytes(archive);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + 46 < zip.length; at++) {
            if (zip[at] == 0x50 && zip[at + 1] == 0x4b && zip[at + 2] == 0x01 && zip[at + 3] == 0x02
                    && java.util.Arrays.equals(zip, at + 46, at + 46 + wanted.length, wanted, 0, wanted.length)) {
                java.nio.ByteBuffer.wrap(zip, at + 24, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(size);
                Files.write(archive, zip);
                return;
            }
        }
        throw new AssertionError(name + " not in the central directory");
    }

    private static Map<String, byte[]> emptyEntries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        ArchiveFormat.ENTRIES.forEach(entry -> entries.put(entry, new byte[0]));
        return entries;
    }

    /** A zip of these entries (deflated) and a manifest with their checksums, padded with {@code padding}. */
    private static Path zip(Map<String, byte[]> entries, String padding) throws IOException {
        StringBuilder manifest = new StringBuilder("{\"format\":\"cms-archive\",\"formatVersion\":1,\"entries\":{");
        String separator = "";
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            manifest.append(separator).append('"').append(e.getKey()).append("\":{\"sha256\":\"").append(sha256(e.getValue()))
                    .append("\",\"items\":0}");
            separator = ",";
        }
        manifest.append("}}").append(padding);
        Path file = Files.createTempFile(folder, "archive", ".zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(ArchiveFormat.MANIFEST));
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return file;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
