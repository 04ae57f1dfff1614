package dev.cms.admin.cli;

import dev.cms.admin.auth.CookieSecret;
import dev.cms.admin.batch.Interruption;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.admin.zip.Json;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.media.MediaService;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.user.Actor;
import dev.cms.db.DatabaseSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.sql.DataSource;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code backup} and {@code restore} on the embedded H2 file database: a backup taken while an
 * editor keeps publishing restores into a site that is whole, and a restore refuses what it must
 * refuse without touching the target.
 */
class BackupRestoreTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Run cmsAdmin(Supplier<ApplicationContext> node, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new AdminCommandLine(node, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** Restore runs before any node context exists: one asked for is a failure of the test. */
    private static ApplicationContext noNode() {
        throw new AssertionError("restore must not need the node's application context");
    }

    /** A node on the embedded default database (no URL: H2 file, AUTO_SERVER) under {@code dataDir}. */
    private static Map<String, Object> node(Path dataDir) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("cms.data-dir", dataDir.toString());
        properties.put("micronaut.server.port", -1);
        properties.put("cms.scheduler.enabled", false);
        return properties;
    }

    @Test
    void backupTakenWhileArticlesAreWrittenRestoresToAConsistentSiteWithTheSameCounts(@TempDir Path temp)
            throws Exception {
        Path source = temp.resolve("source");
        Path backup = temp.resolve("site.backup");
        Path restored = temp.resolve("restored");
        AtomicInteger written = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        int writtenBeforeBackup;
        int writtenAfterBackup;
        Run backupRun;
        try (ApplicationContext site = ApplicationContext.run(node(source))) {
            ArticleEditService articles = site.getBean(ArticleEditService.class);
            MediaService media = site.getBean(MediaService.class);
            site.getBean(CookieSecret.class); // generated into the data directory, as a serving node does
            CompletableFuture<Void> editor = CompletableFuture.runAsync(() -> {
                while (!stop.get()) {
                    int n = written.get() + 1;
                    String image = "";
                    if (n % 5 == 1) {
                        image = media.store("图" + n + ".png", new ByteArrayInputStream(png(n)), "editor").markdown();
                    }
                    articles.create(Articles.edit("并发写入的文章 " + n).slug("concurrent-" + n)
                            .body("## 第一步\n\n正文 " + n + "\n\n" + image).topics("备份", "主题" + (n % 4)).build(),
                            n % 7 == 0 ? SaveAction.SAVE : SaveAction.PUBLISH, Actor.SYSTEM);
                    written.incrementAndGet();
                }
            });
            awaitCount(written, 15, editor);

            writtenBeforeBackup = written.get();
            backupRun = cmsAdmin(() -> site, "backup", "--output", backup.toString());
            writtenAfterBackup = written.get();
            // The editor goes on after the copy: what it writes now cannot be in the backup.
            awaitCount(written, writtenAfterBackup + 5, editor);
            stop.set(true);
            editor.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertEquals(0, backupRun.exitCode(), backupRun::toString);
        assertTrue(backupRun.out().startsWith("Backup written to " + backup), backupRun::toString);
        assertTrue(backupRun.err().contains("backup: copying the database"), "progress on stderr: " + backupRun);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(backup),
                "it holds the cookie secret and password hashes");
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(List.of("site.backup", "source"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files left next to the backup");
        }
        BackupManifest manifest = manifest(backup);
        long backedUp = manifest.count("articles");
        assertTrue(backedUp >= writtenBeforeBackup && backedUp < written.get(),
                "the backup holds the articles of one moment during the writes: " + backedUp + " of "
                        + writtenBeforeBackup + " before, " + written.get() + " in the end");
        assertTrue(manifest.count("media") > 0, manifest::toString);

        Run restore = cmsAdmin(BackupRestoreTest::noNode, "restore", backup.toString(), "--data-dir", restored.toString());

        assertEquals(0, restore.exitCode(), restore::toString);
        assertTrue(restore.out().contains(": articles " + backedUp + ", topics "), restore::toString);
        assertTrue(restore.out().contains(", current"), "the schema is this build's: " + restore);
        assertTrue(Files.isRegularFile(restored.resolve("cookie-secret")), "the cookie secret comes back");
        assertEquals(Files.readString(source.resolve("db-password")), Files.readString(restored.resolve("db-password")),
                "the database's password comes back with it: the restored file opens with no other");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(restored.resolve("db-password")));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(restored));

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, node(restored))) {
            ApplicationContext site = server.getApplicationContext();
            DataSource dataSource = site.getBean(DataSourceResolver.class).resolve(site.getBean(DataSource.class));
            Map<String, String> published = new LinkedHashMap<>();
            List<String> mediaPaths = new ArrayList<>();
            try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
                assertEquals(backedUp, count(sql, "SELECT COUNT(*) FROM article"));
                assertEquals(manifest.count("topics"), count(sql, "SELECT COUNT(*) FROM topic"));
                assertEquals(manifest.count("media"), count(sql, "SELECT COUNT(*) FROM media"));
                assertEquals(0, count(sql, "SELECT COUNT(*) FROM article_topic at WHERE NOT EXISTS"
                        + " (SELECT 1 FROM article a WHERE a.id = at.article_id)"
                        + " OR NOT EXISTS (SELECT 1 FROM topic t WHERE t.id = at.topic_id)"));
                assertEquals(0, count(sql, "SELECT COUNT(*) FROM article_revision r WHERE NOT EXISTS"
                        + " (SELECT 1 FROM article a WHERE a.id = r.article_id)"));
                java.util.Set<Long> articleIds = new java.util.HashSet<>();
                try (ResultSet rows = sql.executeQuery("SELECT id FROM article")) {
                    while (rows.next()) {
                        articleIds.add(rows.getLong(1));
                    }
                }
                long listed = 0;
                try (ResultSet rows = sql.executeQuery("SELECT article_id, related_ids FROM related_list")) {
                    while (rows.next()) {
                        assertTrue(articleIds.contains(rows.getLong(1)), "the list's own article is in the copy");
                        for (String id : rows.getString(2).split(",")) {
                            assertTrue(articleIds.contains(Long.valueOf(id)), "related article " + id + " is in the copy");
                            listed++;
                        }
                    }
                }
                assertTrue(listed > 0, "related lists came along");
                assertEquals(0, count(sql, "SELECT COUNT(*) FROM article a WHERE NOT EXISTS"
                        + " (SELECT 1 FROM article_revision r WHERE r.article_id = a.id)"), "every save keeps a revision");
                try (ResultSet rows = sql.executeQuery("SELECT slug, title FROM article WHERE status = 'PUBLISHED'"
                        + " ORDER BY id DESC")) {
                    while (rows.next()) {
                        published.put(rows.getString(1), rows.getString(2));
                    }
                }
                try (ResultSet rows = sql.executeQuery("SELECT path FROM media")) {
                    while (rows.next()) {
                        mediaPaths.add(rows.getString(1));
                    }
                }
            }
            Browser browser = new Browser(URI.create("http://127.0.0.1:" + server.getPort()));
            for (String path : mediaPaths) {
                assertTrue(Files.isRegularFile(restored.resolve("media").resolve(path)), "file of media row " + path);
                assertEquals(200, browser.get("/media/" + path).status(), path);
            }
            assertFalse(published.isEmpty());
            List<Map.Entry<String, String>> pages = new ArrayList<>(published.entrySet());
            for (Map.Entry<String, String> article : List.of(pages.get(0), pages.get(pages.size() / 2),
                    pages.get(pages.size() - 1))) {
                Page page = browser.get("/articles/" + article.getKey());
                assertEquals(200, page.status(), article::toString);
                assertEquals(article.getValue(), page.text("h1"));
            }
        }
    }

    @Test
    void restoreRefusesADirectoryThatIsNotEmptyAndLeavesItAlone(@TempDir Path temp) throws Exception {
        Path backup = backupOfANewSite(temp);
        Path target = Files.createDirectories(temp.resolve("in-use"));
        Files.writeString(target.resolve("cms.mv.db"), "an existing site");
        Files.createDirectories(target.resolve("media"));

        Run run = cmsAdmin(BackupRestoreTest::noNode, "restore", backup.toString(), "--data-dir", target.toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("cms-admin: restore: the data directory " + target + " is not empty (it holds cms.mv.db, media);"
                + " restore only writes into an empty or absent directory; nothing was written\n", run.err());
        assertEquals("an existing site", Files.readString(target.resolve("cms.mv.db")));
        try (Stream<Path> left = Files.list(target)) {
            assertEquals(2, left.count());
        }
    }

    @Test
    void restoreRefusesACorruptedBackupBeforeWritingAnything(@TempDir Path temp) throws Exception {
        Path backup = backupOfANewSite(temp);
        Path absent = temp.resolve("absent");
        Path empty = Files.createDirectories(temp.resolve("empty"));
        byte[] bytes = Files.readAllBytes(backup);
        for (int offset : List.of(bytes.length / 3, bytes.length / 2)) {
            Path corrupted = temp.resolve("corrupted-" + offset + ".backup");
            byte[] flipped = bytes.clone();
            flipped[offset] ^= 0x5a;
            Files.write(corrupted, flipped);

            Run intoAbsent = cmsAdmin(BackupRestoreTest::noNode, "restore", corrupted.toString(), "--data-dir",
                    absent.toString());
            Run intoEmpty = cmsAdmin(BackupRestoreTest::noNode, "restore", corrupted.toString(), "--data-dir",
                    empty.toString());

            for (Run run : List.of(intoAbsent, intoEmpty)) {
                assertEquals(1, run.exitCode(), run::toString);
                assertTrue(run.err().contains("\ncms-admin: restore: " + corrupted + " is damaged: ")
                        || run.err().startsWith("cms-admin: restore: " + corrupted + " is not a backup"), run::toString);
                assertTrue(run.err().endsWith("; nothing was written\n"), run::toString);
            }
            assertFalse(Files.exists(absent), "an absent directory stays absent");
            try (Stream<Path> left = Files.list(empty)) {
                assertEquals(0, left.count(), "an empty directory stays empty");
            }
        }
        Run notABackup = cmsAdmin(BackupRestoreTest::noNode, "restore", temp.resolve("new").resolve("cms.mv.db").toString(),
                "--data-dir", absent.toString());
        assertEquals(1, notABackup.exitCode(), notABackup::toString);
        assertTrue(notABackup.err().contains("is not a backup made by cms-admin backup"), notABackup::toString);
    }

    @Test
    void interruptedRestoreRemovesWhatItWrote(@TempDir Path temp) throws Exception {
        Path backup = backupOfANewSite(temp);
        Path target = temp.resolve("interrupted");
        Interruption interruption = new Interruption();
        StringWriter err = new StringWriter();
        // Ctrl-C once writing has begun: the first file (the database) is written before the next check.
        Writer interruptWhenWriting = new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                err.write(text, offset, length);
                if (err.toString().contains("restore: writing into")) {
                    interruption.request();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        StringWriter out = new StringWriter();

        int exitCode = new AdminCommandLine(BackupRestoreTest::noNode, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true), new PrintWriter(interruptWhenWriting, true), interruption)
                .execute("restore", backup.toString(), "--data-dir", target.toString());

        assertEquals(AdminCommandLine.INTERRUPTED, exitCode, err::toString);
        assertTrue(err.toString().endsWith("cms-admin: restore interrupted; nothing was written\n"), err::toString);
        assertFalse(Files.exists(target), "the directory restore created is gone with what it wrote");
        assertEquals("", out.toString());
    }

    @Test
    void interruptedBackupLeavesNoFileBehind(@TempDir Path temp) throws Exception {
        Path output = Files.createDirectories(temp.resolve("backups")).resolve("site.backup");
        Interruption interruption = new Interruption();
        StringWriter err = new StringWriter();
        Writer interruptOnceCopied = new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                err.write(text, offset, length);
                if (err.toString().contains("backup: database copied")) {
                    interruption.request();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        int exitCode;
        try (ApplicationContext site = ApplicationContext.run(node(temp.resolve("site")))) {
            site.getBean(ArticleEditService.class).create(Articles.edit("一篇文章").topics("备份").build(), SaveAction.PUBLISH, Actor.SYSTEM);
            exitCode = new AdminCommandLine(() -> site, new ByteArrayInputStream(new byte[0]),
                    new PrintWriter(new StringWriter(), true), new PrintWriter(interruptOnceCopied, true), interruption)
                    .execute("backup", "--output", output.toString());
        }

        assertEquals(AdminCommandLine.INTERRUPTED, exitCode, err::toString);
        assertTrue(err.toString().endsWith("cms-admin: backup interrupted; nothing was written\n"), err::toString);
        try (Stream<Path> left = Files.list(output.getParent())) {
            assertEquals(List.of(), left.toList(), "no backup, partial file or database copy left");
        }
    }

    @Test
    void backupRefusesToReplaceAFileWithoutForce(@TempDir Path temp) throws Exception {
        Path existing = Files.writeString(temp.resolve("site.backup"), "yesterday's backup");

        Run run = cmsAdmin(BackupRestoreTest::noNode, "backup", "--output", existing.toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("cms-admin: backup: " + existing + " exists; give --force to replace it\n", run.err());
        assertEquals("yesterday's backup", Files.readString(existing));
    }

    @Test
    void backupOnPostgresRefusesAndPointsToPgDump(@TempDir Path temp) {
        try (TestDatabases.PostgresDatabase database = TestDatabases.postgres("backup");
             ApplicationContext site = ApplicationContext.run(new HashMap<>(database.properties()))) {
            Path output = temp.resolve("site.backup");

            Run run = cmsAdmin(() -> site, "backup", "--output", output.toString());

            assertEquals(1, run.exitCode(), run::toString);
            assertTrue(run.err().startsWith("cms-admin: backup: the node's database is PostgreSQL ("
                    + database.url() + "), not the embedded H2 database; back it up with pg_dump"), run::toString);
            assertFalse(Files.exists(output));
            try (Stream<Path> left = Files.list(temp)) {
                assertEquals(0, left.count(), "no temporary files");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void helpListsBackupAndRestoreAndSaysCommandsWorkWhileTheNodeServes() {
        Run help = cmsAdmin(BackupRestoreTest::noNode, "--help");
        Run restoreHelp = cmsAdmin(BackupRestoreTest::noNode, "restore", "--help");

        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().matches("(?s).*\n  backup +Back up the embedded H2 database.*"), help::toString);
        assertTrue(help.out().matches("(?s).*\n  restore +Restore a file made by backup.*"), help::toString);
        assertTrue(help.out().contains("commands reach\n  the running node's database"), help::toString);
        assertEquals(0, restoreHelp.exitCode(), restoreHelp::toString);
        assertTrue(restoreHelp.out().contains("--data-dir=<dir>"), restoreHelp::toString);
    }

    @Test
    void aBackupOfADatabaseWithoutAPasswordRestoresAndTheNodeGivesItOne(@TempDir Path temp) throws Exception {
        Path source = temp.resolve("before-passwords");
        Path backup = temp.resolve("old.backup");
        Map<String, Object> earlierBuild = node(source);
        earlierBuild.put("datasources.default.url", DatabaseSettings.h2FileUrl(source.toString()));
        earlierBuild.put("datasources.default.username", "sa");
        earlierBuild.put("datasources.default.password", "");
        try (ApplicationContext site = ApplicationContext.run(earlierBuild)) {
            site.getBean(ArticleEditService.class).create(Articles.edit("没有密码时的文章").slug("no-password").build(),
                    SaveAction.PUBLISH, Actor.SYSTEM);
            Run run = cmsAdmin(() -> site, "backup", "--output", backup.toString());
            assertEquals(0, run.exitCode(), run::toString);
        }
        assertTrue(manifest(backup).files().stream().noneMatch(f -> f.path().equals(BackupManifest.DB_PASSWORD_ENTRY)));
        Path restored = temp.resolve("restored");

        Run restore = cmsAdmin(BackupRestoreTest::noNode, "restore", backup.toString(), "--data-dir", restored.toString());

        assertEquals(0, restore.exitCode(), restore::toString);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, node(restored))) {
            Page page = new Browser(URI.create("http://127.0.0.1:" + server.getPort())).get("/articles/no-password");
            assertEquals(200, page.status());
            assertTrue(Files.isRegularFile(restored.resolve("db-password")), "the node gave the database its password");
        }
    }

    /** A backup of a site with one article, taken with {@code --force} over an older file. */
    private static Path backupOfANewSite(Path temp) throws IOException {
        Path source = temp.resolve("new");
        Path backup = Files.writeString(temp.resolve("new.backup"), "older", StandardOpenOption.CREATE);
        try (ApplicationContext site = ApplicationContext.run(node(source))) {
            site.getBean(ArticleEditService.class).create(Articles.edit("一篇文章").topics("备份").build(), SaveAction.PUBLISH, Actor.SYSTEM);
            Run run = cmsAdmin(() -> site, "backup", "--output", backup.toString(), "--force");
            assertEquals(0, run.exitCode(), run::toString);
        }
        return backup;
    }

    private static BackupManifest manifest(Path backup) throws Exception {
        try (ZipFile zip = new ZipFile(backup.toFile()); InputStream in = zip.getInputStream(zip.getEntry("manifest.json"))) {
            return BackupManifest.fromJson(Json.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aBackupMadeByThePreviousReleaseWithATextManifestStillRestores(@TempDir Path temp) throws Exception {
        Path backup = backupOfANewSite(temp);
        BackupManifest manifest = manifest(backup);
        Map<String, byte[]> entries = entries(backup);
        entries.remove(BackupManifest.NAME);
        // The manifest exactly as the previous release's BackupManifest.toBytes wrote it.
        StringBuilder text = new StringBuilder("cms-backup 1\ncreated " + manifest.created() + "\nschema-version "
                + manifest.schemaVersion() + "\n");
        for (String table : BackupManifest.COUNTED) {
            text.append(table).append(' ').append(manifest.count(table)).append('\n');
        }
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            text.append("file ").append(e.getValue().length).append(' ').append(sha256(e.getValue())).append(' ')
                    .append(e.getKey()).append('\n');
        }
        entries.put("manifest.txt", text.toString().getBytes(StandardCharsets.UTF_8));
        Path old = zip(temp.resolve("previous-release.backup"), entries);
        Path restored = temp.resolve("restored");

        Run restore = cmsAdmin(BackupRestoreTest::noNode, "restore", old.toString(), "--data-dir", restored.toString());

        assertEquals(0, restore.exitCode(), restore::toString);
        assertTrue(restore.out().contains(": articles 1, topics 1, "), restore::toString);
        assertTrue(Files.isRegularFile(restored.resolve("cms.mv.db")));
        // Only the new manifest is written.
        assertTrue(entries(backup).containsKey(BackupManifest.NAME));
        assertFalse(entries(backup).containsKey("manifest.txt"));
    }

    @Test
    void aTamperedEntryIsRefusedNamingItAndNothingIsWritten(@TempDir Path temp) throws Exception {
        Map<String, byte[]> entries = entries(backupOfANewSite(temp));
        byte[] database = entries.get(BackupManifest.DATABASE_ENTRY);
        database[database.length / 2] ^= 0x01;
        Path tampered = zip(temp.resolve("tampered.backup"), entries);
        Path target = temp.resolve("target");

        Run run = cmsAdmin(BackupRestoreTest::noNode, "restore", tampered.toString(), "--data-dir", target.toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("cms-admin: restore: " + tampered + " is damaged: database/cms.mv.db does not match its checksum"
                + " in the manifest; nothing was written\n", run.err().substring(run.err().indexOf("cms-admin: ")));
        assertFalse(Files.exists(target));
    }

    @Test
    void aBackupBeyondTheZipLimitsIsRefusedBeforeAnythingIsInflated(@TempDir Path temp) throws Exception {
        Map<String, byte[]> entries = entries(backupOfANewSite(temp));
        entries.put("media/2026/11/bomb.png", new byte[100]);
        Path bomb = zip(temp.resolve("bomb.backup"), entries);
        declareSize(bomb, "media/2026/11/bomb.png", 0x80000000);
        Path target = temp.resolve("target");

        Run run = cmsAdmin(BackupRestoreTest::noNode, "restore", bomb.toString(), "--data-dir", target.toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("cms-admin: restore: " + bomb + ": media/2026/11/bomb.png expands to "), run::toString);
        assertTrue(run.err().endsWith(" a media file may hold (cms.archive.max-media-bytes): refused as a possible zip"
                + " bomb; nothing was written\n"), run::toString);
        assertFalse(Files.exists(target));
    }

    /** Every entry of a zip, by name, in order. */
    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (var e : java.util.Collections.list(file.entries())) {
                try (InputStream in = file.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** Makes the zip's central directory declare {@code size} uncompressed bytes for the entry, a lie. */
    private static void declareSize(Path archive, String name, int size) throws IOException {
        byte[] zip = Files.readAllBytes(archive);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + 46 < zip.length; at++) {
            if (zip[at] == 0x50 && zip[at + 1] == 0x4b && zip[at + 2] == 0x01 && zip[at + 3] == 0x02
                    && java.util.Arrays.equals(zip, at + 46, at + 46 + wanted.length, wanted, 0, wanted.length)) {
                java.nio.ByteBuffer.wrap(zip, at + 24, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(size);
                Files.write(archive, zip);
                return;
            }
        }
        throw new AssertionError(name + " not in the central directory");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Waits until the editor has written {@code count} articles, failing at once if it stopped. */
    private static void awaitCount(AtomicInteger written, int count, CompletableFuture<Void> editor) {
        await("the editor to have written " + count + " articles").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .failFast("the editor stopped", () -> {
                    if (editor.isDone()) {
                        editor.get(); // its failure, if it failed
                        throw new AssertionError("the editor stopped after " + written.get() + " articles");
                    }
                })
                .until(() -> written.get() >= count);
    }

    /** A small PNG, different for each {@code n}. */
    private static byte[] png(int n) {
        BufferedImage image = new BufferedImage(4 + n % 5, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x102030 * n);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
