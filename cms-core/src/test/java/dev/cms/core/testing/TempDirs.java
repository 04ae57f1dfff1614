package dev.cms.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary folders that outlive a test method, such as a test site's data directory made in a
 * property provider before any JUnit {@code @TempDir} exists: each is deleted with everything in
 * it by {@link #delete(Path)} or, at the latest, when the test JVM ends, so a test run leaves
 * nothing under {@code java.io.tmpdir}. Where a test method or class owns the folder, JUnit's
 * {@code @TempDir} is simpler.
 */
public final class TempDirs {

    /** Folders this test JVM made and has not deleted yet: deleted when it ends. */
    private static final Set<Path> UNDELETED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(UNDELETED).forEach(TempDirs::delete),
                "delete-test-folders"));
    }

    private TempDirs() {
    }

    /** A new empty folder under {@code java.io.tmpdir} whose name starts with {@code prefix}. */
    public static Path create(String prefix) {
        try {
            Path folder = Files.createTempDirectory(prefix);
            UNDELETED.add(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the folder and everything in it, as far as it can: a file another thread is still
     * writing can make a folder non-empty again, so one more try is made, and what then remains
     * is reported rather than failing the test that is cleaning up.
     */
    public static void delete(Path folder) {
        UNDELETED.remove(folder);
        for (int attempt = 1; ; attempt++) {
            try {
                deleteTree(folder);
                return;
            } catch (IOException e) {
                if (attempt == 2) {
                    System.err.println("WARNING: could not delete test folder " + folder + ": " + e);
                    return;
                }
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
