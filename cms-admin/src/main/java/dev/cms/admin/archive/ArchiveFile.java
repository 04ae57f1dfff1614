package dev.cms.admin.archive;

import dev.cms.admin.zip.ArchiveLimits;
import dev.cms.admin.zip.ChecksummedZip;
import dev.cms.admin.zip.ChecksummedZip.RefusedException;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An archive opened for reading: its manifest checked (format, version) and every entry's bytes
 * compared with the manifest's SHA-256, within the {@link ArchiveLimits}, by {@link ChecksummedZip}
 * before anything else reads them, so a damaged, tampered or zip-bomb file is refused before a
 * single row is written.
 */
final class ArchiveFile implements Closeable {

    private final Path path;
    private final ChecksummedZip zip;
    private final Map<String, Object> manifest;

    private ArchiveFile(Path path, ChecksummedZip zip, Map<String, Object> manifest) {
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
    static ArchiveFile open(Path path, ArchiveLimits limits) {
        if (!Files.isRegularFile(path)) {
            throw new DamagedArchiveException(path + ": no such file");
        }
        ChecksummedZip zip;
        try {
            zip = ChecksummedZip.open(path, limits, Set.of(ArchiveFormat.MANIFEST));
        } catch (RefusedException e) {
            throw refusal(path, e);
        }
        try {
            Map<String, Object> manifest = readManifest(path, zip);
            verify(zip, manifest);
            return new ArchiveFile(path, zip, manifest);
        } catch (RefusedException e) {
            closeQuietly(zip);
            throw refusal(path, e);
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    private static DamagedArchiveException refusal(Path path, RefusedException e) {
        return new DamagedArchiveException(switch (e.reason()) {
            case NOT_A_ZIP -> path + " is not a complete zip file (" + e.getMessage()
                    + "): the archive is truncated or damaged; export it again";
            case LIMIT, CHECKSUM -> e.getMessage() + "; nothing was imported";
            default -> e.getMessage();
        });
    }

    private static void closeQuietly(ChecksummedZip zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // the refusal is what matters
        }
    }

    private static Map<String, Object> readManifest(Path path, ChecksummedZip zip) {
        Map<String, Object> manifest;
        try {
            manifest = zip.readJsonManifest(ArchiveFormat.MANIFEST);
        } catch (IllegalArgumentException e) {
            throw new DamagedArchiveException(ArchiveFormat.MANIFEST + ": " + e.getMessage());
        }
        if (manifest == null) {
            throw new DamagedArchiveException(path + " has no " + ArchiveFormat.MANIFEST + ": it is not a site archive");
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

    /** Every entry the manifest names is present with its checksum, and nothing else is; then the seven kinds are all listed. */
    private static void verify(ChecksummedZip zip, Map<String, Object> manifest) {
        Map<String, ChecksummedZip.Expected> listed = new LinkedHashMap<>();
        ((Map<?, ?>) manifest.get("entries")).forEach((name, about) -> listed.put(name.toString(),
                new ChecksummedZip.Expected(about instanceof Map<?, ?> m && m.get("sha256") instanceof String sha
                        ? sha : null, about instanceof Map<?, ?> m && m.get("bytes") instanceof Long n ? n : -1)));
        zip.verify(listed, null, () -> { });
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
        return zip.size(entry);
    }

    InputStream open(String entry) throws IOException {
        return zip.open(entry);
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
        for (String entry : ArchiveFormat.WRITTEN) {
            counts.put(ArchiveFormat.kind(entry), Math.max(count(entry), 0));
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
