package dev.cms.admin.archive;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An archive opened for reading: its manifest checked (format, version) and every entry's bytes
 * compared with the manifest's SHA-256 before anything else reads them, so a damaged or
 * tampered file is refused before a single row is written.
 */
final class ArchiveFile implements Closeable {

    private final Path path;
    private final ZipFile zip;
    private final Map<String, Object> manifest;

    private ArchiveFile(Path path, ZipFile zip, Map<String, Object> manifest) {
        this.path = path;
        this.zip = zip;
        this.manifest = manifest;
    }

    /** A refusal of the whole archive (not of one item), in words for the operator. */
    static final class DamagedArchiveException extends RuntimeException {
        DamagedArchiveException(String message) {
            super(message);
        }
    }

    /** Opens the archive and checks the manifest and every checksum; throws {@link DamagedArchiveException}. */
    static ArchiveFile open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new DamagedArchiveException(path + ": no such file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new DamagedArchiveException(path + " is not a complete zip file (" + e.getMessage()
                    + "): the archive is truncated or damaged; export it again");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        try {
            ArchiveFile archive = new ArchiveFile(path, zip, readManifest(path, zip));
            archive.verifyChecksums();
            return archive;
        } catch (RuntimeException e) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // the refusal is what matters
            }
            throw e;
        }
    }

    private static Map<String, Object> readManifest(Path path, ZipFile zip) {
        ZipEntry entry = zip.getEntry(ArchiveFormat.MANIFEST);
        if (entry == null) {
            throw new DamagedArchiveException(path + " has no " + ArchiveFormat.MANIFEST + ": it is not a site archive");
        }
        Map<String, Object> manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            manifest = Json.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IllegalArgumentException e) {
            throw new DamagedArchiveException(ArchiveFormat.MANIFEST + ": " + e.getMessage());
        } catch (IOException e) {
            throw new DamagedArchiveException(ArchiveFormat.MANIFEST + " cannot be read: " + e.getMessage());
        }
        if (!ArchiveFormat.FORMAT.equals(manifest.get("format"))) {
            throw new DamagedArchiveException(ArchiveFormat.MANIFEST + ": format is " + quoted(manifest.get("format"))
                    + ", not \"" + ArchiveFormat.FORMAT + "\": this is not a site archive");
        }
        if (!(manifest.get("formatVersion") instanceof Long version) || version < 1) {
            throw new DamagedArchiveException(ArchiveFormat.MANIFEST + ": formatVersion is missing or not a positive"
                    + " whole number");
        }
        if (version > ArchiveFormat.VERSION) {
            throw new DamagedArchiveException("the archive is format version " + version + ", newer than this build"
                    + " reads (version " + ArchiveFormat.VERSION + "): import it with a newer cms-admin.jar");
        }
        if (!(manifest.get("entries") instanceof Map<?, ?>)) {
            throw new DamagedArchiveException(ArchiveFormat.MANIFEST + ": entries is missing");
        }
        return manifest;
    }

    /** Every entry the manifest names is present with its checksum, and nothing else is. */
    private void verifyChecksums() {
        Map<?, ?> listed = (Map<?, ?>) manifest.get("entries");
        for (Map.Entry<?, ?> e : listed.entrySet()) {
            String name = e.getKey().toString();
            Object expected = e.getValue() instanceof Map<?, ?> about ? about.get("sha256") : null;
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new DamagedArchiveException(name + " is listed in the manifest but missing from the archive");
            }
            String actual;
            try (InputStream in = zip.getInputStream(entry)) {
                MessageDigest digest = SiteExporter.sha256();
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
                actual = HexFormat.of().formatHex(digest.digest());
            } catch (IOException e2) {
                throw new DamagedArchiveException(name + " cannot be read (" + e2.getMessage()
                        + "): the archive is damaged");
            }
            if (!actual.equals(expected)) {
                throw new DamagedArchiveException(name + " is damaged: its SHA-256 is " + actual
                        + ", the manifest says " + quoted(expected) + "; nothing was imported");
            }
        }
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            String name = all.nextElement().getName();
            if (!name.equals(ArchiveFormat.MANIFEST) && !listed.containsKey(name)) {
                throw new DamagedArchiveException(name + " is in the archive but not in its manifest");
            }
        }
        for (String entry : ArchiveFormat.ENTRIES) {
            if (!listed.containsKey(entry)) {
                throw new DamagedArchiveException(entry + " is missing from the manifest");
            }
        }
    }

    Path path() {
        return path;
    }

    Map<String, Object> manifest() {
        return manifest;
    }

    /** How many items the manifest says the entry holds. */
    long count(String entry) {
        Object about = ((Map<?, ?>) manifest.get("entries")).get(entry);
        return about instanceof Map<?, ?> m && m.get("items") instanceof Long n ? n : -1;
    }

    /** The size of a stored file entry, or -1 when absent. */
    long size(String entry) {
        ZipEntry e = zip.getEntry(entry);
        return e == null ? -1 : e.getSize();
    }

    InputStream open(String entry) throws IOException {
        return zip.getInputStream(zip.getEntry(entry));
    }

    /** Reads the entry's lines one at a time; the caller closes the reader. */
    BufferedReader lines(String entry) throws IOException {
        return new BufferedReader(new InputStreamReader(open(entry), StandardCharsets.UTF_8), 1 << 16);
    }

    List<String> entryNames() {
        List<String> names = new ArrayList<>();
        ((Map<?, ?>) manifest.get("entries")).keySet().forEach(k -> names.add(k.toString()));
        return names;
    }

    Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String entry : ArchiveFormat.ENTRIES) {
            counts.put(ArchiveFormat.kind(entry), count(entry));
        }
        return counts;
    }

    static String quoted(Object value) {
        return value == null ? "missing" : "\"" + value + "\"";
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
