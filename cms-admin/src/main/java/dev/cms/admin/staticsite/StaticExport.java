package dev.cms.admin.staticsite;

import dev.cms.admin.batch.Interruption;
import dev.cms.admin.batch.Progress;
import dev.cms.admin.staticsite.StaticSiteUrls.Kind;
import dev.cms.admin.staticsite.StaticSiteUrls.SiteUrl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of {@code export-static}: every URL of {@link StaticSiteUrls} fetched over HTTP from a
 * server of this site (so each file has the bytes a node serves), hashed, and compared with the
 * folder's {@link ExportManifest}. Only files whose bytes changed are written: first into a staging
 * folder inside the export folder, and only when every URL answered, moved into place, what left
 * the site deleted, and the manifest replaced. A run that fails or is interrupted leaves the folder
 * as the previous run left it. Files whose URL never changes content (uploads, fingerprinted
 * assets) are fetched only when the folder lacks them.
 */
public final class StaticExport {

    /** How a run ended: files written, left as they were, and removed; bytes written and in all. */
    public record Result(long written, long unchanged, long removed, long bytesWritten, long files, long bytes) {
    }

    /** A URL that did not answer as a page of the site does, which stops the run. */
    public static final class FailedUrlException extends RuntimeException {
        FailedUrlException(String message) {
            super(message);
        }
    }

    private static final String STAGING_PREFIX = ".cms-static-staging-";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final StaticSiteUrls urls;
    private final URI server;
    private final Path folder;
    private final int parallel;
    private final Interruption interruption;
    private final Progress progress;
    private final HttpClient client;

    private final Map<String, String> previous;
    private final Map<String, String> current = new ConcurrentHashMap<>();
    private final Map<String, Path> staged = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong stagedNames = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private Path staging;

    /**
     * @param server   where a server of this site answers, such as {@code http://127.0.0.1:43121}
     * @param folder   the export folder: absent, empty, or holding an earlier export (its manifest)
     * @param parallel how many URLs are fetched at once
     */
    public StaticExport(StaticSiteUrls urls, URI server, Path folder, int parallel, PrintWriter err,
            Interruption interruption) throws IOException {
        this.urls = urls;
        this.server = server;
        this.folder = folder;
        this.parallel = parallel;
        this.interruption = interruption;
        this.progress = new Progress(err, "exported", "URLs", -1);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.previous = ExportManifest.read(folder);
    }

    /** Whether {@code folder} may take an export: absent, empty, or holding an earlier one. */
    public static boolean isExportFolder(Path folder) throws IOException {
        if (!Files.exists(folder) || ExportManifest.exists(folder)) {
            return true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            return !entries.iterator().hasNext();
        }
    }

    public Result run() throws IOException {
        Files.createDirectories(folder);
        removeStaleStaging();
        staging = Files.createTempDirectory(folder, STAGING_PREFIX);
        try {
            fetchAll();
            return commit();
        } finally {
            deleteTree(staging);
        }
    }

    private void fetchAll() {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "export-static");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore inFlight = new Semaphore(parallel * 2);
        try {
            urls.forEach(url -> {
                interruption.check();
                throwIfFailed();
                String file = StaticPaths.fileFor(url);
                if (!seen.add(file)) {
                    return;
                }
                inFlight.acquireUninterruptibly();
                pool.execute(() -> {
                    try {
                        if (failure.get() == null) {
                            export(url, file);
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                        synchronized (progress) {
                            progress.advance(1);
                        }
                    }
                });
            });
            inFlight.acquireUninterruptibly(parallel * 2);
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
        throwIfFailed();
        interruption.check();
    }

    /** Waits for the fetches still running after a failure, so none writes into a removed staging folder. */
    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void throwIfFailed() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    private void export(SiteUrl url, String file) {
        Path target = folder.resolve(file);
        String known = previous.get(file);
        if (url.kind() == Kind.IMMUTABLE_FILE && known != null && Files.isRegularFile(target)) {
            keep(file, known, target);
            return;
        }
        int expected = url.kind() == Kind.NOT_FOUND_PAGE ? 404 : 200;
        HttpRequest request = HttpRequest.newBuilder(server.resolve(url.path())).timeout(TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url.path() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailedUrlException("GET " + url.path() + " was interrupted");
        }
        Path part = staging.resolve(Long.toString(stagedNames.incrementAndGet()));
        try (InputStream body = response.body()) {
            if (response.statusCode() != expected) {
                throw new FailedUrlException(url.path() + " answered " + response.statusCode() + " (expected "
                        + expected + "): nothing was changed in " + folder + "; check that page on the site");
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), sha256)) {
                size = body.transferTo(out);
            }
            String hash = HexFormat.of().formatHex(sha256.digest());
            bytes.addAndGet(size);
            if (hash.equals(known) && Files.isRegularFile(target) && Files.size(target) == size) {
                Files.delete(part);
                current.put(file, hash);
                unchanged.incrementAndGet();
                return;
            }
            current.put(file, hash);
            staged.put(file, part);
            bytesWritten.addAndGet(size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " for " + url.path() + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void keep(String file, String hash, Path target) {
        current.put(file, hash);
        unchanged.incrementAndGet();
        try {
            bytes.addAndGet(Files.size(target));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + target, e);
        }
    }

    /** Every URL answered: the new files into place, the gone ones out, then the manifest. */
    private Result commit() throws IOException {
        for (Map.Entry<String, Path> entry : staged.entrySet()) {
            Path target = folder.resolve(entry.getKey());
            Files.createDirectories(target.getParent());
            Files.move(entry.getValue(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        long removed = 0;
        for (String file : previous.keySet()) {
            if (!current.containsKey(file)) {
                Path target = folder.resolve(file);
                if (Files.deleteIfExists(target)) {
                    removed++;
                }
                removeEmptyFolders(target.getParent());
            }
        }
        ExportManifest.write(folder, current);
        return new Result(staged.size(), unchanged.get(), removed, bytesWritten.get(), current.size(), bytes.get());
    }

    private void removeEmptyFolders(Path from) throws IOException {
        for (Path dir = from; dir != null && !dir.equals(folder) && dir.startsWith(folder); dir = dir.getParent()) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                if (entries.iterator().hasNext()) {
                    return;
                }
            }
            Files.delete(dir);
        }
    }

    /** A staging folder left by a run the machine cut off (a power loss): nothing in it is wanted. */
    private void removeStaleStaging() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, STAGING_PREFIX + "*")) {
            for (Path entry : entries) {
                deleteTree(entry);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
