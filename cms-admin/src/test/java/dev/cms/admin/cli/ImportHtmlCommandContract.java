package dev.cms.admin.cli;

import dev.cms.admin.batch.Interruption;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.article.ArticleEditService;
import dev.cms.core.article.ArticleTitleRepository;
import dev.cms.core.article.ArticleTrashService;
import dev.cms.core.article.SaveAction;
import dev.cms.core.testing.Articles;
import dev.cms.core.testing.TempDirs;
import dev.cms.core.user.Actor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code import-html} run in process against a running author node; what it imported is read the
 * way a reader gets it: the public page over HTTP, parsed. Run on H2 and on PostgreSQL.
 */
abstract class ImportHtmlCommandContract {

    private static final Pattern SEED_HEADING = Pattern.compile("第[一二三四五六七八九十]+步:.*|重要提醒");
    /** Positions in the seed's 相关内容 list of the articles that exist before the import. */
    private static final int[] EXISTING_RELATED = {0, 4, 9};

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Inject
    ArticleEditService articles;

    @Inject
    ArticleTrashService articleTrash;

    @Inject
    ArticleTitleRepository titles;

    @Inject
    DataSource dataSource;

    record Run(int exitCode, String out, String err, boolean startedNode) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }

        /** The URL path the report gives for the imported file. */
        String articlePath(String file) {
            Matcher m = Pattern.compile(Pattern.quote(file) + ": imported as (/articles/\\S+) ").matcher(out);
            assertTrue(m.find(), "no 'imported as' line for " + file + " in\n" + this);
            return m.group(1);
        }
    }

    Run cmsAdmin(Interruption interruption, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicBoolean started = new AtomicBoolean();
        int exitCode = new AdminCommandLine(() -> {
            started.set(true);
            return context;
        }, new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true),
                interruption).execute(args);
        return new Run(exitCode, out.toString(), err.toString(), started.get());
    }

    Run cmsAdmin(String... args) {
        return cmsAdmin(new Interruption(), args);
    }

    /** The node leaves waiting related lists to the commands here (a test checks they wait). */
    static Map<String, String> withoutBackgroundLists(Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("cms.related.backlog-interval", "1h");
        return all;
    }

    /** A run that gets Ctrl-C as soon as its progress output shows {@code cue}. */
    Run cmsAdminStoppedAt(String cue, String... args) {
        Interruption interruption = new Interruption();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        java.io.Writer watching = new java.io.Writer() {
            @Override
            public void write(char[] chars, int off, int len) {
                err.write(chars, off, len);
                if (err.toString().contains(cue)) {
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
        int exitCode = new AdminCommandLine(() -> context, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true), new PrintWriter(watching, true), interruption).execute(args);
        return new Run(exitCode, out.toString(), err.toString(), true);
    }

    /** The reference page, split the plain way (non-empty lines; headings by their wording). */
    record Seed(String text, String title, String timeLine, List<String> headings, List<String> paragraphs,
                List<String> related) {

        static Seed read() throws IOException {
            String text = resource("/reference/seed-article.txt");
            List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            int relatedAt = lines.indexOf("相关内容:");
            List<String> headings = new ArrayList<>();
            List<String> paragraphs = new ArrayList<>();
            for (String line : lines.subList(2, relatedAt)) {
                (SEED_HEADING.matcher(line).matches() ? headings : paragraphs).add(line);
            }
            return new Seed(text, lines.get(0), lines.get(1), headings, paragraphs,
                    lines.subList(relatedAt + 1, lines.size()).stream().filter(l -> !l.equals("To Top")).toList());
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ImportHtmlCommandContract.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void seedTextBecomesAPublicPageLikeTheReferenceWithExistingRelatedTitlesLinked() throws IOException {
        importSeedAndCheckThePublicPage("seed-article.txt", Seed.read().text());
    }

    @Test
    void savedHtmlOfTheSeedBecomesTheSamePublicPageWithoutTheSitesNavigationOrScripts() throws IOException {
        Page page = importSeedAndCheckThePublicPage("seed-article.html", resource("/htmlimport/seed-article.html"));

        String article = page.text(".article");
        for (String chrome : List.of("某某资讯网", "首页", "广告位", "请启用脚本", "来源", "热门文章", "Copyright")) {
            assertFalse(article.contains(chrome), "'" + chrome + "' is the saved site's, not the article's: " + article);
        }
        assertEquals(List.of("重要提醒"), page.document().select(".article .body h3").eachText());
    }

    private Page importSeedAndCheckThePublicPage(String fileName, String content) throws IOException {
        Seed seed = Seed.read();
        forget(seed.title());
        List<String> existing = new ArrayList<>();
        for (int i : EXISTING_RELATED) {
            String title = seed.related().get(i);
            existing.add(title);
            if (titles.findLinkTarget(title).isEmpty()) {
                articles.create(Articles.edit(title).body("已有的文章。").build(), SaveAction.PUBLISH, Actor.SYSTEM);
            }
        }
        Path folder = TempDirs.create("import-html-seed");
        Files.writeString(folder.resolve(fileName), content);

        Run run = cmsAdmin("import-html", folder.toString(), "--topic", "小米商城", "--topic", "分期付款");

        assertEquals(0, run.exitCode(), run::toString);
        String file = folder.resolve(fileName).toString();
        assertTrue(run.out().contains(file + ": imported as /articles/"), run::toString);
        assertTrue(run.out().contains("相关内容: " + existing.size() + " of " + seed.related().size() + " titles linked"),
                run::toString);
        assertTrue(run.out().contains("1 pages: 1 imported, 0 skipped, 0 failed"), run::toString);
        assertTrue(run.out().contains("相关内容: " + existing.size() + " titles linked, "
                + (seed.related().size() - existing.size()) + " not found in the site"), run::toString);

        Page page = new Browser(server.getURI()).get(run.articlePath(file));
        assertEquals(200, page.status(), page::body);
        assertEquals(seed.title(), page.text("h1"));
        assertEquals(seed.timeLine(), page.text(".article .meta"));
        assertEquals(seed.headings(), page.document().select(".article .body h2, .article .body h3").eachText());
        assertEquals(seed.paragraphs(), page.document().select(".article .body p").eachText());
        assertEquals(List.of("分期付款", "小米商城"),
                page.document().select(".article .topics a").eachText().stream().sorted().toList());
        assertEquals("相关内容", page.text(".related h2"));
        List<String> shown = page.document().select(".related li a").eachText();
        assertEquals(existing, shown.subList(0, Math.min(existing.size(), shown.size())),
                "the existing titles first, in the page's order: " + shown);
        assertEquals(existing, shown.stream().filter(seed.related()::contains).toList(), shown.toString());
        for (Element link : page.document().select(".related li a").subList(0, existing.size())) {
            assertEquals(link.text(), new Browser(server.getURI()).get(link.attr("href")).text("h1"));
        }
        assertEquals("To Top", page.text("a[href=#top]"));
        return page;
    }

    @Test
    void aFolderReportsEachPageImportedOrSkippedWithItsReasonAndARerunImportsNothing() throws IOException, SQLException {
        String title = "导入测试 " + UUID.randomUUID().toString().substring(0, 8);
        Path folder = TempDirs.create("import-html-folder");
        String good = title + "\n\n发布时间:2023-11-05 20:15:00\n\n第一步:准备\n\n先准备好账号。\n";
        Files.writeString(folder.resolve("a-good.txt"), good);
        Files.writeString(folder.resolve("b-duplicate.txt"), good);
        Files.writeString(folder.resolve("c-no-title.html"),
                "<html><body><p>发布时间:2023-11-05 20:15:00</p><p>没有标题的正文。</p></body></html>");
        Files.writeString(folder.resolve("d-bad-time.txt"), title + " 坏时间\n发布时间:2023-13-40 25:00:00\n\n正文。\n");
        Files.writeString(folder.resolve("e-no-time.txt"), title + " 无时间\n\n正文。\n");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/f-future.htm"), "<h1>" + title + " 未来</h1><p>发布时间:2099-01-01 08:00:00</p>"
                + "<p>将来才发布。</p>");
        Files.writeString(folder.resolve("notes.md"), "# not a page");
        Path report = folder.resolve("report.tsv");

        Run first = cmsAdmin("import-html", folder.toString(), "--report", report.toString());

        assertEquals(0, first.exitCode(), first::toString);
        String f = folder + "/";
        assertTrue(first.out().contains(f + "a-good.txt: imported as /articles/"), first::toString);
        assertTrue(first.out().contains(f + "b-duplicate.txt: skipped (same title and publish time as " + f
                + "a-good.txt, imported in this run)"), first::toString);
        assertTrue(first.out().contains(f + "c-no-title.html: skipped (no title)"), first::toString);
        assertTrue(first.out().contains(f + "d-bad-time.txt: skipped (publish time '2023-13-40 25:00:00' after 发布时间"
                + " is not a date and time like 2024-05-28 02:54:57)"), first::toString);
        assertTrue(first.out().contains(f + "e-no-time.txt: skipped (no 发布时间 publish time"), first::toString);
        assertTrue(first.out().contains(f + "sub/f-future.htm: imported as /articles/") && first.out().contains(
                "(scheduled for 2099-01-01 08:00:00)"), first::toString);
        assertFalse(first.out().contains("notes.md"), first::toString);
        assertTrue(first.out().contains("6 pages: 2 imported, 4 skipped, 0 failed"), first::toString);

        Browser reader = new Browser(server.getURI());
        Page imported = reader.get(first.articlePath(f + "a-good.txt"));
        assertEquals(200, imported.status());
        assertEquals("发布时间:2023-11-05 20:15:00", imported.text(".article .meta"));
        assertEquals(404, reader.get(first.articlePath(f + "sub/f-future.htm")).status(), "scheduled, not yet public");

        List<String> rows = Files.readAllLines(report);
        assertEquals(7, rows.size(), rows::toString);
        assertTrue(rows.get(0).startsWith("file\tresult\treason\ttitle\turl"), rows.get(0));
        assertTrue(rows.get(1).startsWith(f + "a-good.txt\timported\t\t" + title + "\t/articles/"), rows.get(1));
        assertTrue(rows.get(3).startsWith(f + "c-no-title.html\tskipped\tno title\t"), rows.get(3));

        Run again = cmsAdmin("import-html", folder.toString());

        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("6 pages: 0 imported, 6 skipped, 0 failed"), again::toString);
        assertTrue(again.out().contains(f + "a-good.txt: skipped (already in the site: article "), again::toString);
        assertTrue(again.out().contains("has this title and publish time)"), again::toString);
        assertEquals(1, countWithTitle(title));
        assertEquals(1, countWithTitle(title + " 未来"));
    }

    @Test
    void relatedTitlesOfPagesImportedInTheSameRunLinkToEachOther() throws IOException {
        String a = "互链甲 " + UUID.randomUUID().toString().substring(0, 8);
        String b = "互链乙 " + UUID.randomUUID().toString().substring(0, 8);
        Path folder = TempDirs.create("import-html-related");
        Files.writeString(folder.resolve("a.txt"), a + "\n发布时间:2024-01-01 10:00:00\n\n甲的正文。\n\n相关内容:\n"
                + b + "\n不存在的标题一\nTo Top\n");
        Files.writeString(folder.resolve("b.html"), "<h1>" + b + "</h1><p>发布时间:2024-01-02 10:00:00</p><p>乙的正文。</p>"
                + "<h2>相关内容:</h2><ul><li><a href='/x'>不存在的标题二</a></li><li><a href='/y'>" + a + "</a></li></ul>");

        Run run = cmsAdmin("import-html", folder.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("相关内容: 2 titles linked, 2 not found in the site"), run::toString);
        Browser reader = new Browser(server.getURI());
        assertEquals(List.of(b), reader.get(run.articlePath(folder.resolve("a.txt").toString()))
                .document().select(".related li a").eachText());
        assertEquals(List.of(a), reader.get(run.articlePath(folder.resolve("b.html").toString()))
                .document().select(".related li a").eachText());
    }

    @Test
    void hostileContentIsShownAsTextAndNeverRuns() throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> hostile = List.of("<script>alert(1)</script>", "[点我](javascript:alert(1))",
                "<img src=x onerror=alert(1)>", "# 不是标题");
        Path folder = TempDirs.create("import-html-hostile");
        Files.writeString(folder.resolve("text.txt"), "<b>粗体</b>标题 " + suffix + "\n发布时间:2024-02-03 04:05:06\n\n"
                + String.join("\n\n", hostile) + "\n");
        Files.writeString(folder.resolve("page.html"), "<h1>网页 " + suffix + "</h1><p>发布时间:2024-02-03 04:05:06</p>"
                + "<p>正文开头。<script>document.title='pwned'</script></p><p onclick=\"alert(1)\">&lt;script&gt;alert(2)&lt;/script&gt;</p>"
                + "<p><a href=\"javascript:alert(3)\">[x](javascript:alert(3))</a></p>");

        Run run = cmsAdmin("import-html", folder.toString());

        assertEquals(0, run.exitCode(), run::toString);
        Browser reader = new Browser(server.getURI());
        Page text = reader.get(run.articlePath(folder.resolve("text.txt").toString()));
        assertEquals("<b>粗体</b>标题 " + suffix, text.text("h1"));
        assertEquals(hostile, text.document().select(".article .body p").eachText());
        Page html = reader.get(run.articlePath(folder.resolve("page.html").toString()));
        assertEquals(List.of("正文开头。", "<script>alert(2)</script>", "[x](javascript:alert(3))"),
                html.document().select(".article .body p").eachText());
        for (Page page : List.of(text, html)) {
            assertTrue(page.document().select(".article script, .article img, .article [onclick], .article [onerror],"
                    + " .article .body a, .article b, .article .body h1, .article .body h2").isEmpty(), page::body);
        }
    }

    @Test
    void pagesWithAPublishTimeBefore1970OrANulAreSkippedWithTheReasonAndTheRestImported() throws IOException {
        String title = "时间合理的页面 " + UUID.randomUUID().toString().substring(0, 8);
        Path folder = TempDirs.create("import-html-absurd");
        Files.writeString(folder.resolve("a-ancient.txt"), title + " 古老\n发布时间:1900-01-01 00:00:00\n\n正文。\n");
        Files.writeString(folder.resolve("b-nul.txt"), title + " 空字符\n发布时间:2024-03-04 05:06:07\n\n正\0文。\n");
        Files.writeString(folder.resolve("c-fine.txt"), title + "\n发布时间:2024-03-04 05:06:07\n\n正文。\n");

        Run run = cmsAdmin("import-html", folder.toString());

        assertTrue(run.out().contains(folder.resolve("a-ancient.txt") + ": skipped (publish time '1900-01-01 00:00:00'"
                + " after 发布时间 is not between 1970-01-01 and 9999-12-31)"), run::toString);
        assertTrue(run.out().matches("(?s).*b-nul\\.txt: (skipped \\(holds a NUL character|failed \\().*"), run::toString);
        assertTrue(run.out().contains(folder.resolve("c-fine.txt") + ": imported as /articles/"), run::toString);
        assertEquals(200, new Browser(server.getURI()).get(run.articlePath(folder.resolve("c-fine.txt").toString())).status());
    }

    @Test
    void aFileThatCannotBeReadFailsTheRunWithItsReasonWhileTheOthersAreImported() throws IOException {
        String title = "可读的页面 " + UUID.randomUUID().toString().substring(0, 8);
        Path folder = TempDirs.create("import-html-failed");
        Files.write(folder.resolve("broken.txt"), new byte[] {(byte) 0x81, 0x20, (byte) 0xFF, 0x0A});
        Files.writeString(folder.resolve("fine.txt"), title + "\n发布时间:2024-03-04 05:06:07\n\n正文。\n");

        Run run = cmsAdmin("import-html", folder.toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains(folder.resolve("broken.txt") + ": failed (not UTF-8 or GB18030 text)"), run::toString);
        assertTrue(run.out().contains("2 pages: 1 imported, 0 skipped, 1 failed"), run::toString);
        assertEquals(200, new Browser(server.getURI()).get(run.articlePath(folder.resolve("fine.txt").toString())).status());
    }

    @Test
    void listsAreRecomputedOnceAfterTheCommitAndCtrlCThereKeepsThePages() throws IOException {
        String topic = "同一主题 " + UUID.randomUUID().toString().substring(0, 8);
        Path folder = TempDirs.create("import-html-lists");
        List<String> titles = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String title = topic + " 第" + i + "篇";
            titles.add(title);
            Files.writeString(folder.resolve("p" + i + ".txt"), title + "\n发布时间:2024-02-0" + i + " 10:00:00\n\n正文。\n");
        }

        Run run = cmsAdminStoppedAt("recomputing the related lists", "import-html", folder.toString(), "--topic", topic);

        assertEquals(130, run.exitCode(), run::toString);
        assertTrue(run.out().contains("3 pages: 3 imported, 0 skipped, 0 failed"), run::toString);
        assertTrue(run.out().matches("(?s).*Related lists: 0 recomputed; 3 still wait.*"), run::toString);
        assertTrue(run.err().contains("import-html interrupted after its content was committed"), run::toString);
        Browser reader = new Browser(server.getURI());
        String first = run.articlePath(folder.resolve("p1.txt").toString());
        assertEquals(200, reader.get(first).status(), "the pages are kept");
        assertEquals(List.of(), reader.get(first).document().select(".related li a").eachText(), "lists not yet");

        Run related = cmsAdmin("related");

        assertEquals(0, related.exitCode(), related::toString);
        assertEquals(List.of(titles.get(2), titles.get(1)), reader.get(first).document().select(".related li a").eachText(),
                "each page lists the others of its topic, newest first");
    }

    @Test
    void aDryRunAndAnInterruptedRunWriteNothing() throws IOException, SQLException {
        String title = "不会写入 " + UUID.randomUUID().toString().substring(0, 8);
        Path folder = TempDirs.create("import-html-nothing");
        Files.writeString(folder.resolve("one.txt"), title + "\n发布时间:2024-03-04 05:06:07\n\n正文。\n");
        Files.writeString(folder.resolve("two.txt"), title + " 二\n发布时间:2024-03-04 05:06:08\n\n正文。\n");

        Run dryRun = cmsAdmin("import-html", folder.toString(), "--dry-run");
        Interruption ctrlC = new Interruption();
        ctrlC.request();
        Run interrupted = cmsAdmin(ctrlC, "import-html", folder.toString());

        assertEquals(0, dryRun.exitCode(), dryRun::toString);
        assertTrue(dryRun.out().contains("one.txt: would be imported as /articles/"), dryRun::toString);
        assertTrue(dryRun.out().contains("2 pages: 2 would be imported, 0 skipped, 0 failed"), dryRun::toString);
        assertTrue(dryRun.out().endsWith("Dry run: nothing was written.\n"), dryRun::toString);
        assertEquals(130, interrupted.exitCode(), interrupted::toString);
        assertEquals("", interrupted.out());
        assertTrue(interrupted.err().contains("cms-admin: import-html interrupted; nothing was written"), interrupted::toString);
        assertEquals(0, countWithTitle(title), "the first page, written before Ctrl-C, was rolled back");
        assertEquals(0, countWithTitle(title + " 二"));
    }

    @Test
    void draftsStayOffThePublicSiteAndAPageWithoutTimeCanBeImportedNowAndIsRecognisedByTitleAfterwards()
            throws IOException, SQLException {
        String title = "草稿与无时间 " + UUID.randomUUID().toString().substring(0, 8);
        Path drafts = TempDirs.create("import-html-draft");
        Files.writeString(drafts.resolve("draft.txt"), title + " 草稿\n发布时间:2024-04-05 06:07:08\n\n正文。\n");
        Path undated = TempDirs.create("import-html-now");
        Files.writeString(undated.resolve("undated.txt"), title + " 无时间\n\n正文。\n");

        Run draft = cmsAdmin("import-html", drafts.toString(), "--draft");
        Run now = cmsAdmin("import-html", undated.toString(), "--publish-time-missing=now");
        Run again = cmsAdmin("import-html", undated.toString(), "--publish-time-missing=now");

        assertEquals(0, draft.exitCode(), draft::toString);
        assertTrue(draft.out().contains("(draft, publish time 2024-04-05 06:07:08)"), draft::toString);
        Browser reader = new Browser(server.getURI());
        assertEquals(404, reader.get(draft.articlePath(drafts.resolve("draft.txt").toString())).status());
        assertEquals(0, now.exitCode(), now::toString);
        Page page = reader.get(now.articlePath(undated.resolve("undated.txt").toString()));
        assertEquals(200, page.status());
        assertEquals(title + " 无时间", page.text("h1"));
        assertTrue(again.out().contains("undated.txt: skipped (already in the site: article ")
                && again.out().contains("has this title)"), again::toString);
        assertEquals(1, countWithTitle(title + " 无时间"));
    }

    @Test
    void badCommandLinesAreUsageErrorsThatNeedNoDatabase() {
        Run noPath = cmsAdmin("import-html");
        Run missing = cmsAdmin("import-html", "/no/such/folder");
        Run badOption = cmsAdmin("import-html", ".", "--publish-time-missing", "later");
        Run help = cmsAdmin("import-html", "--help");

        for (Run run : List.of(noPath, missing, badOption)) {
            assertEquals(2, run.exitCode(), run::toString);
            assertFalse(run.startedNode(), run::toString);
        }
        assertTrue(noPath.err().startsWith("Missing required parameter: 'DIR_OR_FILE'"), noPath::toString);
        assertTrue(missing.err().startsWith("no such file or folder: /no/such/folder"), missing::toString);
        assertTrue(badOption.err().startsWith("--publish-time-missing: 'skip' or 'now', not 'later'"), badOption::toString);
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--topic=<name>") && help.out().contains("--dry-run"), help::toString);
    }

    /** Removes every article with this title, so a test starts from a site without it. */
    private void forget(String title) {
        for (Optional<Long> id = titles.findIdByTitle(title); id.isPresent(); id = titles.findIdByTitle(title)) {
            articleTrash.trash(id.get(), Actor.SYSTEM);
            articleTrash.purge(id.get(), Actor.SYSTEM);
        }
    }

    private int countWithTitle(String title) throws SQLException {
        // The injected DataSource hands out the current transaction's connection; a test has none.
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM article WHERE title = ?")) {
            s.setString(1, title);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
