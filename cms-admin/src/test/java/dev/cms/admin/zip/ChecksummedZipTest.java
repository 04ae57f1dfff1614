package dev.cms.admin.zip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one checksummed zip of archives and backups: what the writer records, the reader checks. */
class ChecksummedZipTest {

    private static final ArchiveLimits LIMITS = new ArchiveLimits(20, 2048, 1024, 4096, 16384);

    @TempDir
    Path folder;

    @Test
    void whatTheWriterWritesTheReaderVerifiesAndReadsBack() throws IOException {
        Path file = write(Map.of("a.txt", "first", "media/b.png", "second"));

        try (ChecksummedZip zip = ChecksummedZip.open(file, LIMITS, Set.of("manifest.json"))) {
            Map<String, Object> manifest = zip.readJsonManifest("manifest.json");
            assertEquals("test", manifest.get("format"));
            zip.verify(expected(manifest), null, () -> { });
            try (InputStream in = zip.open("media/b.png")) {
                assertArrayEquals("second".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
            }
        }
    }

    @Test
    void aTamperedEntryIsRefusedNamingIt() throws IOException {
        Path file = write(Map.of("a.txt", "first", "media/b.png", "second"));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        entries.put("media/b.png", "SECOND".getBytes(StandardCharsets.UTF_8));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }

        try (ChecksummedZip zip = ChecksummedZip.open(file, LIMITS, Set.of("manifest.json"))) {
            Map<String, ChecksummedZip.Expected> expected = expected(zip.readJsonManifest("manifest.json"));
            ChecksummedZip.RefusedException e = assertThrows(ChecksummedZip.RefusedException.class,
                    () -> zip.verify(expected, null, () -> { }));
            assertEquals(ChecksummedZip.Reason.CHECKSUM, e.reason());
            assertEquals("media/b.png", e.entry());
            assertEquals(true, e.getMessage().startsWith("media/b.png is damaged: its SHA-256 is "), e.getMessage());
        }
    }

    @Test
    void aMediaEntryBeyondItsLimitIsRefusedBeforeItIsInflated() throws IOException {
        Path file = write(Map.of("media/big.png", "x".repeat(5000)));

        ChecksummedZip.RefusedException e = assertThrows(ChecksummedZip.RefusedException.class,
                () -> ChecksummedZip.open(file, LIMITS, Set.of("manifest.json")));

        assertEquals(ChecksummedZip.Reason.LIMIT, e.reason());
        assertEquals("media/big.png expands to 4.9 KB, more than the 4 KB a media file may hold"
                + " (cms.archive.max-media-bytes): refused as a possible zip bomb", e.getMessage());
    }

    private Path write(Map<String, String> entries) throws IOException {
        Path file = Files.createTempFile(folder, "zip", ".zip");
        try (OutputStream out = Files.newOutputStream(file); ChecksummedZipWriter zip = new ChecksummedZipWriter(out)) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
                zip.begin(e.getKey()).write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.end();
            }
            zip.finish("manifest.json", Map.of("format", "test"));
        }
        return file;
    }

    private static Map<String, ChecksummedZip.Expected> expected(Map<String, Object> manifest) {
        Map<String, ChecksummedZip.Expected> expected = new LinkedHashMap<>();
        ((Map<?, ?>) manifest.get("entries")).forEach((name, about) -> {
            Map<?, ?> m = (Map<?, ?>) about;
            expected.put(name.toString(), new ChecksummedZip.Expected((String) m.get("sha256"), (Long) m.get("bytes")));
        });
        return expected;
    }
}
