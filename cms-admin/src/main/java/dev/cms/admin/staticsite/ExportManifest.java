package dev.cms.admin.staticsite;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the last {@code export-static} wrote into a folder: every file's path and SHA-256, in the
 * folder itself as {@value #FILE_NAME}, one {@code <sha256>  <path>} line per file (the format of
 * {@code sha256sum}, so {@code sha256sum -c} checks a copy). The next run compares against it to
 * leave unchanged files alone and to remove what is no longer on the site.
 */
final class ExportManifest {

    static final String FILE_NAME = ".cms-static.sha256";
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  (.+)");

    private ExportManifest() {
    }

    /** The manifest in {@code folder}, path to hash; empty when there is none. */
    static Map<String, String> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        Map<String, String> hashes = new HashMap<>();
        if (!Files.exists(file)) {
            return hashes;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                Matcher m = LINE.matcher(line);
                if (!m.matches() || !StaticPaths.isSafe(m.group(2))) {
                    throw new IOException(file + " line " + number + " is not '<sha256>  <path inside the folder>':"
                            + " delete the file to export the whole site afresh");
                }
                hashes.put(m.group(2), m.group(1));
            }
        }
        return hashes;
    }

    /** Whether {@code folder} has a manifest. */
    static boolean exists(Path folder) {
        return Files.isRegularFile(folder.resolve(FILE_NAME));
    }

    /** Replaces the manifest in {@code folder} at once: written beside it, then renamed over it. */
    static void write(Path folder, Map<String, String> hashes) throws IOException {
        Path part = folder.resolve(FILE_NAME + ".part");
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(part),
                StandardCharsets.UTF_8))) {
            for (Map.Entry<String, String> entry : new TreeMap<>(hashes).entrySet()) {
                out.write(entry.getValue());
                out.write("  ");
                out.write(entry.getKey());
                out.write('\n');
            }
        }
        Files.move(part, folder.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
