package dev.cms.admin.media;

import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.FilePart;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.testing.TempDirs;
import dev.cms.core.testing.TestDatabases;
import dev.cms.core.testing.TestImages;
import dev.cms.core.user.Role;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Images for editors through real HTTP against a started author node: uploads are judged by their
 * bytes, stored under generated names inside {@code <data dir>/media} and served to readers with
 * headers that keep browsers from taking them for anything else. The upload limit here is 20 000
 * bytes, and the data directory sits in a folder of its own, so a file written beside it would show.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaLibraryTest implements TestPropertyProvider {

    static final long MAX_BYTES = 20_000;
    static final Pattern SNIPPET = Pattern.compile("!\\[(.*)]\\((/media/\\d{4}/\\d{2}/[0-9a-f]{32}\\.(jpg|png|gif|webp))\\)");

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    Path folder;
    Path dataDir;
    Browser editor;

    @Override
    public Map<String, String> getProperties() {
        folder = TempDirs.create("cms-media-e2e");
        dataDir = folder.resolve("data");
        Map<String, String> props = new HashMap<>(TestDatabases.h2("media-e2e"));
        props.put("cms.data-dir", dataDir.toString());
        props.put("cms.media.max-bytes", String.valueOf(MAX_BYTES));
        return props;
    }

    @BeforeAll
    void accounts() {
        users.createFirstAdmin("chief", "总编", "s3cret-pass");
        users.create("writer", "作者", "writer-pass", Role.AUTHOR);
        editor = signedIn("chief", "s3cret-pass");
    }

    @Test
    void pngRenamedJpgIsStoredAndServedAsPng() throws IOException {
        byte[] png = TestImages.png(3, 2);
        Map<String, Long> before = tree();

        Page uploaded = upload(editor, "holiday.jpg", "image/jpeg", png);

        assertEquals(303, uploaded.status(), uploaded.body());
        Page library = editor.follow(uploaded);
        Element row = library.document().selectFirst(".media-list tr.just-uploaded");
        assertNotNull(row, library.body());
        assertEquals("holiday.jpg", row.selectFirst(".name").text());
        assertEquals("3 × 2", row.selectFirst(".dimensions").text());
        assertEquals("image/png", row.selectFirst(".type").text());
        Matcher snippet = snippet(row);
        assertEquals("holiday", snippet.group(1));
        assertEquals("png", snippet.group(3));
        String url = snippet.group(2);
        assertEquals(url, row.selectFirst("img.thumb").attr("src"));

        HttpResponse<byte[]> image = new Browser(server.getURI()).download(url);
        assertEquals(200, image.statusCode());
        assertEquals("image/png", image.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(png, image.body());

        Map<String, Long> added = new TreeMap<>(tree());
        added.keySet().removeAll(before.keySet());
        assertEquals("data/media" + url.substring("/media".length()), added.keySet().stream()
                .filter(path -> added.get(path) >= 0).collect(Collectors.joining(",")), "the one new file");
        assertTrue(added.keySet().stream().allMatch(path -> path.startsWith("data/media")), added.toString());
    }

    @Test
    void jpegGifAndWebpAreStoredByTheirContentWithTheirDimensions() {
        assertStoredAs("photo.png", TestImages.jpeg(5, 4), "jpg", "5 × 4");
        assertStoredAs("anim.webp", TestImages.gif(7, 3), "gif", "7 × 3");
        assertStoredAs("cover.webp", TestImages.webp(1200, 630), "webp", "1200 × 630");
    }

    @Test
    void servedFilesCarryNosniffInlineAndLongCacheHeaders() {
        String url = uploadedUrl(upload(editor, "banner.gif", "image/gif", TestImages.gif(4, 4)));

        HttpResponse<byte[]> image = new Browser(server.getURI()).download(url);

        assertEquals(200, image.statusCode());
        assertEquals("image/gif", image.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("nosniff", image.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("public, max-age=31536000, immutable", image.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("inline", image.headers().firstValue("Content-Disposition").orElseThrow());
    }

    @Test
    void htmlRenamedPngIsRefusedWithTheFormShownAgainAndNothingWritten() throws IOException {
        Map<String, Long> before = tree();

        Page refused = upload(editor, "innocent.png", "image/png", TestImages.HTML);

        assertEquals(422, refused.status());
        assertNotNull(refused.document().selectFirst("form.media-upload input[type=file][name=file]"));
        assertTrue(refused.text("#file-error").contains("JPEG、PNG、GIF 或 WebP"), refused.text("#file-error"));
        assertEquals(before, tree());
    }

    @Test
    void svgIsRefusedWhateverItIsCalled() throws IOException {
        Map<String, Long> before = tree();

        assertEquals(422, upload(editor, "logo.svg", "image/svg+xml", TestImages.SVG).status());
        assertEquals(422, upload(editor, "logo.png", "image/png", TestImages.SVG).status());

        assertEquals(before, tree());
    }

    @Test
    void fileOverTheLimitGetsAPageSayingTheLimitAndNothingIsWritten() throws IOException {
        Map<String, Long> before = tree();

        Page refused = upload(editor, "big.png", "image/png", Arrays.copyOf(TestImages.png(3, 2), (int) MAX_BYTES + 1));

        assertEquals(413, refused.status());
        assertTrue(refused.text("#file-error").contains("19.5 KB"), refused.text("#file-error"));
        assertNotNull(refused.document().selectFirst("form.media-upload input[type=file]"));
        assertEquals(before, tree());
    }

    @Test
    void uploadBeyondTheServersRequestLimitIsRefusedAndNothingIsWritten() throws IOException {
        Map<String, Long> before = tree();

        long started = System.nanoTime();
        Page refused = upload(editor, "huge.png", "image/png", Arrays.copyOf(TestImages.png(3, 2), 11 * 1024 * 1024));
        assertEquals(413, refused.status());
        assertTrue(refused.text("#file-error").contains("19.5 KB"), refused.body());
        assertTrue(System.nanoTime() - started < 60_000_000_000L, "answered at once, not after an idle timeout");
        assertEquals(before, tree());
        assertEquals(200, editor.get("/admin/media").status(), "the server serves on");
    }

    @Test
    void fileNameWithPathPartsIsRefusedAndNothingIsWrittenAnywhere() throws IOException {
        Map<String, Long> before = tree();

        Page refused = upload(editor, "../../evil.png", "image/png", TestImages.png(2, 2));
        Page backslashes = upload(editor, "..\\..\\..\\evil.png", "image/png", TestImages.png(2, 2));

        assertEquals(422, refused.status());
        assertEquals(422, backslashes.status());
        assertTrue(refused.text("#file-error").contains("路径"), refused.text("#file-error"));
        assertEquals(before, tree());
    }

    @Test
    void uploadWithoutTheCsrfTokenIsRefused() throws IOException {
        Page library = editor.get("/admin/media");
        String token = library.document().selectFirst("input[name=csrf]").val();
        FilePart png = new FilePart("file", "x.png", "image/png", TestImages.png(2, 2));
        Map<String, Long> before = tree();

        assertEquals(403, editor.postMultipart("/admin/media", Map.of(), png, Map.of()).status());
        assertEquals(403, editor.postMultipart("/admin/media?csrf=forged", Map.of(), png, Map.of()).status());
        assertEquals(403, editor.postMultipart("/admin/media", Map.of(), png, Map.of("X-CSRF-Token", "forged")).status());
        assertEquals(403, editor.postMultipart("/admin/media", Map.of("csrf", token), png, Map.of()).status(),
                "multipart bodies are not searched for the token");
        Browser otherBrowser = signedIn("chief", "s3cret-pass");
        assertEquals(403, otherBrowser.postMultipart("/admin/media?csrf=" + token, Map.of(), png, Map.of()).status(),
                "another browser's token does not match this browser's cookie");

        assertEquals(before, tree());
    }

    @Test
    void uploadWithTheCsrfTokenInAHeaderIsAccepted() {
        String token = editor.get("/admin/media").document().selectFirst("input[name=csrf]").val();

        Page uploaded = editor.postMultipart("/admin/media", Map.of(),
                new FilePart("file", "scripted.png", "image/png", TestImages.png(2, 2)), Map.of("X-CSRF-Token", token));

        assertEquals(303, uploaded.status(), uploaded.body());
    }

    @Test
    void editPageInsertControlGetsTheImageMarkdownOrTheRefusalAsJson() {
        Page form = editor.get("/admin/articles/new");
        assertNotNull(form.document().selectFirst(".image-insert input#image-file[type=file]"), "upload field beside the body");
        assertNotNull(form.document().selectFirst(".image-insert button#insert-image[type=button]"));
        String token = form.document().selectFirst("form.article-form input[name=csrf]").val();
        Map<String, String> headers = Map.of("X-CSRF-Token", token, "Accept", "application/json");

        Page stored = editor.postMultipart("/admin/media", Map.of(),
                new FilePart("file", "inserted.png", "image/png", TestImages.png(3, 2)), headers);
        assertEquals(201, stored.status(), stored.body());
        assertTrue(stored.header("Content-Type").startsWith("application/json"), stored.header("Content-Type"));
        Matcher markdown = Pattern.compile("\"markdown\":\"(!\\[inserted]\\((/media/[^)\"]+\\.png)\\))\"").matcher(stored.body());
        assertTrue(markdown.find(), stored.body());
        assertEquals(200, new Browser(server.getURI()).download(markdown.group(2)).statusCode());

        Page refused = editor.postMultipart("/admin/media", Map.of(),
                new FilePart("file", "page.png", "image/png", TestImages.HTML), headers);
        assertEquals(422, refused.status());
        assertTrue(refused.body().contains("\"error\":\"只能上传 JPEG"), refused.body());
        assertFalse(refused.body().contains("<html"), "an answer for the script, not a page");
    }

    @Test
    void tokenOutsideTheBodyCountsForMultipartOnly() {
        String token = editor.get("/admin/media").document().selectFirst("input[name=csrf]").val();

        Page form = editor.post("/admin/articles?csrf=" + token, Map.of("title", "伪造", "body", "x", "action", "save"));

        assertEquals(403, form.status(), "an urlencoded form still needs its csrf field");
    }

    @Test
    void anonymousUsersCannotUploadOrList() throws IOException {
        Browser anonymous = new Browser(server.getURI());
        Page list = anonymous.get("/admin/media");
        assertEquals(303, list.status());
        assertEquals("/admin/login", URI.create(list.header("Location")).getPath());

        String token = anonymous.get("/admin/login").document().selectFirst("input[name=csrf]").val();
        Map<String, Long> before = tree();
        Page post = anonymous.postMultipart("/admin/media?csrf=" + token, Map.of(),
                new FilePart("file", "x.png", "image/png", TestImages.png(2, 2)), Map.of());
        assertTrue(post.status() == 303 || post.status() == 401 || post.status() == 403, "status " + post.status());
        assertEquals(before, tree());
    }

    @Test
    void authorsMayUploadAndList() {
        Browser author = signedIn("writer", "writer-pass");

        Page uploaded = upload(author, "draft-figure.png", "image/png", TestImages.png(2, 2));

        assertEquals(303, uploaded.status(), uploaded.body());
        assertEquals("writer", author.follow(uploaded).document().selectFirst(".just-uploaded small").text().split(" · ")[0]);
    }

    @Test
    void traversalAndOddPathsOnTheMediaRouteNeverLeakFiles() throws IOException {
        String url = uploadedUrl(upload(editor, "x.png", "image/png", TestImages.png(2, 2)));
        String stored = url.substring("/media/".length());
        String secret = Files.readString(dataDir.resolve("cookie-secret")).strip();
        Files.writeString(dataDir.resolve("media").resolve("plain.png"), secret); // in the media directory, not an upload
        Browser reader = new Browser(server.getURI());

        for (String target : List.of("/media/../cookie-secret", "/media/..%2fcookie-secret", "/media/%2e%2e/cookie-secret",
                "/media/%2e%2e%2fcookie-secret", "/media/..%5ccookie-secret", "/media/..\\cookie-secret",
                "/media/....//cookie-secret", "/media/" + stored + "/../../../../cookie-secret",
                "/media/" + stored.substring(0, 8) + "..%2F..%2F..%2Fcookie-secret", "/media/" + stored.replace("/", "%2F"),
                "/media//etc/passwd", "/media/%2Fetc%2Fpasswd", "/media/" + dataDir.resolve("cookie-secret"),
                "/media/file:" + dataDir.resolve("cookie-secret"), "/media/plain.png", "/media/%00", "/media/")) {
            Page answer = reader.rawGet(target);
            assertTrue(answer.status() == 400 || answer.status() == 404, target + " answered " + answer.status());
            assertFalse(answer.body().contains(secret), target + " leaked the cookie secret");
        }
        assertEquals(200, reader.rawGet(url).status(), "the real file, asked the same way");
    }

    @Test
    void unknownMediaIsTheNotFoundPage() {
        Page missing = new Browser(server.getURI()).get("/media/2024/05/" + "0".repeat(32) + ".png");

        assertEquals(404, missing.status());
        assertNotNull(missing.document().selectFirst("a[href=/]"));
    }

    @Test
    void articleFormLinksToTheLibraryAndItsSnippetShowsTheImageToReaders() {
        Page form = editor.get("/admin/articles/new");
        Element link = form.document().selectFirst("form.article-form a[href=/admin/media]");
        assertNotNull(link, "link to the media library next to the body");
        assertEquals("_blank", link.attr("target"), "opens beside the form, so nothing typed is lost");

        Matcher snippet = snippet(editor.follow(upload(editor, "插图.png", "image/png", TestImages.png(6, 4)))
                .document().selectFirst(".media-list tr.just-uploaded"));
        Page saved = editor.submit(form, "form.article-form", Map.of("title", "有图的文章", "slug", "with-image",
                "body", "前言\n\n" + snippet.group(), "action", "publish"));
        assertEquals(303, saved.status(), saved.body());

        Element img = new Browser(server.getURI()).get("/articles/with-image").document().selectFirst(".article .body img");
        assertNotNull(img, "the image is in the published article");
        assertEquals(snippet.group(2), img.attr("src"));
        assertEquals("插图", img.attr("alt"));
    }

    private void assertStoredAs(String name, byte[] bytes, String extension, String dimensions) {
        Page uploaded = upload(editor, name, "application/octet-stream", bytes);
        assertEquals(303, uploaded.status(), uploaded.body());
        Element row = editor.follow(uploaded).document().selectFirst(".media-list tr.just-uploaded");
        assertEquals(extension, snippet(row).group(3), name);
        assertEquals(dimensions, row.selectFirst(".dimensions").text(), name);
        assertEquals(200, new Browser(server.getURI()).download(snippet(row).group(2)).statusCode());
    }

    private Browser signedIn(String username, String password) {
        Browser browser = new Browser(server.getURI());
        Page in = browser.submit(browser.get("/admin/login"), "form[action=/admin/login]",
                Map.of("username", username, "password", password));
        assertEquals(303, in.status(), in.body());
        return browser;
    }

    private static Page upload(Browser browser, String filename, String declaredType, byte[] content) {
        Page library = browser.get("/admin/media");
        assertEquals(200, library.status(), library.body());
        return browser.upload(library, "form.media-upload", new FilePart("file", filename, declaredType, content));
    }

    private String uploadedUrl(Page uploaded) {
        assertEquals(303, uploaded.status(), uploaded.body());
        return snippet(editor.follow(uploaded).document().selectFirst(".media-list tr.just-uploaded")).group(2);
    }

    private static Matcher snippet(Element row) {
        assertNotNull(row, "the uploaded image is marked in the library");
        String text = row.selectFirst("input.snippet").val();
        Matcher matcher = SNIPPET.matcher(text);
        assertTrue(matcher.matches(), text);
        return matcher;
    }

    /**
     * Every path under the folder holding the data directory, with file sizes (-1 for folders);
     * without the search index, which the node rewrites on its own schedule.
     */
    private Map<String, Long> tree() throws IOException {
        Path index = dataDir.resolve("search-index");
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(path -> !path.startsWith(index)).collect(Collectors.toMap(
                    path -> folder.relativize(path).toString(),
                    path -> Files.isDirectory(path) ? -1L : path.toFile().length(),
                    (a, b) -> a, TreeMap::new));
        }
    }
}
