package dev.cms.admin;

import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.admin.support.PackagedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built jars, run the way the README says: the author node on the embedded default creates
 * its database, takes the first admin and an article; while it serves, its jar's backup command
 * and cms-db.jar info reach its database (H2 AUTO_SERVER); once it is stopped, create-admin resets
 * that admin's password without a server and restore unpacks the backup into a new data
 * directory; then the public node, on the restored directory, serves that article and has no
 * admin. Both answer /health for a load balancer.
 */
class PackagedNodesIT {

    private static final Duration START_TIMEOUT = PackagedNode.START_TIMEOUT;

    @TempDir
    Path dataDir;

    /** Where the backup and the data directory it is restored into go. */
    @TempDir
    Path work;

    /** The processes' output: in a folder JUnit deletes, not beside the data directory in the shared temp folder. */
    @TempDir
    Path logs;

    @Test
    void authorNodeThenPublicNodeServeTheSameSite() throws Exception {
        Path adminJar = Path.of("target/cms-admin.jar");
        Path webJar = Path.of("../cms-web/target/cms-web.jar");
        assertTrue(Files.isRegularFile(adminJar), "run after 'mvn package': " + adminJar.toAbsolutePath());
        assertTrue(Files.isRegularFile(webJar), "run after 'mvn package': " + webJar.toAbsolutePath());

        int port = PackagedNode.freePort();
        String slug;
        Path dbJar = Path.of("../db/target/cms-db.jar");
        assertTrue(Files.isRegularFile(dbJar), "run after 'mvn package': " + dbJar.toAbsolutePath());
        Path backupFile = work.resolve("site.backup");
        Path restored = work.resolve("restored");

        PackagedNode author = start(adminJar, port, "author.log", dataDir);
        try {
            Browser browser = new Browser(URI.create("http://127.0.0.1:" + port));
            Page setup = browser.follow(browser.follow(browser.get("/admin")));
            assertEquals(200, setup.status(), setup.body());
            assertEquals(303, browser.submit(setup, "form[action=/admin/setup]", Map.of("username", "admin",
                    "password", "packaged-pass", "passwordConfirm", "packaged-pass")).status());
            Page form = browser.get("/admin/articles/new");
            Page saved = browser.submit(form, "form.article-form", Map.of("title", "打包后的文章",
                    "body", "## 第一步:运行\n\n正文。", "topics", "运维", "publishTime", "2024-05-28T02:54:57",
                    "action", "publish"));
            assertEquals(303, saved.status(), saved.body());
            slug = browser.follow(saved).document().selectFirst("input[name=slug]").val();
            Page page = browser.get("/articles/" + slug);
            assertEquals("发布时间:2024-05-28 02:54:57", page.text(".article .meta"));
            Page health = healthOnceSearchIsReady(browser);
            assertEquals(200, health.status(), "open to the load balancer, without a login");
            assertEquals("{\"status\":\"UP\"}", health.body());
            assertEquals(200, browser.get("/prometheus").status());

            // Other processes reach the serving node's database through it.
            Command backup = command(adminJar, "", "backup", "--output", backupFile.toString());
            assertEquals(0, backup.exitCode(), backup.output());
            assertTrue(backup.output().contains("Backup written to " + backupFile + ": articles 1, topics 1, users 1, media 0"), backup.output());
            Command info = command(dbJar, "", "info");
            assertEquals(0, info.exitCode(), info.output());
            assertTrue(info.output().contains("Database jdbc:h2:file:"), info.output());
            assertEquals(200, browser.get("/articles/" + slug).status(), "the node serves on after both");
        } finally {
            author.stop();
        }
        assertTrue(Files.exists(dataDir.resolve("cms.mv.db")), "the H2 database lives in the data directory");
        assertTrue(Files.exists(dataDir.resolve("cookie-secret")), "the generated cookie secret is kept");

        // The same jar as a command line, on the same database, with no server.
        Command reset = command(adminJar, "new-packaged-pass\n",
                "create-admin", "--username", "admin", "--password-stdin");
        assertEquals(0, reset.exitCode(), reset.output());
        assertTrue(reset.output().contains("Set a new password for 'admin'; its earlier logins are signed out"),
                reset.output());
        assertFalse(reset.output().contains("new-packaged-pass"), reset.output());
        assertFalse(reset.output().contains("Startup completed"), "no server for a command: " + reset.output());
        Command help = command(adminJar, "", "--help");
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().contains("create-admin"), help.output());

        Command restore = command(adminJar, "", "restore", backupFile.toString(), "--data-dir", restored.toString());
        assertEquals(0, restore.exitCode(), restore.output());
        assertTrue(restore.output().contains(": articles 1, topics 1, users 1, media 0; schema version"),
                restore.output());

        PackagedNode reader = start(webJar, port, "public.log", restored);
        try {
            Browser browser = new Browser(URI.create("http://127.0.0.1:" + port));
            Page page = browser.get("/articles/" + slug);
            assertEquals(200, page.status());
            assertEquals("打包后的文章", page.text("h1"));
            assertEquals("第一步:运行", page.text(".article .body h2"));
            assertEquals(List.of("打包后的文章"), browser.get("/").document().select(".article-list h2 a").eachText());
            assertEquals(404, browser.get("/admin").status());
            assertEquals(404, browser.get("/admin/setup").status());
            assertEquals(200, healthOnceSearchIsReady(browser).status());
        } finally {
            reader.stop();
        }
    }

    /** /health once the node's search index is ready: DOWN before that, by design, for a few seconds at most. */
    private static Page healthOnceSearchIsReady(Browser browser) {
        return await("/health once the search index is ready").atMost(START_TIMEOUT)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> browser.get("/health"), health -> health.status() != 503);
    }

    record Command(int exitCode, String output) {
    }

    /** Runs the jar with arguments, {@code stdin} on its standard input, until it exits by itself. */
    private Command command(Path jar, String stdin, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(logs, "command-", ".log");
        List<String> line = new ArrayList<>(List.of(PackagedNode.java(),
                "-Xmx256m", "-jar", jar.toAbsolutePath().toString()));
        line.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CMS_DATA_DIR", dataDir.toString());
        builder.environment().remove("CMS_DB_URL");
        Process process = builder.start();
        try (OutputStream input = process.getOutputStream()) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(jar + " " + String.join(" ", args) + " did not exit:\n" + Files.readString(log));
        }
        return new Command(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private PackagedNode start(Path jar, int port, String logName, Path dataDir) throws IOException, InterruptedException {
        return PackagedNode.start(jar, port, dataDir, logs.resolve(logName), Map.of());
    }
}
