package dev.cms.admin.cli;

import com.zaxxer.hikari.HikariConfig;
import dev.cms.admin.batch.Progress;
import dev.cms.admin.zip.ChecksummedZipWriter;
import dev.cms.core.site.SiteSettings;
import dev.cms.db.DatabaseSettings;
import dev.cms.db.EmbeddedDatabasePassword;
import dev.cms.db.SchemaState;
import io.micronaut.jdbc.DataSourceResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code backup}: the embedded H2 database, the uploaded images, the cookie secret and the theme
 * overrides in one file, while the node keeps serving. The database is copied first, by H2's
 * {@code BACKUP TO} (the store stops reusing space while its file is copied, so the copy holds one
 * consistent state of every table, whatever is written meanwhile); the media files after it: an
 * upload's file is written before its row commits, so every row in the copy has its file, and a
 * file uploaded later is harmless. The file is written under a temporary name, readable by its
 * owner only (it holds the cookie secret and password hashes), and renamed when complete.
 */
@Command(name = "backup", sortOptions = false,
        description = {"Back up the embedded H2 database, uploaded images, cookie secret and theme overrides into"
                + " one file, while the node keeps serving.",
            "On PostgreSQL use pg_dump instead (see the README's Operating section)."})
final class BackupCommand implements Callable<Integer> {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int BUFFER = 1 << 16;

    @ParentCommand
    private AdminCommandLine commandLine;

    @Option(names = "--output", required = true, paramLabel = "<file>",
            description = "The backup file to write (a zip with a manifest.json).")
    private Path output;

    @Option(names = "--force", description = "Replace the file if it exists.")
    private boolean force;

    @Override
    public Integer call() throws Exception {
        Path target = output.toAbsolutePath().normalize();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !force) {
            commandLine.err().println("cms-admin: backup: " + target + " exists; give --force to replace it");
            return 1;
        }
        if (Files.isDirectory(target)) {
            commandLine.err().println("cms-admin: backup: " + target + " is a directory; --output names the file to write");
            return 1;
        }
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            commandLine.err().println("cms-admin: backup: the directory " + parent + " does not exist");
            return 1;
        }
        // The pool itself, not Micronaut Data's transaction-bound view of it.
        DataSource dataSource = commandLine.bean(DataSourceResolver.class).resolve(commandLine.bean(DataSource.class));
        Path dataDir = commandLine.bean(SiteSettings.class).dataPath();
        String refusal = refusal(dataSource, dataDir);
        if (refusal != null) {
            commandLine.err().println("cms-admin: backup: " + refusal);
            return 1;
        }

        Path work = Files.createTempDirectory(parent, ".cms-backup-", ownerOnly(true));
        Path partial = null;
        try {
            step("copying the database " + dataDir.resolve("cms.mv.db"));
            Path databaseCopy = copyDatabase(dataSource, work);
            commandLine.interruption().check();
            DatabaseCopy copy = new DatabaseCopy(databaseCopy.getParent(), passwordOf(dataSource));
            Map<String, Long> counts = copy.counts();
            SchemaState schema = copy.schema();
            step("database copied: " + BackupManifest.describeCounts(counts) + ", schema version " + schema.version());

            partial = Files.createTempFile(parent, "." + target.getFileName() + ".", ".partial", ownerOnly(false));
            long mediaFiles = 0;
            try (ChecksummedZipWriter zip = new ChecksummedZipWriter(Files.newOutputStream(partial))) {
                add(zip, BackupManifest.DATABASE_ENTRY, databaseCopy);
                // Only after the database copy: see the class comment.
                List<Path> media = regularFiles(dataDir.resolve("media"));
                Progress progress = new Progress(commandLine.err(), "backup: copied", "media files", media.size());
                for (Path file : media) {
                    commandLine.interruption().check();
                    String name = BackupManifest.MEDIA_PREFIX + relativeName(dataDir.resolve("media"), file);
                    if (addIfPresent(zip, name, file)) {
                        mediaFiles++;
                    }
                    progress.advance(1);
                }
                Path secret = dataDir.resolve("cookie-secret");
                if (Files.isRegularFile(secret, LinkOption.NOFOLLOW_LINKS)) {
                    add(zip, BackupManifest.COOKIE_SECRET_ENTRY, secret);
                }
                // The copy of the database opens with this password only.
                Path databasePassword = dataDir.resolve(EmbeddedDatabasePassword.FILE);
                if (Files.isRegularFile(databasePassword, LinkOption.NOFOLLOW_LINKS)) {
                    add(zip, BackupManifest.DB_PASSWORD_ENTRY, databasePassword);
                }
                for (Path file : regularFiles(dataDir.resolve("theme"))) {
                    commandLine.interruption().check();
                    add(zip, BackupManifest.THEME_PREFIX + relativeName(dataDir.resolve("theme"), file), file);
                }
                zip.finish(BackupManifest.NAME, BackupManifest.fields(Instant.now(), schema.version(), counts));
            }
            commandLine.interruption().check();
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            commandLine.out().printf("Backup written to %s: %s (schema version %s), %d media files, %s%n", target,
                    BackupManifest.describeCounts(counts), schema.version(), mediaFiles, size(Files.size(target)));
            return 0;
        } finally {
            if (partial != null) {
                Files.deleteIfExists(partial);
            }
            deleteTree(work);
        }
    }

    /** The password the node's pool opens the database with, which the copy also has. */
    private static String passwordOf(DataSource dataSource) {
        String password = dataSource instanceof HikariConfig pool ? pool.getPassword() : null;
        return password == null ? "" : password;
    }

    /** Why this database cannot be backed up by this command, or null when it can. */
    private static String refusal(DataSource dataSource, Path dataDir) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            String url = new DatabaseSettings(connection.getMetaData().getURL(), "", "").displayUrl();
            if (!"H2".equals(product)) {
                return "the node's database is " + product + " (" + url + "), not the embedded H2 database; back it"
                        + " up with pg_dump and copy " + dataDir.resolve("media")
                        + " as the README's Operating section describes";
            }
            try (Statement statement = connection.createStatement();
                 ResultSet path = statement.executeQuery("SELECT DATABASE_PATH()")) {
                if (!path.next() || path.getString(1) == null) {
                    return "the node's database " + url + " is in memory: there is no file to back up";
                }
            }
        }
        return null;
    }

    /** H2 writes a zip of the live database file (in the node's process, when it serves it); we unpack it. */
    private Path copyDatabase(DataSource dataSource, Path work) throws SQLException, IOException {
        Path h2Zip = work.resolve("h2-backup.zip");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
            backup.setString(1, h2Zip.toString());
            backup.executeUpdate();
        }
        Path directory = Files.createDirectories(work.resolve("database"));
        Path copy = directory.resolve("cms.mv.db");
        try (ZipFile zip = new ZipFile(h2Zip.toFile())) {
            ZipEntry entry = zip.getEntry("cms.mv.db");
            if (entry == null) {
                throw new IOException("H2's BACKUP TO wrote no cms.mv.db into " + h2Zip);
            }
            try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(copy)) {
                copy(in, out);
            }
        }
        Files.delete(h2Zip);
        return copy;
    }

    private void add(ChecksummedZipWriter zip, String name, Path file) throws IOException {
        if (!addIfPresent(zip, name, file)) {
            throw new NoSuchFileException(file.toString(), null, "removed while the backup was being written");
        }
    }

    /** Adds a file, or nothing (false) when it disappeared since it was listed: an upload that failed and was removed. */
    private boolean addIfPresent(ChecksummedZipWriter zip, String name, Path file) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        try (in) {
            copy(in, zip.begin(name));
            zip.end();
        }
        return true;
    }

    /** Copies, and stops at an interruption even inside a large file. */
    private long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) > 0) {
            out.write(buffer, 0, read);
            total += read;
            if (total % (BUFFER * 128L) == 0) {
                commandLine.interruption().check();
            }
        }
        return total;
    }

    /** Regular files below {@code root} (none if it is absent), sorted; symbolic links are not followed. */
    private static List<Path> regularFiles(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String relativeName(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private void step(String line) {
        commandLine.err().println("backup: " + line);
        commandLine.err().flush();
    }

    private static FileAttribute<?>[] ownerOnly(boolean directory) {
        if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(directory
                ? PosixFilePermissions.fromString("rwx------") : OWNER_ONLY)};
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
