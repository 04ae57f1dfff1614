package dev.cms.admin.staticsite;

import dev.cms.admin.batch.Interruption;
import dev.cms.admin.cli.CommandRun;
import dev.cms.core.article.Article;
import dev.cms.core.article.ArticleAdminService;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.media.ImageVariants;
import dev.cms.core.media.Media;
import dev.cms.core.media.MediaService;
import dev.cms.core.site.SiteSettings;
import dev.cms.core.testing.Articles;
import dev.cms.core.user.Actor;
import dev.cms.web.site.AbsoluteLinks;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code export-static} run the way an operator runs it beside a running node: a command context
 * of its own on the node's database, which starts its own server. Every file is compared with what
 * the node serves at its URL, every link of every page is followed into the folder, and a second
 * run after an edit and an unpublish rewrites exactly the files whose bytes changed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ExportStaticContract {

    static final String BASE_URL = "https://static.example.org";
    private static final Pattern REPORT = Pattern.compile(
            "([\\d,]+) files \\([\\d,]+ bytes\\): ([\\d,]+) written, ([\\d,]+) unchanged, ([\\d,]+) removed");

    @Inject
    EmbeddedServer node;

    @Inject
    ArticleEditService articles;

    @Inject
    ArticleAdminService adminReads;

    @Inject
    MediaService media;

    @Inject
    SiteSettings site;

    Media image;
    Article edited;
    Article unpublished;
    Article untouched;

    /** The node's properties, with pages small enough that lists have numbered pages and the sitemap an index. */
    static Map<String, String> withSite(Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("cms.base-url", BASE_URL);
        all.put("cms.home-page-size", "2");
        all.put("cms.sitemap-page-size", "3");
        return all;
    }

    /** The properties the node under test was started with, for the command's own context. */
    abstract Map<String, String> nodeProperties();

    CommandRun exportStatic(Path folder) {
        return CommandRun.inOwnContext(nodeProperties(), "export-static", folder.toString());
    }

    @BeforeAll
    void writeASite() throws IOException {
        image = media.store("截图.png", new ByteArrayInputStream(png(600, 300)), "editor");
        Actor actor = Actor.SYSTEM;
        articles.create(Articles.edit("归档一").slug("archive-one").topics("归档").publishTime("2024-03-01T10:00")
                .build(), SaveAction.PUBLISH, actor);
        untouched = articles.create(Articles.edit("归档二").slug("archive-two").topics("归档")
                .publishTime("2024-03-05T10:00").build(), SaveAction.PUBLISH, actor);
        articles.create(Articles.edit("归档三").slug("archive-three").topics("归档").publishTime("2024-03-10T10:00")
                .build(), SaveAction.PUBLISH, actor);
        edited = articles.create(Articles.edit("Java 安全").slug("java-security").topics("Java", "安全")
                .body("## 第一步\n\n先打开设置。\n\n![截图](" + image.url() + ")").publishTime("2024-05-20T10:00").build(),
                SaveAction.PUBLISH, actor);
        unpublished = articles.create(Articles.edit("JVM 调优").slug("jvm-调优").topics("Java")
                .publishTime("2024-05-21T10:00").build(), SaveAction.PUBLISH, actor);
        articles.create(Articles.edit("Linux 权限").slug("linux-permissions").topics("安全", "Linux")
                .publishTime("2024-05-28T10:00").build(), SaveAction.PUBLISH, actor);
        articles.create(Articles.edit("还没写完").slug("draft-one").topics("Java").build(), SaveAction.SAVE, actor);
    }

    @Test
    @Order(1)
    void everyFileHoldsTheBytesTheNodeServesAtItsUrl(@TempDir Path folder) throws Exception {
        CommandRun run = exportStatic(folder);
        assertEquals(0, run.exitCode(), run.toString());
        Map<String, String> manifest = manifest(folder);
        assertEquals(files(folder), manifest, "the manifest lists every file with its SHA-256");
        for (String file : List.of("index.html", "page/2.html", "page/3.html", "articles/java-security.html",
                "articles/jvm-调优.html", "topics/java.html", "topics/安全.html", "topics/归档.html",
                "topics/归档/page/2.html", "topics/java/feed.xml", "topics/java/atom.xml", "archive/2024/03.html",
                "archive/2024/03/page/2.html", "archive/2024/05.html", "feed.xml", "atom.xml", "sitemap.xml",
                "robots.txt", "favicon.ico", "media/" + image.path(),
                "media/" + ImageVariants.path(image.path(), 480), "404.html")) {
            assertTrue(manifest.containsKey(file), file + " exported; got " + manifest.keySet());
        }
        assertFalse(manifest.containsKey("articles/draft-one.html"), "a draft is not exported");
        assertTrue(manifest.containsKey("sitemap-topics-1.xml") && manifest.keySet().stream()
                .anyMatch(f -> f.matches("sitemap-[0-9]+\\.xml")), "the sitemap index's pages are exported");
        assertTrue(manifest.keySet().stream().anyMatch(f -> f.matches("assets/css/site\\.[0-9a-f]{8}\\.css")),
                "the fingerprinted stylesheet is exported");
        NodeClient client = new NodeClient(node.getURI());
        for (String file : manifest.keySet()) {
            String url = urlOf(file);
            NodeClient.Answer answer = client.get(url);
            assertEquals(file.equals("404.html") ? 404 : 200, answer.status(), url);
            assertArrayEquals(answer.body(), Files.readAllBytes(folder.resolve(file)), file + " equals GET " + url);
        }
        assertTrue(run.out().contains("Not exported: search"), run.toString());
    }

    @Test
    @Order(2)
    void everyLinkOfEveryPageLeadsToAFileOfTheExport(@TempDir Path folder) throws Exception {
        assertEquals(0, exportStatic(folder).exitCode());
        List<String> broken = new ArrayList<>();
        for (String file : manifest(folder).keySet()) {
            if (!file.endsWith(".html")) {
                continue;
            }
            Document page = Jsoup.parse(folder.resolve(file).toFile(), "UTF-8");
            for (String link : links(page)) {
                if (!servedFrom(folder, link)) {
                    broken.add(file + " -> " + link);
                }
            }
        }
        assertEquals(List.of(), broken, "links with no file in the export");
    }

    @Test
    @Order(2)
    void nginxWithTheReadmeConfigurationServesTheNodesBytesAtTheNodesUrls(@TempDir Path folder, @TempDir Path work)
            throws Exception {
        assertEquals(0, exportStatic(folder).exitCode());
        NodeClient fromNode = new NodeClient(node.getURI());
        try (StaticNginx nginx = StaticNginx.serve(folder, work)) {
            NodeClient fromNginx = new NodeClient(nginx.uri());
            String stylesheet = manifest(folder).keySet().stream().filter(f -> f.startsWith("assets/css/site."))
                    .filter(f -> !f.equals("assets/css/site.css")).findFirst().orElseThrow();
            for (String url : List.of("/", "/page/2", "/articles/java-security", urlOf("articles/jvm-调优.html"),
                    urlOf("topics/安全.html"), urlOf("topics/归档/page/2.html"), "/archive/2024/03", "/feed.xml",
                    "/topics/java/atom.xml", "/sitemap.xml", "/robots.txt", "/favicon.ico", "/" + stylesheet,
                    image.url(), Media.URL_PREFIX + ImageVariants.path(image.path(), 480), "/no-such-page",
                    "/articles/no-such-article")) {
                NodeClient.Answer expected = fromNode.get(url);
                NodeClient.Answer served = fromNginx.get(url);
                assertEquals(expected.status(), served.status(), url);
                assertArrayEquals(expected.body(), served.body(), "nginx serves the node's bytes at " + url);
            }
            assertEquals(404, fromNginx.get("/" + ExportManifest.FILE_NAME).status(), "the manifest is not served");
        }
    }

    @Test
    @Order(3)
    void aSecondRunRewritesOnlyWhatChangedAndRemovesWhatLeftTheSite(@TempDir Path folder) throws Exception {
        assertEquals(0, exportStatic(folder).exitCode());
        Map<String, String> before = files(folder);
        Path untouchedPage = folder.resolve("articles/archive-two.html");
        FileTime longAgo = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(untouchedPage, longAgo);

        articles.update(edited.id(), Articles.editOf(adminReads.find(edited.id()).orElseThrow()).body("## 第一步\n\n改过了。")
                .topics("Java", "安全").publishTime("2024-05-20T10:00").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        articles.unpublish(unpublished.id(), Actor.SYSTEM);
        CommandRun run = exportStatic(folder);
        assertEquals(0, run.exitCode(), run.toString());

        Map<String, String> after = files(folder);
        assertEquals(after, manifest(folder), "the manifest follows the folder");
        long changed = after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count();
        long same = after.entrySet().stream().filter(e -> e.getValue().equals(before.get(e.getKey()))).count();
        long gone = before.keySet().stream().filter(f -> !after.containsKey(f)).count();
        Matcher report = REPORT.matcher(run.out());
        assertTrue(report.find(), run.toString());
        assertEquals(List.of((long) after.size(), changed, same, gone), List.of(number(report.group(1)),
                number(report.group(2)), number(report.group(3)), number(report.group(4))), run.out());
        assertTrue(changed > 0 && same > changed, "an edit rewrites some pages, not the site: " + run.out());

        assertFalse(Files.exists(folder.resolve("articles/jvm-调优.html")), "the unpublished article's page is gone");
        assertTrue(Files.readString(folder.resolve("articles/java-security.html")).contains("改过了"));
        assertEquals(longAgo, Files.getLastModifiedTime(untouchedPage), "an unchanged page is not rewritten");
        assertEquals(before.get("articles/archive-two.html"), after.get("articles/archive-two.html"));
    }

    @Test
    @Order(4)
    void aPageThatFailsStopsTheRunAndLeavesThePreviousExport(@TempDir Path folder) throws Exception {
        assertEquals(0, exportStatic(folder).exitCode());
        Map<String, String> before = files(folder);
        Path original = site.dataPath().resolve("media").resolve(image.path());
        Path aside = original.resolveSibling("aside.png");
        Files.move(original, aside);
        try {
            Files.delete(folder.resolve("media/" + image.path()));
            CommandRun run = exportStatic(folder);
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.err().contains(image.url() + " answered 404"), run.toString());
            before.remove("media/" + image.path());
            assertEquals(before, files(folder), "the folder is as the first run left it");
            assertTrue(Files.readString(folder.resolve(ExportManifest.FILE_NAME)).contains(image.path()),
                    "the manifest is the first run's");
        } finally {
            Files.move(aside, original);
        }
    }

    @Test
    @Order(5)
    void anInterruptedRunLeavesThePreviousExport(@TempDir Path folder) throws Exception {
        assertEquals(0, exportStatic(folder).exitCode());
        Map<String, String> before = files(folder);
        String manifest = Files.readString(folder.resolve(ExportManifest.FILE_NAME));
        articles.update(edited.id(), Articles.editOf(adminReads.find(edited.id()).orElseThrow()).body("又改了一次。")
                .topics("Java", "安全").publishTime("2024-05-20T10:00").build(), SaveAction.PUBLISH, Actor.SYSTEM);
        Interruption ctrlC = new Interruption();
        ctrlC.request();
        CommandRun run = CommandRun.inOwnContext(nodeProperties(), ctrlC, "export-static", folder.toString());
        assertEquals(130, run.exitCode(), run.toString());
        assertEquals(before, files(folder), "no file changed");
        assertEquals(manifest, Files.readString(folder.resolve(ExportManifest.FILE_NAME)));
        try (Stream<Path> entries = Files.list(folder)) {
            assertEquals(List.of(), entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(".cms-static-staging")).toList(), "no staging folder is left");
        }
    }

    @Test
    @Order(6)
    void aFolderOfOtherFilesIsRefused(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("notes.txt"), "mine");
        CommandRun run = exportStatic(folder);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("no .cms-static.sha256"), run.toString());
        assertEquals(List.of("notes.txt"), List.copyOf(files(folder).keySet()));
    }

    /** The URL a file of the export answers, as nginx configured by the README serves it. */
    static String urlOf(String file) {
        if (file.equals("404.html")) {
            return StaticPaths.NOT_FOUND_URL;
        }
        String path = file.equals("index.html") ? "" : file.endsWith(".html") ? file.substring(0, file.length() - 5)
                : file;
        return "/" + Stream.of(path.split("/", -1)).map(AbsoluteLinks::pathSegment).collect(Collectors.joining("/"));
    }

    /** Links to the site itself from a page, decoded, without fragments; search is the node's alone. */
    static List<String> links(Document page) {
        List<String> links = new ArrayList<>();
        for (Element e : page.select("a[href], link[href], img[src], img[srcset], form[action]")) {
            List<String> urls = new ArrayList<>(List.of(e.attr("href"), e.attr("src"), e.attr("action")));
            for (String candidate : e.attr("srcset").split(",")) {
                urls.add(candidate.strip().split(" ")[0]);
            }
            for (String url : urls) {
                String path = url.startsWith(BASE_URL) ? url.substring(BASE_URL.length()) : url;
                if (path.startsWith("/") && !path.startsWith("//") && !path.equals("/search")) {
                    links.add(URLDecoder.decode(path.replaceFirst("#.*", "").replace("+", "%2B"),
                            StandardCharsets.UTF_8));
                }
            }
        }
        return links;
    }

    /** Whether nginx with the README's try_files would answer {@code path} from the folder. */
    static boolean servedFrom(Path folder, String path) {
        if (path.equals("/")) {
            return Files.isRegularFile(folder.resolve("index.html"));
        }
        String file = path.substring(1);
        return Files.isRegularFile(folder.resolve(file)) || Files.isRegularFile(folder.resolve(file + ".html"));
    }

    /** Every file of the export but its manifest, with its SHA-256. */
    static Map<String, String> files(Path folder) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = folder.relativize(file).toString().replace('\\', '/');
                if (!name.equals(ExportManifest.FILE_NAME)) {
                    files.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(file))));
                }
            }
        }
        return files;
    }

    static Map<String, String> manifest(Path folder) throws IOException {
        return new TreeMap<>(ExportManifest.read(folder));
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, x % height, 0x3366cc);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
