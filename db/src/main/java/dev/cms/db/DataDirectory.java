package dev.cms.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Keeps the data directory ({@code CMS_DATA_DIR}) to the site's own operating system user: it holds
 * the embedded database with its password hashes, its password and the lock file naming its local
 * server port, the cookie secret, uploaded images. The directory is created 0700 (and tightened to
 * it when found looser), the files known to hold secrets 0600, the folders below it 0700. What H2
 * and Lucene create later inside follows the process's umask, but nobody else can reach into a 0700
 * directory. Outside POSIX file systems nothing is changed.
 */
public final class DataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

    public static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /** Files of the data directory that only the site may read. */
    private static final List<String> PRIVATE_FILES = List.of("cms.mv.db", "cms.lock.db", "cms.trace.db", "cookie-secret",
            EmbeddedDatabasePassword.FILE);
    private static final List<String> PRIVATE_DIRECTORIES = List.of("media", "search-index", "theme");

    private DataDirectory() {
    }

    /** Creates the directory owner-only if it is missing, and tightens it and what is known in it. */
    public static void secure(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir, posix(dir.getParent()) ? ownerOnlyDirectory() : new FileAttribute<?>[0]);
                } catch (FileAlreadyExistsException e) {
                    // Another process made it meanwhile: tightened below like any existing one.
                }
            }
            // The directory itself, when the configured path is a symbolic link to it.
            dir = dir.toRealPath();
            restrict(dir, OWNER_ONLY_DIRECTORY);
            for (String name : PRIVATE_FILES) {
                restrict(dir.resolve(name), OWNER_ONLY_FILE);
            }
            for (String name : PRIVATE_DIRECTORIES) {
                restrict(dir.resolve(name), OWNER_ONLY_DIRECTORY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create or restrict the data directory " + dir + " to its owner: "
                    + e.getMessage(), e);
        }
    }

    /** The attribute that creates a file readable and writable by its owner alone (none outside POSIX). */
    static FileAttribute<?>[] ownerOnlyFile(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] ownerOnlyDirectory() {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY)};
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Sets the permissions of an existing file or directory (not through a symbolic link); absent ones are skipped. */
    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (!posix(path) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
            return;
        }
        if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(permissions)) {
            try {
                Files.setPosixFilePermissions(path, permissions);
            } catch (AccessDeniedException e) {
                // Owned by another user (an operator's own layout): theirs to keep private, not a reason to stop.
                LOG.warn("Cannot make {} readable by its owner alone ({}): it is not this user's; see that no other"
                        + " user can read it", path, PosixFilePermissions.toString(permissions));
            }
        }
    }
}
