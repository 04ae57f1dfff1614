package dev.cms.admin.zip;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a zip that {@link ChecksummedZip} reads: each entry's size and SHA-256 recorded as it is
 * written, and last a JSON manifest holding the caller's fields and {@code entries}, by name,
 * {@code {"bytes": N, "sha256": "..."}} plus whatever the caller adds to an entry (the number of items).
 */
public final class ChecksummedZipWriter implements Closeable {

    private final ZipOutputStream zip;
    private final Map<String, Object> entries = new LinkedHashMap<>();
    private Entry current;

    public ChecksummedZipWriter(OutputStream out) {
        this.zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16), StandardCharsets.UTF_8);
    }

    /** The entry being written: its bytes go to the zip, counted and hashed. Closing it does not close the zip. */
    private final class Entry extends FilterOutputStream {
        private final String name;
        private final MessageDigest digest = ChecksummedZip.sha256();
        private long bytes;

        Entry(String name) {
            super(zip);
            this.name = name;
        }

        @Override
        public void write(int b) throws IOException {
            zip.write(b);
            digest.update((byte) b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            zip.write(b, off, len);
            digest.update(b, off, len);
            bytes += len;
        }

        @Override
        public void close() {
            // the zip stays open for the next entry
        }
    }

    /** Starts an entry; write its bytes to the stream returned, then call {@link #end}. */
    public OutputStream begin(String name) throws IOException {
        if (current != null) {
            throw new IllegalStateException(current.name + " is not ended");
        }
        zip.putNextEntry(new ZipEntry(name));
        current = new Entry(name);
        return current;
    }

    /** Ends the entry begun last; what the manifest will say of it, to which the caller may add fields. */
    public Map<String, Object> end() throws IOException {
        zip.closeEntry();
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("bytes", current.bytes);
        about.put("sha256", HexFormat.of().formatHex(current.digest.digest()));
        entries.put(current.name, about);
        current = null;
        return about;
    }

    /** Writes the manifest, {@code fields} followed by {@code entries}, as the last entry, and finishes the zip. */
    public void finish(String manifestName, Map<String, Object> fields) throws IOException {
        Map<String, Object> manifest = new LinkedHashMap<>(fields);
        manifest.put("entries", entries);
        zip.putNextEntry(new ZipEntry(manifestName));
        zip.write((Json.write(manifest) + "\n").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
