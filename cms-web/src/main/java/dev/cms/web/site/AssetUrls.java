package dev.cms.web.site;

import io.micronaut.http.MediaType;
import io.micronaut.web.router.resource.StaticResourceResolver;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fingerprinted URLs of the stylesheets and the icon every page links to: {@code /assets/css/site.css}
 * is linked as {@code /assets/css/site.<hash>.css}, the hash of the bytes served (a theme's file when
 * the theme overrides it), read once when the node starts. A fingerprinted URL names one content
 * forever, so {@link AssetFilter} lets browsers and CDNs keep it a year; a new theme or release gives
 * new URLs. Templates call {@code assets.url("/assets/css/site.css")} ({@link AssetAttributes}).
 */
@Singleton
public class AssetUrls {

    /** The files pages link to on every view; a file missing here (the admin's on a public node) is skipped. */
    static final List<String> FINGERPRINTED = List.of("/assets/css/site.css", "/assets/img/favicon.svg",
            "/assets/admin/admin.css");

    /** A fingerprinted file, served from memory. */
    record Asset(byte[] bytes, MediaType type) {
    }

    private final Map<String, String> urls = new HashMap<>();
    private final Map<String, Asset> byFingerprintedUrl = new HashMap<>();

    public AssetUrls(StaticResourceResolver resources) {
        for (String path : FINGERPRINTED) {
            Optional<URL> found = resources.resolve(path);
            if (found.isEmpty()) {
                continue;
            }
            byte[] bytes = read(found.get());
            String fingerprinted = fingerprinted(path, hash(bytes));
            urls.put(path, fingerprinted);
            byFingerprintedUrl.put(fingerprinted, new Asset(bytes, MediaType.forFilename(path)));
        }
    }

    /** The URL to link {@code path} by: fingerprinted when it is one of {@link #FINGERPRINTED}, else as given. */
    public String url(String path) {
        return urls.getOrDefault(path, path);
    }

    /**
     * The public site's files and the fingerprinted URLs pages link them by, plain path to
     * fingerprinted URL (for a static copy of the site); the admin's stylesheet is not among them.
     */
    public Map<String, String> publicUrls() {
        Map<String, String> shown = new TreeMap<>(urls);
        shown.keySet().removeIf(path -> path.startsWith("/assets/admin/"));
        return shown;
    }

    /** The file a fingerprinted URL names, empty for any other URL (a wrong hash too). */
    Optional<Asset> fingerprinted(String path) {
        return Optional.ofNullable(byFingerprintedUrl.get(path));
    }

    /** Whether {@code path} is an unfingerprinted URL of a fingerprinted file (linked by old pages). */
    boolean isPlain(String path) {
        return urls.containsKey(path);
    }

    /** Whether {@code path} looks like a fingerprinted URL of one of the files: name.(8 hex).ext. */
    static boolean looksFingerprinted(String path) {
        return path.matches("/assets/.*\\.[0-9a-f]{8}\\.[A-Za-z0-9]+");
    }

    static String fingerprinted(String path, String hash) {
        int dot = path.lastIndexOf('.');
        return path.substring(0, dot) + "." + hash + path.substring(dot);
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(URL url) {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url, e);
        }
    }
}
