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
 * tampered file is refused before a single row is written. While they are hashed, the bytes are
 * also counted against the {@link ArchiveLimits}: a zip bomb (gigabytes of zeros in a small file)
 * is refused at its first entry beyond a limit, never read into memory whole.
 */
final class ArchiveFile implements Closeable {

    private final Path path;
    private final ZipFile zip;
    private final Map<String, Object> manifest;
    private final ArchiveLimits limits;

    private ArchiveFile(Path path, ZipFile zip, Map<String, Object> manifest, ArchiveLimits limits) {
        this.path = path;
        this.zip = zip;
        this.manifest = manifest;
        this.limits = limits;
    }

    /** A refusal of the whole archive (not of one item), in words for the operator. */
    static final class DamagedArchiveException extends RuntimeException {
        DamagedArchiveException(String message) {
            super(message);
        }
    }

    /** Opens the archive and checks the manifest and every checksum; throws {@link DamagedArchiveException}. */
    static ArchiveFile open(Path path, ArchiveLimits limits) {
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
            checkDeclaredSizes(zip, limits);
            ArchiveFile archive = new ArchiveFile(path, zip, readManifest(path, zip, limits), limits);
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

    /**
     * What the zip's directory says, checked before a byte is inflated: how many entries, and the
     * sizes they declare (a declared size can lie, so the bytes are counted again as they are read).
     */
    private static void checkDeclaredSizes(ZipFile zip, ArchiveLimits limits) {
        if (zip.size() > limits.maxEntries()) {
            throw new DamagedArchiveException("the archive holds " + zip.size() + " entries, more than the "
                    + limits.maxEntries() + " an archive may hold (cms.archive.max-entries); nothing was imported");
        }
        long total = 0;
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            ZipEntry entry = all.nextElement();
            long declared = entry.getSize();
            if (declared < 0) {
                continue;
            }
            Limit limit = limitFor(entry.getName(), limits);
            if (limit != null && declared > limit.bytes()) {
                throw tooLarge(entry.getName() + " expands to " + ArchiveLimits.size(declared), limit);
            }
            total += declared;
            if (total > limits.maxTotalBytes()) {
                throw tooLarge("the archive expands to more than " + ArchiveLimits.size(total), totalLimit(limits));
            }
        }
    }

    /** A limit and the setting that raises it. */
    private record Limit(long bytes, String what, String setting) {
    }

    /** The limit on an entry as a whole; JSON Lines entries are limited per line instead (and in total). */
    private static Limit limitFor(String name, ArchiveLimits limits) {
        if (name.equals(ArchiveFormat.MANIFEST)) {
            return new Limit(limits.maxManifestBytes(), "a manifest", "cms.archive.max-manifest-bytes");
        }
        if (name.startsWith(ArchiveFormat.MEDIA_FILES)) {
            return new Limit(limits.maxMediaBytes(), "a media file", "cms.archive.max-media-bytes");
        }
        return null;
    }

    private static Limit totalLimit(ArchiveLimits limits) {
        return new Limit(limits.maxTotalBytes(), "a whole archive", "cms.archive.max-total-bytes");
    }

    private static DamagedArchiveException tooLarge(String what, Limit limit) {
        return new DamagedArchiveException(what + ", more than the " + ArchiveLimits.size(limit.bytes()) + " "
                + limit.what() + " may hold (" + limit.setting() + "): refused as a possible zip bomb; nothing was imported");
    }

    private static Map<String, Object> readManifest(Path path, ZipFile zip, ArchiveLimits limits) {
        ZipEntry entry = zip.getEntry(ArchiveFormat.MANIFEST);
        if (entry == null) {
            throw new DamagedArchiveException(path + " has no " + ArchiveFormat.MANIFEST + ": it is not a site archive");
        }
        Map<String, Object> manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            Limit limit = limitFor(ArchiveFormat.MANIFEST, limits);
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit.bytes() + 1));
            if (bytes.length > limit.bytes()) {
                throw tooLarge(ArchiveFormat.MANIFEST + " expands to more than " + ArchiveLimits.size(limit.bytes()), limit);
            }
            manifest = Json.readObject(new String(bytes, StandardCharsets.UTF_8).strip());
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

    /**
     * Every entry the manifest names is present with its checksum, and nothing else is; and none
     * expands beyond its limit (counted on the inflated bytes: a JSON Lines entry line by line).
     */
    private void verifyChecksums() {
        Map<?, ?> listed = (Map<?, ?>) manifest.get("entries");
        long total = 0;
        for (Map.Entry<?, ?> e : listed.entrySet()) {
            String name = e.getKey().toString();
            Object expected = e.getValue() instanceof Map<?, ?> about ? about.get("sha256") : null;
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new DamagedArchiveException(name + " is listed in the manifest but missing from the archive");
            }
            String actual;
            Limit limit = limitFor(name, limits);
            boolean lines = name.endsWith(".jsonl");
            try (InputStream in = zip.getInputStream(entry)) {
                MessageDigest digest = SiteExporter.sha256();
                byte[] buffer = new byte[1 << 16];
                long size = 0;
                long line = 1;
                long lineBytes = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    size += n;
                    total += n;
                    if (limit != null && size > limit.bytes()) {
                        throw tooLarge(name + " expands to more than " + ArchiveLimits.size(limit.bytes()), limit);
                    }
                    if (total > limits.maxTotalBytes()) {
                        throw tooLarge("the archive expands to more than " + ArchiveLimits.size(limits.maxTotalBytes())
                                + " (at " + name + ")", totalLimit(limits));
                    }
                    for (int i = 0; lines && i < n; i++) {
                        if (buffer[i] == '\n') {
                            line++;
                            lineBytes = 0;
                        } else if (++lineBytes > limits.maxLineBytes()) {
                            throw tooLarge(name + " line " + line + " is longer than "
                                    + ArchiveLimits.size(limits.maxLineBytes()),
                                    new Limit(limits.maxLineBytes(), "an item", "cms.archive.max-line-bytes"));
                        }
                    }
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
