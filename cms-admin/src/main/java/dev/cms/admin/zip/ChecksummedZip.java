package dev.cms.admin.zip;

import dev.cms.admin.batch.Interruption;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip read back only after every entry was checked against its SHA-256 in the zip's manifest,
 * the one reader of both file kinds the commands make: site archives ({@code export}/{@code import})
 * and backups ({@code backup}/{@code restore}); {@link ChecksummedZipWriter} writes them. While an
 * entry is hashed its bytes are counted against the {@link ArchiveLimits}, so a zip bomb (gigabytes
 * of zeros in a small file) is refused at its first entry beyond a limit, never read into memory
 * whole. The manifest's own fields are the caller's; this class knows its {@code entries} only.
 */
public final class ChecksummedZip implements Closeable {

    /** Entries written under this prefix are limited each by {@link ArchiveLimits#maxMediaBytes()}. */
    public static final String MEDIA_PREFIX = "media/";

    private final Path path;
    private final ZipFile zip;
    private final ArchiveLimits limits;
    private final Set<String> manifests;

    private ChecksummedZip(Path path, ZipFile zip, ArchiveLimits limits, Set<String> manifests) {
        this.path = path;
        this.zip = zip;
        this.limits = limits;
        this.manifests = manifests;
    }

    /** Why a zip was refused; callers word their own message for some. */
    public enum Reason { NOT_A_ZIP, LIMIT, MISSING, UNLISTED, UNREADABLE, CHECKSUM }

    /** The zip cannot be trusted: {@link #entry()} names the entry concerned, if one. */
    public static final class RefusedException extends RuntimeException {
        private final Reason reason;
        private final String entry;

        RefusedException(Reason reason, String entry, String message) {
            super(message);
            this.reason = reason;
            this.entry = entry;
        }

        public Reason reason() {
            return reason;
        }

        public String entry() {
            return entry;
        }
    }

    /** What the manifest says of one entry; {@code bytes} is -1 when it does not say. */
    public record Expected(String sha256, long bytes) {
    }

    /**
     * Opens the zip and checks what its directory declares (number of entries, sizes) before a
     * byte is inflated; {@code manifests} are the names a manifest may have (each limited by
     * {@link ArchiveLimits#maxManifestBytes()}, never listed in itself).
     */
    public static ChecksummedZip open(Path path, ArchiveLimits limits, Set<String> manifests) {
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new RefusedException(Reason.NOT_A_ZIP, null, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        ChecksummedZip opened = new ChecksummedZip(path, zip, limits, manifests);
        try {
            opened.checkDeclaredSizes();
            return opened;
        } catch (RuntimeException e) {
            opened.closeQuietly();
            throw e;
        }
    }

    private void checkDeclaredSizes() {
        if (zip.size() > limits.maxEntries()) {
            throw new RefusedException(Reason.LIMIT, null, "the archive holds " + zip.size() + " entries, more than the "
                    + limits.maxEntries() + " an archive may hold (cms.archive.max-entries)");
        }
        long total = 0;
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            ZipEntry entry = all.nextElement();
            long declared = entry.getSize();
            if (declared < 0) {
                continue;
            }
            Limit limit = limitFor(entry.getName());
            if (limit != null && declared > limit.bytes()) {
                throw tooLarge(entry.getName(), entry.getName() + " expands to " + ArchiveLimits.size(declared), limit);
            }
            total += declared;
            if (total > limits.maxTotalBytes()) {
                throw tooLarge(entry.getName(), "the archive expands to more than " + ArchiveLimits.size(total),
                        totalLimit());
            }
        }
    }

    /** A limit and the setting that raises it. */
    private record Limit(long bytes, String what, String setting) {
    }

    /** The limit on an entry as a whole; JSON Lines entries are limited per line instead (and in total). */
    private Limit limitFor(String name) {
        if (manifests.contains(name)) {
            return new Limit(limits.maxManifestBytes(), "a manifest", "cms.archive.max-manifest-bytes");
        }
        if (name.startsWith(MEDIA_PREFIX)) {
            return new Limit(limits.maxMediaBytes(), "a media file", "cms.archive.max-media-bytes");
        }
        return null;
    }

    private Limit totalLimit() {
        return new Limit(limits.maxTotalBytes(), "a whole archive", "cms.archive.max-total-bytes");
    }

    private static RefusedException tooLarge(String entry, String what, Limit limit) {
        return new RefusedException(Reason.LIMIT, entry, what + ", more than the " + ArchiveLimits.size(limit.bytes())
                + " " + limit.what() + " may hold (" + limit.setting() + "): refused as a possible zip bomb");
    }

    public Path path() {
        return path;
    }

    /** Every entry's name, in the zip's order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            names.add(all.nextElement().getName());
        }
        return names;
    }

    public boolean has(String entry) {
        return zip.getEntry(entry) != null;
    }

    /** The manifest's bytes, read within {@link ArchiveLimits#maxManifestBytes()}; null when the zip has none of this name. */
    public byte[] readManifest(String name) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return null;
        }
        Limit limit = limitFor(name);
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit.bytes() + 1));
            if (bytes.length > limit.bytes()) {
                throw tooLarge(name, name + " expands to more than " + ArchiveLimits.size(limit.bytes()), limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new RefusedException(Reason.UNREADABLE, name, name + " cannot be read: " + e.getMessage());
        }
    }

    /** A JSON manifest's object (see {@link #readManifest}); a text that is not one is {@link IllegalArgumentException}. */
    public Map<String, Object> readJsonManifest(String name) {
        byte[] bytes = readManifest(name);
        return bytes == null ? null : Json.readObject(new String(bytes, StandardCharsets.UTF_8).strip());
    }

    /**
     * Every entry listed is present with its SHA-256 (and size, when given), none expands beyond
     * its limit (counted on the inflated bytes: a {@code .jsonl} entry line by line), and the zip
     * holds nothing else besides its manifest. {@code afterEntry} runs after each entry checked.
     */
    public void verify(Map<String, Expected> listed, Interruption interruption, Runnable afterEntry) {
        long[] total = {0};
        for (Map.Entry<String, Expected> e : listed.entrySet()) {
            copyChecked(e.getKey(), e.getValue(), OutputStream.nullOutputStream(), interruption, total);
            afterEntry.run();
        }
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            String name = all.nextElement().getName();
            if (!manifests.contains(name) && !listed.containsKey(name)) {
                throw new RefusedException(Reason.UNLISTED, name, name + " is in the archive but not in its manifest");
            }
        }
    }

    /** Copies a listed entry to {@code out}, refusing (after the copy) when it differs from the manifest. */
    public void copyChecked(String name, Expected expected, OutputStream out, Interruption interruption) {
        copyChecked(name, expected, out, interruption, new long[] {0});
    }

    private void copyChecked(String name, Expected expected, OutputStream out, Interruption interruption, long[] total) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new RefusedException(Reason.MISSING, name, name + " is listed in the manifest but missing from the archive");
        }
        Limit limit = limitFor(name);
        boolean lines = name.endsWith(".jsonl");
        MessageDigest digest = sha256();
        long size = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] buffer = new byte[1 << 16];
            long line = 1;
            long lineBytes = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
                total[0] += n;
                if (limit != null && size > limit.bytes()) {
                    throw tooLarge(name, name + " expands to more than " + ArchiveLimits.size(limit.bytes()), limit);
                }
                if (total[0] > limits.maxTotalBytes()) {
                    throw tooLarge(name, "the archive expands to more than " + ArchiveLimits.size(limits.maxTotalBytes())
                            + " (at " + name + ")", totalLimit());
                }
                for (int i = 0; lines && i < n; i++) {
                    if (buffer[i] == '\n') {
                        line++;
                        lineBytes = 0;
                    } else if (++lineBytes > limits.maxLineBytes()) {
                        throw tooLarge(name, name + " line " + line + " is longer than "
                                + ArchiveLimits.size(limits.maxLineBytes()),
                                new Limit(limits.maxLineBytes(), "an item", "cms.archive.max-line-bytes"));
                    }
                }
                write(out, buffer, n);
                if (interruption != null && size % (1L << 23) == 0) {
                    interruption.check();
                }
            }
        } catch (IOException e) {
            throw new RefusedException(Reason.UNREADABLE, name, name + " cannot be read (" + e.getMessage()
                    + "): the archive is damaged");
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected.sha256())) {
            throw new RefusedException(Reason.CHECKSUM, name, name + " is damaged: its SHA-256 is " + actual
                    + ", the manifest says " + (expected.sha256() == null ? "missing" : "\"" + expected.sha256() + "\""));
        }
        if (expected.bytes() >= 0 && expected.bytes() != size) {
            throw new RefusedException(Reason.CHECKSUM, name, name + " is damaged: it holds " + size
                    + " bytes, the manifest says " + expected.bytes());
        }
    }

    /** A failing write is the destination's problem, not the zip's: it is not reported as damage. */
    private static void write(OutputStream out, byte[] buffer, int n) {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The size of a stored entry as its directory declares it, or -1 when absent. */
    public long size(String entry) {
        ZipEntry e = zip.getEntry(entry);
        return e == null ? -1 : e.getSize();
    }

    /** Reads an entry (after {@link #verify}: its bytes are the manifest's). */
    public InputStream open(String entry) throws IOException {
        return zip.getInputStream(zip.getEntry(entry));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    private void closeQuietly() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // the refusal is what matters
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
