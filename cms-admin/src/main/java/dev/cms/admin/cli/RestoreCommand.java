package dev.cms.admin.cli;

import dev.cms.admin.batch.Progress;
import dev.cms.admin.zip.ArchiveLimits;
import dev.cms.admin.zip.ChecksummedZip;
import dev.cms.db.DataDirectory;
import dev.cms.db.EmbeddedDatabasePassword;
import dev.cms.db.SchemaMigrations;
import dev.cms.db.SchemaState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code restore}: a file made by {@code backup} into an empty (or absent) data directory. The
 * whole file is checked against its manifest before anything is written; should writing fail or be
 * interrupted, everything written is removed again. Needs no running node and no database: it runs
 * before the node's context would start, and opens the restored database itself to report on it.
 */
@Command(name = "restore", sortOptions = false,
        description = {"Restore a file made by backup into an empty or absent data directory: the embedded H2"
                + " database, uploaded images, cookie secret and theme overrides.",
            "The file is checked completely before anything is written."})
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    private AdminCommandLine commandLine;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
    private Path file;

    @Option(names = "--data-dir", paramLabel = "<dir>",
            description = "The data directory to restore into (default: CMS_DATA_DIR, else ./data).")
    private Path dataDir;

    /** The backup cannot be restored: the message says why, and nothing was written. */
    static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws Exception {
        Path source = file.toAbsolutePath().normalize();
        Path target = targetDirectory();
        try {
            refuseNonEmpty(target);
            if (!Files.isRegularFile(source)) {
                throw new RefusedException(source + " is not a file");
            }
        } catch (RefusedException e) {
            return refused(e.getMessage());
        }
        try (ChecksummedZip zip = open(source)) {
            BackupManifest manifest;
            try {
                manifest = verify(zip, source);
            } catch (RefusedException e) {
                return refused(e.getMessage());
            }
            return write(zip, manifest, source, target);
        } catch (RefusedException e) {
            return refused(e.getMessage());
        }
    }

    private Path targetDirectory() {
        if (dataDir != null) {
            return dataDir.toAbsolutePath().normalize();
        }
        String configured = System.getenv("CMS_DATA_DIR");
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("cms.data-dir", "./data");
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    private int refused(String reason) {
        commandLine.err().println("cms-admin: restore: " + reason + "; nothing was written");
        return 1;
    }

    private int undone(String reason, Path target) {
        commandLine.err().println("cms-admin: restore: " + reason + "; what it wrote into " + target
                + " was removed");
        return 1;
    }

    private static void refuseNonEmpty(Path target) throws IOException, RefusedException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedException(target + " is not a directory");
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        }
        if (!names.isEmpty()) {
            names.sort(null);
            String shown = String.join(", ", names.subList(0, Math.min(names.size(), 5)))
                    + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
            throw new RefusedException("the data directory " + target + " is not empty (it holds " + shown
                    + "); restore only writes into an empty or absent directory");
        }
    }

    /**
     * Opens the backup within the zip limits of {@code import} ({@code CMS_ARCHIVE_MAX_*}: restore
     * runs without the node's configuration, so from the environment), the number of entries and
     * their declared sizes checked before anything is inflated.
     */
    private static ChecksummedZip open(Path source) throws RefusedException {
        try {
            return ChecksummedZip.open(source, ArchiveLimits.fromEnvironment(System.getenv()),
                    Set.of(BackupManifest.NAME, LegacyBackupManifest.NAME));
        } catch (ChecksummedZip.RefusedException e) {
            throw refusal(source, e);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(e.getMessage());
        }
    }

    /** The reader's refusal in restore's words. */
    private static RefusedException refusal(Path source, ChecksummedZip.RefusedException e) {
        return new RefusedException(switch (e.reason()) {
            case NOT_A_ZIP -> source + " is not a backup made by cms-admin backup (not a readable zip: "
                    + e.getMessage() + ")";
            case CHECKSUM -> source + " is damaged: " + e.entry() + " does not match its checksum in the manifest";
            case MISSING -> source + " is incomplete: the manifest lists " + e.entry() + ", which it does not hold";
            case UNREADABLE -> source + " is damaged: " + e.getMessage();
            default -> source + ": " + e.getMessage();
        });
    }

    /** Reads the manifest (this build's, or a text one of format 1) and checks every entry against it; nothing is written. */
    private BackupManifest verify(ChecksummedZip zip, Path source) throws RefusedException {
        BackupManifest manifest;
        try {
            if (zip.has(BackupManifest.NAME)) {
                manifest = BackupManifest.fromJson(zip.readJsonManifest(BackupManifest.NAME));
            } else if (zip.has(LegacyBackupManifest.NAME)) {
                manifest = LegacyBackupManifest.parse(zip.readManifest(LegacyBackupManifest.NAME));
            } else {
                throw new RefusedException(source + " is not a backup made by cms-admin backup (it has no "
                        + BackupManifest.NAME + ")");
            }
        } catch (BackupManifest.InvalidManifestException e) {
            throw new RefusedException(source + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new RefusedException(source + ": " + BackupManifest.NAME + ": " + e.getMessage());
        } catch (ChecksummedZip.RefusedException e) {
            throw refusal(source, e);
        }
        Set<String> listed = new HashSet<>();
        boolean database = false;
        for (BackupManifest.Entry entry : manifest.files()) {
            if (!isAllowed(entry.path()) || !listed.add(entry.path())) {
                throw new RefusedException(source + ": the manifest lists '" + entry.path()
                        + "', which is not a file a backup holds");
            }
            database |= entry.path().equals(BackupManifest.DATABASE_ENTRY);
        }
        if (!database) {
            throw new RefusedException(source + ": the manifest lists no " + BackupManifest.DATABASE_ENTRY);
        }
        for (String name : zip.names()) {
            if (!name.equals(BackupManifest.NAME) && !name.equals(LegacyBackupManifest.NAME) && !listed.contains(name)) {
                throw new RefusedException(source + " holds '" + name + "', which its manifest does not list");
            }
        }
        long total = manifest.files().stream().mapToLong(BackupManifest.Entry::size).sum();
        commandLine.err().printf("restore: checking %d file%s (%s) made %s%n", manifest.files().size(),
                manifest.files().size() == 1 ? "" : "s",
                BackupCommand.size(total), manifest.created());
        Progress progress = new Progress(commandLine.err(), "restore: checked", "files", manifest.files().size());
        try {
            zip.verify(expected(manifest), commandLine.interruption(), () -> {
                progress.advance(1);
                commandLine.interruption().check();
            });
        } catch (ChecksummedZip.RefusedException e) {
            throw refusal(source, e);
        }
        return manifest;
    }

    /** Only the paths a backup writes, each staying inside the data directory. */
    private static boolean isAllowed(String path) {
        if (isPrivate(path)) {
            return true;
        }
        if (!path.startsWith(BackupManifest.MEDIA_PREFIX) && !path.startsWith(BackupManifest.THEME_PREFIX)) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("\\") || part.contains(":")) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, ChecksummedZip.Expected> expected(BackupManifest manifest) {
        Map<String, ChecksummedZip.Expected> expected = new LinkedHashMap<>();
        manifest.files().forEach(f -> expected.put(f.path(), new ChecksummedZip.Expected(f.sha256(), f.size())));
        return expected;
    }

    /** Copies one entry to {@code out}, checked again as it is written (the file could change after the check). */
    private void copyChecked(ChecksummedZip zip, Path source, BackupManifest.Entry entry, OutputStream out)
            throws RefusedException {
        try {
            zip.copyChecked(entry.path(), new ChecksummedZip.Expected(entry.sha256(), entry.size()), out,
                    commandLine.interruption());
        } catch (ChecksummedZip.RefusedException e) {
            throw refusal(source, e);
        }
    }

    private int write(ChecksummedZip zip, BackupManifest manifest, Path source, Path target) throws Exception {
        boolean createdTarget = !Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        boolean done = false;
        try {
            // Owner-only, as a node makes it: it is about to hold the database and its secrets.
            DataDirectory.secure(target);
            commandLine.err().printf("restore: writing into %s%n", target);
            commandLine.err().flush();
            Progress progress = new Progress(commandLine.err(), "restore: wrote", "files", manifest.files().size());
            for (BackupManifest.Entry entry : manifest.files()) {
                Path destination = destination(target, entry.path());
                Files.createDirectories(destination.getParent());
                try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW)) {
                    if (isPrivate(entry.path())) {
                        restrictToOwner(destination);
                    }
                    copyChecked(zip, source, entry, out);
                }
                progress.advance(1);
                commandLine.interruption().check();
            }
            commandLine.interruption().check();
            DatabaseCopy restored = new DatabaseCopy(target, restoredPassword(target));
            Map<String, Long> counts = restored.counts();
            if (!counts.equals(manifest.counts())) {
                throw new RefusedException("the restored database holds " + BackupManifest.describeCounts(counts)
                        + ", but the manifest says " + BackupManifest.describeCounts(manifest.counts()));
            }
            SchemaState schema = restored.schema();
            if (!schema.failed().isEmpty() || !schema.other().isEmpty()) {
                throw new RefusedException("the restored database's schema is not one a node can use: "
                        + String.join("; ", schema.problems()));
            }
            commandLine.out().printf("Restored %s (made %s) into %s: %s; schema version %s%s%n", source,
                    manifest.created(), target, BackupManifest.describeCounts(counts), schema.version(),
                    schema.pending().isEmpty() ? ", current" : ", " + schema.pending().size() + " migrations behind"
                            + " this build: the node applies them when it starts (CMS_DB_MIGRATE, on by default"
                            + " for H2), or run " + SchemaMigrations.MIGRATE_COMMAND);
            done = true;
            return 0;
        } catch (RefusedException e) {
            return undone(e.getMessage(), target);
        } catch (SQLException e) {
            return undone("the restored database cannot be opened: " + e.getMessage().strip().split("\\R", 2)[0],
                    target);
        } finally {
            if (!done) {
                removeWritten(target, createdTarget);
            }
        }
    }

    /** The database file, its password and the cookie secret are for the site's user alone. */
    private static boolean isPrivate(String path) {
        return path.equals(BackupManifest.DATABASE_ENTRY) || path.equals(BackupManifest.COOKIE_SECRET_ENTRY)
                || path.equals(BackupManifest.DB_PASSWORD_ENTRY);
    }

    /**
     * The restored database's password: the one restored with it; for a backup without one, the
     * operator's CMS_DB_PASSWORD, else none (a database from before passwords were generated, which
     * the node gives one when it first starts on it).
     */
    private static String restoredPassword(Path target) throws IOException {
        Path file = target.resolve(EmbeddedDatabasePassword.FILE);
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        String configured = System.getenv("CMS_DB_PASSWORD");
        return configured == null ? "" : configured;
    }

    private static Path destination(Path target, String path) throws RefusedException {
        String relative = path.equals(BackupManifest.DATABASE_ENTRY) ? "cms.mv.db" : path;
        Path destination = target.resolve(relative).normalize();
        if (!destination.startsWith(target) || destination.equals(target)) {
            throw new RefusedException("'" + path + "' would be written outside " + target);
        }
        return destination;
    }

    /** The directory was empty or absent before, so everything in it now is ours to remove. */
    private void removeWritten(Path target, boolean createdTarget) {
        try {
            if (createdTarget) {
                BackupCommand.deleteTree(target);
            } else if (Files.isDirectory(target)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
                    for (Path entry : entries) {
                        BackupCommand.deleteTree(entry);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            // Gone already.
        } catch (IOException e) {
            commandLine.err().println("cms-admin: restore: could not remove what it wrote under " + target + ": " + e);
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the data directory's own permissions have to do.
        }
    }
}
