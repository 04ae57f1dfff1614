package dev.cms.admin.archive;

import dev.cms.admin.batch.Interruption;
import dev.cms.admin.cli.AdminCommandLine;
import dev.cms.admin.zip.Json;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.ArticleRepository;
import dev.cms.core.article.ArticleRevisionService;
import dev.cms.core.article.ArticleTrashService;
import dev.cms.core.article.PendingChange;
import dev.cms.core.article.PendingChangeService;
import dev.cms.core.article.PublishedArticleService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.media.Media;
import dev.cms.core.media.MediaService;
import dev.cms.core.profile.SiteProfileEdit;
import dev.cms.core.profile.SiteProfileService;
import dev.cms.core.related.RelatedBacklog;
import dev.cms.core.related.RelatedService;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TempDirs;
import dev.cms.core.testing.TestActors;
import dev.cms.core.topic.TopicService;
import dev.cms.core.user.Actor;
import dev.cms.core.user.Role;
import dev.cms.core.user.User;
import dev.cms.core.user.UserService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.sql.DataSource;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code export} and {@code import} between two running author nodes: a site built through the
 * services is exported, imported into an empty database, and read the way readers get it (public
 * pages over HTTP, parsed). Subclasses give the databases: H2 and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SiteArchiveContract {

    private static final List<String> TABLES = List.of("topic", "app_user", "article", "article_topic",
            "article_revision", "related_list", "related_override", "slug_redirect", "topic_redirect", "media",
            "audit_event", "search_reindex", "article_pending");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<EmbeddedServer> servers = new ArrayList<>();
    private EmbeddedServer source;
    private Path archive;
    private final List<String> publicPaths = new ArrayList<>();
    private String mediaPath;

    /** Properties of a new author node on an empty database of its own. */
    abstract Map<String, String> newSite(String name);

    EmbeddedServer start(String name) {
        // Nodes leave waiting related lists to the commands here, except where a test says otherwise.
        return start(name, Map.of("cms.related.backlog-interval", "1h"));
    }

    EmbeddedServer start(String name, Map<String, String> extra) {
        Map<String, Object> properties = new java.util.HashMap<>(newSite(name));
        properties.putAll(extra);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        servers.add(server);
        return server;
    }

    /** Each test's own nodes: closed after it, so their pools do not hold database connections for the rest. */
    @AfterEach
    void stopTargets() {
        servers.removeIf(server -> {
            if (server == source) {
                return false;
            }
            server.close();
            return true;
        });
    }

    @AfterAll
    void stopServers() {
        servers.forEach(EmbeddedServer::close);
        servers.clear();
    }

    @BeforeAll
    void buildAndExportASite() throws Exception {
        source = start("archive-source");
        ApplicationContext ctx = source.getApplicationContext();
        ArticleEditService articles = ctx.getBean(ArticleEditService.class);
        ArticleTrashService articleTrash = ctx.getBean(ArticleTrashService.class);
        TopicService topics = ctx.getBean(TopicService.class);
        RelatedService related = ctx.getBean(RelatedService.class);
        User editor = ctx.getBean(UserService.class).create("editor1", "编辑一", "editor-password", Role.EDITOR);
        Actor actor = TestActors.of(editor);
        Media image = ctx.getBean(MediaService.class).store("图.png", new ByteArrayInputStream(png()), "editor1");
        mediaPath = image.path();

        Article java = articles.create(Articles.edit("java 安全管理器").slug("java-security")
                .body("## 第一步:打开设置\n\n先打开设置。\n\n![截图](/media/" + image.path() + ")").topics("Java", "安全")
                .publishTime("2024-05-28T02:54:57").build(), SaveAction.PUBLISH, actor);
        Article jvm = articles.create(Articles.edit("JVM 调优").slug("jvm-tuning").summary("堆与垃圾回收").body("调优 **JVM**。")
                .topics("Java").publishTime("2024-05-20T10:00").featuredImage(image.id()).build(), SaveAction.PUBLISH, actor);
        Article linux = articles.create(Articles.edit("Linux 权限").slug("linux-permissions").body("chmod 与 chown。")
                .topics("安全", "Linux").publishTime("2024-05-21T09:30").build(), SaveAction.PUBLISH, actor);
        articles.create(Articles.edit("还没写完").slug("draft-one").body("草稿。").topics("Java").build(), SaveAction.SAVE, actor);
        articles.create(Articles.edit("明年的文章").slug("scheduled-one").body("以后发布。").topics("Linux")
                .publishTime(LocalDateTime.now().plusYears(1)).build(), SaveAction.PUBLISH, actor);
        Article gone = articles.create(Articles.edit("删掉的文章").slug("trashed-one").body("删了。").topics("Java")
                .publishTime("2024-05-01T08:00").build(), SaveAction.PUBLISH, actor);
        articleTrash.trash(gone.id(), actor);
        // A revision history, and a slug change that leaves a redirect behind.
        Article edited = articles.update(java.id(), Articles.edit("Java 安全管理器").slug("java-security-manager")
                .summary("设置安全管理器的步骤")
                .body("## 第一步:打开设置\n\n先打开设置。\n\n## 第二步:保存\n\n保存。\n\n![截图](/media/" + image.path() + ")")
                .topics("Java", "安全").publishTime("2024-05-28T02:54:57").basedOn(java.version()).build(),
                SaveAction.PUBLISH, actor);
        assertNotEquals(java.slug(), edited.slug());
        // A pending change: saved over the live article, not on its public page.
        articles.update(linux.id(), Articles.edit("Linux 权限(修订)").slug("linux-permissions").body("待更新的正文。")
                .topics("安全", "Linux").featuredImage(image.id()).basedOn(linux.version()).build(), SaveAction.SAVE, actor);
        related.pin(jvm.id(), linux.id());
        related.exclude(linux.id(), java.id());
        topics.rename(topics.idOf("Linux").orElseThrow(), "Linux 系统");
        ctx.getBean(SiteProfileService.class).update(new SiteProfileEdit("旧站点", "一个旧站点的说明", "页脚文字",
                "Java | Java\n关于 | /articles/jvm-tuning", "/media/" + image.path(), null, null),
                Actor.SYSTEM, "");

        publicPaths.addAll(List.of("/", "/feed.xml", "/atom.xml", "/sitemap.xml", "/articles/java-security-manager",
                "/articles/jvm-tuning", "/articles/linux-permissions"));
        for (var t : topics.listWithCounts()) {
            publicPaths.add("/topics/" + t.slug());
        }

        archive = TempDirs.create("archive").resolve("site.zip");
        Run export = cmsAdmin(source, new Interruption(), "export", "--output", archive.toString());
        assertEquals(0, export.exitCode(), export::toString);
        assertTrue(export.out().startsWith("Exported 3 topics, 1 users, 6 articles, 2 related-overrides,"
                + " 1 slug-redirects, 1 topic-redirects, 1 media, 1 settings to "), export::toString);
    }

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run cmsAdmin(EmbeddedServer node, Interruption interruption, Writer errSink, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Writer errs = errSink == null ? err : new Writer() {
            @Override
            public void write(char[] chars, int off, int len) throws IOException {
                err.write(chars, off, len);
                errSink.write(chars, off, len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        int exitCode = new AdminCommandLine(node::getApplicationContext, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true), new PrintWriter(errs, true), interruption).execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    static Run cmsAdmin(EmbeddedServer node, Interruption interruption, String... args) {
        return cmsAdmin(node, interruption, null, args);
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff0000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    private HttpResponse<byte[]> get(EmbeddedServer server, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path));
        if (!path.endsWith(".xml") && !path.startsWith("/media/")) {
            request.header("Accept", "text/html");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** What a reader gets: the page's main content, or for feeds and sitemaps the XML without build times. */
    private String page(EmbeddedServer server, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get(server, path);
        String body = new String(response.body(), StandardCharsets.UTF_8)
                .replace(server.getURI().toString(), "http://node/");
        if (path.endsWith(".xml")) {
            Document xml = Jsoup.parse(body, "", Parser.xmlParser());
            xml.select("lastBuildDate, updated").remove();
            return response.statusCode() + "\n" + xml.outerHtml();
        }
        return response.statusCode() + "\n" + Jsoup.parse(body).select("main").outerHtml();
    }

    /** Row counts of every content table, and every article's version and update time. */
    static Map<String, Object> snapshot(EmbeddedServer server) throws SQLException {
        Map<String, Object> state = new LinkedHashMap<>();
        try (Connection c = DelegatingDataSource.unwrapDataSource(
                server.getApplicationContext().getBean(DataSource.class)).getConnection();
             Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    r.next();
                    state.put(table, r.getLong(1));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT slug, version, updated_at FROM article ORDER BY slug")) {
                while (r.next()) {
                    state.put("article " + r.getString(1), r.getLong(2) + " " + r.getObject(3));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT username, token_version, updated_at FROM app_user ORDER BY username")) {
                while (r.next()) {
                    state.put("user " + r.getString(1), r.getLong(2) + " " + r.getObject(3));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT generation FROM search_reindex")) {
                r.next();
                state.put("reindex generation", r.getLong(1));
            }
        }
        return state;
    }

    @Test
    void importedSiteShowsReadersTheSamePagesAndASecondImportChangesNothing() throws Exception {
        EmbeddedServer target = start("archive-target");

        Run first = cmsAdmin(target, new Interruption(), "import", archive.toString());

        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().contains("articles          6 created, 0 updated, 0 unchanged"), first::toString);
        assertTrue(first.out().contains("media             1 created, 0 updated, 0 unchanged"), first::toString);
        assertTrue(first.out().contains("run 'reindex'"), first::toString);
        for (String path : publicPaths) {
            assertEquals(page(source, path), page(target, path), "public page " + path);
        }
        assertTrue(page(target, "/articles/java-security-manager").contains("第二步:保存"));
        assertEquals(301, get(target, "/articles/java-security").statusCode(), "the old slug still redirects");
        assertEquals(404, get(target, "/articles/draft-one").statusCode(), "a draft stays off the public site");
        assertEquals(404, get(target, "/articles/trashed-one").statusCode(), "a trashed article stays trashed");
        HttpResponse<byte[]> image = get(target, "/media/" + mediaPath);
        assertEquals(200, image.statusCode());
        assertTrue(java.util.Arrays.equals(get(source, "/media/" + mediaPath).body(), image.body()));
        // The featured image came along by its media path, whatever id the media got in the new site.
        Document jvmPage = Jsoup.parse(new String(get(target, "/articles/jvm-tuning").body(), StandardCharsets.UTF_8));
        assertTrue(jvmPage.selectFirst("meta[property=og:image]").attr("content").endsWith("/media/" + mediaPath),
                jvmPage.select("meta").toString());
        Document targetHome = Jsoup.parse(new String(get(target, "/").body(), StandardCharsets.UTF_8));
        assertEquals("/media/" + mediaPath, targetHome.selectFirst(".article-list a[href=/articles/jvm-tuning]")
                .closest("li").selectFirst("img.thumb").attr("src"));
        List<String> linuxList = Jsoup.parse(page(target, "/articles/jvm-tuning")).select("a[href^=/articles/]")
                .eachAttr("href");
        assertTrue(linuxList.contains("/articles/linux-permissions"), "the pin came along: " + linuxList);
        PendingChangeService targetPending = target.getApplicationContext().getBean(PendingChangeService.class);
        Long linuxId = target.getApplicationContext().getBean(ArticleRepository.class).findBySlug("linux-permissions")
                .orElseThrow().id();
        PendingChange pending = targetPending.find(linuxId).orElseThrow(() -> new AssertionError("the pending change came along"));
        assertEquals("待更新的正文。", pending.bodyMarkdown());
        assertEquals("Linux 权限(修订)", pending.title());
        assertEquals(mediaPath, pending.featuredImagePath());
        assertFalse(page(target, "/articles/linux-permissions").contains("待更新的正文"), "and it is not live there either");

        Map<String, Object> before = snapshot(target);
        Run second = cmsAdmin(target, new Interruption(), "import", archive.toString());

        assertEquals(0, second.exitCode(), second::toString);
        for (String kind : List.of("topics", "users", "articles", "related-overrides", "slug-redirects",
                "topic-redirects", "media", "settings")) {
            assertTrue(second.out().matches("(?s).*\\n  " + kind + " +0 created, 0 updated, \\d+ unchanged\\n.*"),
                    kind + " unchanged in\n" + second);
        }
        assertTrue(second.out().contains("Nothing changed"), second::toString);
        assertEquals(before, snapshot(target));
    }

    @Test
    void theSiteSettingsComeAlongAndAnArchiveWithoutThemLeavesTheSitesAlone(@TempDir Path folder) throws Exception {
        EmbeddedServer target = start("archive-settings");

        Run run = cmsAdmin(target, new Interruption(), "import", archive.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("settings          0 created, 1 updated, 0 unchanged"), run::toString);
        Document home = Jsoup.parse(new String(get(target, "/").body(), StandardCharsets.UTF_8));
        assertEquals("旧站点", home.selectFirst(".site-name").text());
        assertEquals("/media/" + mediaPath, home.selectFirst(".site-name img").attr("src"), "the logo");
        assertEquals(List.of("/", "/topics/java", "/articles/jvm-tuning"), home.select(".site-nav a").eachAttr("href"));
        assertEquals("一个旧站点的说明", home.selectFirst("meta[name=description]").attr("content"));
        assertTrue(home.select("footer").text().contains("页脚文字"), home.select("footer").outerHtml());

        // An archive written before settings were exported: the site keeps the settings it has.
        SiteProfileService profiles = target.getApplicationContext().getBean(SiteProfileService.class);
        profiles.update(new SiteProfileEdit("新站点", null, null, null, null, null, null), Actor.SYSTEM, "");
        Run older = cmsAdmin(target, new Interruption(), "import", withoutEntry(folder.resolve("older.zip"),
                ArchiveFormat.SETTINGS).toString());
        assertEquals(0, older.exitCode(), older::toString);
        assertTrue(older.out().contains("settings          0 created, 0 updated, 0 unchanged"), older::toString);
        assertEquals("新站点", profiles.current().siteName());
    }

    @Test
    void settingsThatTheSettingsPageWouldRefuseAreRefusedNamingTheFieldAndNothingIsWritten(@TempDir Path folder)
            throws Exception {
        EmbeddedServer target = start("archive-bad-settings");
        Map<String, Object> before = snapshot(target);
        Path unsafe = rewrite(folder.resolve("unsafe-link.zip"), ArchiveFormat.SETTINGS,
                text -> text.replace("\"href\":\"/articles/jvm-tuning\"", "\"href\":\"javascript:alert(1)\""), true);
        Path missingLogo = rewrite(folder.resolve("missing-logo.zip"), ArchiveFormat.SETTINGS,
                text -> text.replace("\"logo\":\"" + mediaPath + "\"", "\"logo\":\"2024/01/0123456789abcdef.png\""), true);

        Run link = cmsAdmin(target, new Interruption(), "import", unsafe.toString());
        Run logo = cmsAdmin(target, new Interruption(), "import", missingLogo.toString());

        assertEquals(1, link.exitCode(), link::toString);
        assertTrue(link.err().contains("settings.jsonl line 1 (siteName \"旧站点\"): navigation: "), link::toString);
        assertEquals(1, logo.exitCode(), logo::toString);
        assertTrue(logo.err().contains("settings.jsonl line 1 (siteName \"旧站点\"): logoUrl: "), logo::toString);
        assertEquals(before, snapshot(target), "the database is untouched");
        assertEquals(target.getApplicationContext().getBean(SiteProfileService.class).defaultSiteName(),
                target.getApplicationContext().getBean(SiteProfileService.class).current().siteName());
    }

    /** The exported archive without one entry, as an archive of an older release would be. */
    private Path withoutEntry(Path to, String entryName) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile());
             OutputStream file = Files.newOutputStream(to); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (entry.getName().equals(entryName)) {
                    continue;
                }
                if (entry.getName().equals(ArchiveFormat.MANIFEST)) {
                    Map<String, Object> manifest = Json.readObject(new String(bytes, StandardCharsets.UTF_8).strip());
                    ((Map<?, ?>) manifest.get("entries")).remove(entryName);
                    ((Map<?, ?>) manifest.get("counts")).remove(ArchiveFormat.kind(entryName));
                    bytes = (Json.write(manifest) + "\n").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return to;
    }

    @Test
    void importedRevisionsAuthorsAndUsersKeepWhoDidWhatButNoPassword() throws Exception {
        EmbeddedServer target = start("archive-history");
        Run run = cmsAdmin(target, new Interruption(), "import", archive.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("1 new user has no password"), run::toString);

        ApplicationContext ctx = target.getApplicationContext();
        ArticleEditService articles = ctx.getBean(ArticleEditService.class);
        PublishedArticleService publicArticles = ctx.getBean(PublishedArticleService.class);
        ArticleRevisionService articleRevisions = ctx.getBean(ArticleRevisionService.class);
        Article java = publicArticles.findPublished("java-security-manager").orElseThrow().article();
        assertEquals(2, articleRevisions.revisions(java.id(), Actor.SYSTEM).size(), "both saves are in the history");
        assertTrue(articleRevisions.revisions(java.id(), Actor.SYSTEM).stream().allMatch(r -> r.savedBy().equals("editor1")));
        assertTrue(ctx.getBean(UserService.class).authenticate("editor1", "editor-password").isEmpty(),
                "without --include-password-hashes no password comes along");
    }

    @Test
    void anImportThatChangesAUsersRoleSignsThatUserOut() throws Exception {
        EmbeddedServer target = start("archive-role");
        assertEquals(0, cmsAdmin(target, new Interruption(), "import", archive.toString()).exitCode());
        UserService users = target.getApplicationContext().getBean(UserService.class);
        User promoted = users.changeRole(users.find("editor1").orElseThrow().id(), Role.ADMIN);

        Run run = cmsAdmin(target, new Interruption(), "import", archive.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().matches("(?s).*\\n  users +0 created, 1 updated, \\d+ unchanged\\n.*"), run::toString);
        User after = users.find("editor1").orElseThrow();
        assertEquals(Role.EDITOR, after.role(), "the archive's role is back");
        assertTrue(users.activeUser("editor1", promoted.tokenVersion()).isEmpty(),
                "a login cookie issued with the admin role is refused after the import");
    }

    @Test
    void corruptedArchivesAreRefusedNamingTheProblemAndNothingIsWritten(@TempDir Path folder) throws Exception {
        EmbeddedServer target = start("archive-corrupt");
        Map<String, Object> before = snapshot(target);

        Path flipped = rewrite(folder.resolve("flipped.zip"), ArchiveFormat.ARTICLES, text -> text.replace("JVM 调优",
                "JVM 调忧"), false);
        Run damaged = cmsAdmin(target, new Interruption(), "import", flipped.toString());
        assertEquals(1, damaged.exitCode(), damaged::toString);
        assertTrue(damaged.err().contains("articles.jsonl is damaged: its SHA-256 is "), damaged::toString);

        Path truncated = folder.resolve("truncated.zip");
        byte[] whole = Files.readAllBytes(archive);
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        Run cut = cmsAdmin(target, new Interruption(), "import", truncated.toString());
        assertEquals(1, cut.exitCode(), cut::toString);
        assertTrue(cut.err().contains("is not a complete zip file"), cut::toString);

        Path newer = rewrite(folder.resolve("newer.zip"), ArchiveFormat.MANIFEST,
                text -> text.replace("\"formatVersion\":1", "\"formatVersion\":2"), false);
        Run future = cmsAdmin(target, new Interruption(), "import", newer.toString());
        assertEquals(1, future.exitCode(), future::toString);
        assertTrue(future.err().contains("the archive is format version 2, newer than this build reads (version 1)"),
                future::toString);

        Path missingTopic = rewrite(folder.resolve("missing-topic.zip"), ArchiveFormat.ARTICLES,
                text -> text.replace("\"topics\":[\"java\"]", "\"topics\":[\"no-such-topic\"]"), true);
        Run reference = cmsAdmin(target, new Interruption(), "import", missingTopic.toString());
        assertEquals(1, reference.exitCode(), reference::toString);
        assertTrue(reference.err().matches("(?s).*  articles\\.jsonl line \\d+ \\(slug \"jvm-tuning\"\\): topic"
                + " \"no-such-topic\" is neither in the archive nor in the site\\n.*"), reference::toString);

        String missing = "2024/05/" + "0".repeat(32) + ".png";
        Path missingImage = rewrite(folder.resolve("missing-image.zip"), ArchiveFormat.ARTICLES,
                text -> text.replace("\"featuredImage\":\"" + mediaPath + "\"", "\"featuredImage\":\"" + missing + "\""), true);
        Run image = cmsAdmin(target, new Interruption(), "import", missingImage.toString());
        assertEquals(1, image.exitCode(), image::toString);
        assertTrue(image.err().matches("(?s).*  articles\\.jsonl line \\d+ \\(slug \"jvm-tuning\"\\): featuredImage"
                + " \"" + missing + "\" is neither in the archive's media nor in the site\\n.*"), image::toString);

        Path emptyTitle = rewrite(folder.resolve("empty-title.zip"), ArchiveFormat.ARTICLES,
                text -> text.replace("\"title\":\"JVM 调优\"", "\"title\":\"\""), true);
        Run invalid = cmsAdmin(target, new Interruption(), "import", emptyTitle.toString(), "--dry-run");
        assertEquals(1, invalid.exitCode(), invalid::toString);
        assertTrue(invalid.err().matches("(?s).*articles\\.jsonl line \\d+ \\(slug \"jvm-tuning\"\\): title is"
                + " empty\\n.*"), invalid::toString);

        Path nul = rewrite(folder.resolve("nul.zip"), ArchiveFormat.ARTICLES,
                text -> text.replace("\"title\":\"JVM 调优\"", "\"title\":\"JVM\\u0000调优\""), true);
        Run withNul = cmsAdmin(target, new Interruption(), "import", nul.toString());
        assertEquals(1, withNul.exitCode(), withNul::toString);
        assertTrue(withNul.err().matches("(?s).*articles\\.jsonl line \\d+ \\(slug \"jvm-tuning\"\\): title holds a NUL"
                + " character \\(U\\+0000\\), which the database cannot store\\n.*"), withNul::toString);

        Path absurd = rewrite(folder.resolve("absurd-time.zip"), ArchiveFormat.ARTICLES,
                text -> text.replaceFirst("\"published\":\"[^\"]+\"", "\"published\":\"+999999999-12-31T15:59:59Z\""), true);
        Run farFuture = cmsAdmin(target, new Interruption(), "import", absurd.toString());
        assertEquals(1, farFuture.exitCode(), farFuture::toString);
        assertTrue(farFuture.err().contains("published \"+999999999-12-31T15:59:59Z\" is not between the years 1 and 9999"),
                farFuture::toString);
        Path before1970 = rewrite(folder.resolve("before-1970.zip"), ArchiveFormat.ARTICLES,
                text -> text.replaceFirst("\"published\":\"[^\"]+\"", "\"published\":\"1900-01-01T00:00:00Z\""), true);
        Run old = cmsAdmin(target, new Interruption(), "import", before1970.toString());
        assertEquals(1, old.exitCode(), old::toString);
        assertTrue(old.err().contains("published 1900-01-01T00:00:00Z is not between 1970-01-01 and 9999-12-31"), old::toString);

        assertEquals(before, snapshot(target), "the database is untouched");
        assertFalse(Files.exists(mediaRoot(target).resolve(mediaPath)), "no media file was copied");
    }

    @Test
    void aZipBombIsRefusedNamingTheEntryAndTheLimitAndNothingIsWritten(@TempDir Path folder) throws Exception {
        EmbeddedServer target = start("archive-bomb");
        Map<String, Object> before = snapshot(target);
        // 100 MB of one line, 100 KB compressed, its checksum right: read whole, it took 200 MB of heap as a String.
        Path bomb = bomb(folder.resolve("bomb.zip"), ArchiveFormat.ARTICLES, 100L << 20);
        assertTrue(Files.size(bomb) < 2L << 20, "a small file");

        Run run = cmsAdmin(target, new Interruption(), "import", bomb.toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("articles.jsonl line 1 is longer than 64 MB, more than the 64 MB an item may hold"
                + " (cms.archive.max-line-bytes): refused as a possible zip bomb; nothing was imported"), run::toString);
        assertEquals(before, snapshot(target), "the database is untouched");
    }

    /** The exported archive with one entry replaced by {@code bytes} of the letter a, and its checksum put right. */
    private Path bomb(Path to, String entryName, long bytes) throws IOException {
        MessageDigest sha = sha256Digest();
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'a');
        try (ZipFile source = new ZipFile(archive.toFile());
             OutputStream file = Files.newOutputStream(to); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
            for (Enumeration<? extends ZipEntry> e = source.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().equals(ArchiveFormat.MANIFEST)) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(entryName)) {
                    for (long written = 0; written < bytes; written += chunk.length) {
                        zip.write(chunk);
                        sha.update(chunk);
                    }
                } else {
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(zip);
                    }
                }
                zip.closeEntry();
            }
            String manifest;
            byte[] original;
            try (InputStream in = source.getInputStream(source.getEntry(ArchiveFormat.MANIFEST));
                 InputStream entry = source.getInputStream(source.getEntry(entryName))) {
                manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                original = entry.readAllBytes();
            }
            zip.putNextEntry(new ZipEntry(ArchiveFormat.MANIFEST));
            zip.write(manifest.replace(sha256(original), HexFormat.of().formatHex(sha.digest())).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return to;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stands for Ctrl-C: requests the interruption as soon as the command's progress output shows {@code cue}. */
    private static Writer ctrlCOn(String cue, Interruption interruption) {
        return new Writer() {
            private final StringBuilder seen = new StringBuilder();

            @Override
            public void write(char[] chars, int off, int len) {
                seen.append(chars, off, len);
                if (seen.indexOf(cue) >= 0) {
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
    }

    @Test
    void interruptedImportLeavesTheDatabaseAndMediaAsTheyWere() throws Exception {
        EmbeddedServer target = start("archive-interrupt");
        Map<String, Object> before = snapshot(target);
        Interruption interruption = new Interruption();
        // Ctrl-C once every item is written, just before the commit.
        Run run = cmsAdmin(target, interruption, ctrlCOn("committing", interruption), "import", archive.toString());

        assertEquals(130, run.exitCode(), run::toString);
        assertTrue(run.err().contains("import interrupted; nothing was written"), run::toString);
        assertEquals(before, snapshot(target));
        assertEquals(0, waitingLists(target), "no related list waits for content that was rolled back");
        assertFalse(Files.exists(mediaRoot(target).resolve(mediaPath)), "the copied media file was removed");
        assertEquals(404, get(target, "/articles/jvm-tuning").statusCode());
    }

    @Test
    void interruptedWhileRecomputingRelatedListsKeepsTheContentAndTheRelatedCommandFinishesThem() throws Exception {
        EmbeddedServer target = start("archive-interrupt-related");
        Interruption interruption = new Interruption();
        // Ctrl-C once the content is committed and the related lists are being recomputed.
        Run run = cmsAdmin(target, interruption, ctrlCOn("recomputing the related lists", interruption), "import",
                archive.toString());

        assertEquals(130, run.exitCode(), run::toString);
        assertTrue(run.out().contains("articles          6 created, 0 updated, 0 unchanged"), run::toString);
        assertTrue(run.out().matches("(?s).*Related lists: 0 recomputed; \\d+ still wait: every running node finishes"
                + " them.*or run 'related'.*"), run::toString);
        assertTrue(run.err().contains("import interrupted after its content was committed"), run::toString);
        assertTrue(waitingLists(target) > 0);
        String withoutList = page(target, "/articles/jvm-tuning");
        assertTrue(withoutList.contains("JVM 调优"), "the content is there: " + withoutList);
        assertNotEquals(page(source, "/articles/jvm-tuning"), withoutList, "its related list is not computed yet");

        Run status = cmsAdmin(target, new Interruption(), "related", "--status");
        assertEquals(0, status.exitCode(), status::toString);
        assertEquals(waitingLists(target) + " related lists wait.\n", status.out());

        Run related = cmsAdmin(target, new Interruption(), "related");

        assertEquals(0, related.exitCode(), related::toString);
        assertTrue(related.out().matches("Recomputed \\d+ related lists in [0-9.]+ s; 0 wait\\.\n"), related::toString);
        assertEquals(0, waitingLists(target));
        for (String path : publicPaths) {
            assertEquals(page(source, path), page(target, path), "public page " + path);
        }
        Run again = cmsAdmin(target, new Interruption(), "related");
        assertEquals("No related lists wait: every stored list is current.\n", again.out(), again::toString);
    }

    @Test
    void aRunningNodeFinishesRelatedListsAnInterruptedImportLeftWaiting() throws Exception {
        EmbeddedServer target = start("archive-node-finishes", Map.of("cms.related.backlog-interval", "200ms"));
        Interruption interruption = new Interruption();
        Run run = cmsAdmin(target, interruption, ctrlCOn("recomputing the related lists", interruption), "import",
                archive.toString());
        assertEquals(130, run.exitCode(), run::toString);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertEquals(0, waitingLists(target), "the node worked through the backlog by itself"));
        for (String path : publicPaths) {
            assertEquals(page(source, path), page(target, path), "public page " + path);
        }
    }

    private static long waitingLists(EmbeddedServer node) {
        return node.getApplicationContext().getBean(RelatedBacklog.class).waiting();
    }

    @Test
    void exportRefusesToOverwriteAFileUnlessForced(@TempDir Path folder) throws Exception {
        Path existing = Files.writeString(folder.resolve("existing.zip"), "keep me");

        Run refused = cmsAdmin(source, new Interruption(), "export", "--output", existing.toString());
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains(existing + " exists: choose another --output, or add --force"), refused::toString);
        assertEquals("keep me", Files.readString(existing));

        Run forced = cmsAdmin(source, new Interruption(), "export", "--output", existing.toString(), "--force",
                "--include-password-hashes");
        assertEquals(0, forced.exitCode(), forced::toString);
        try (ZipFile zip = new ZipFile(existing.toFile())) {
            String users = new String(zip.getInputStream(zip.getEntry(ArchiveFormat.USERS)).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(users.contains("\"passwordHash\":\"$2"), users);
        }
        try (var files = Files.list(existing.getParent())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file is left");
        }
    }

    private static Path mediaRoot(EmbeddedServer server) {
        return server.getApplicationContext().getBean(dev.cms.core.media.MediaFiles.class).root();
    }

    /** The archive with one entry's text changed; with {@code fixChecksum} the manifest is made to match. */
    private Path rewrite(Path to, String entryName, UnaryOperator<String> change, boolean fixChecksum)
            throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        String original = new String(entries.get(entryName), StandardCharsets.UTF_8);
        String changed = change.apply(original);
        assertNotEquals(original, changed, "the test changes " + entryName);
        entries.put(entryName, changed.getBytes(StandardCharsets.UTF_8));
        if (fixChecksum) {
            String manifest = new String(entries.get(ArchiveFormat.MANIFEST), StandardCharsets.UTF_8);
            entries.put(ArchiveFormat.MANIFEST, manifest.replace(sha256(original.getBytes(StandardCharsets.UTF_8)),
                    sha256(entries.get(entryName))).getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream file = Files.newOutputStream(to); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return to;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
