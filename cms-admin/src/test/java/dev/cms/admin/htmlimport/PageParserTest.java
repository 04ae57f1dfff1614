package dev.cms.admin.htmlimport;

import dev.cms.core.markdown.MarkdownRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading pages in the reference page's shape, as text and as saved HTML, without a database. */
class PageParserTest {

    private static final Pattern SEED_HEADING = Pattern.compile("第[一二三四五六七八九十]+步:.*|重要提醒");

    /** The reference page split the plain way: non-empty lines, headings by their known wording. */
    record Seed(String title, LocalDateTime time, List<String> headings, List<String> paragraphs, List<String> related) {

        static Seed read() throws IOException {
            List<String> lines = resource("/reference/seed-article.txt").lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
            int relatedAt = lines.indexOf("相关内容:");
            List<String> headings = new ArrayList<>();
            List<String> paragraphs = new ArrayList<>();
            for (String line : lines.subList(2, relatedAt)) {
                (SEED_HEADING.matcher(line).matches() ? headings : paragraphs).add(line);
            }
            String time = lines.get(1).substring("发布时间:".length());
            return new Seed(lines.get(0), LocalDateTime.parse(time.replace(' ', 'T')), headings, paragraphs,
                    lines.subList(relatedAt + 1, lines.size()).stream().filter(l -> !l.equals("To Top")).toList());
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = PageParserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void seedTextGivesItsTitleTimeHeadingsParagraphsAndRelatedTitles() throws IOException {
        Seed seed = Seed.read();

        ImportedPage page = PageParser.parseText(resource("/reference/seed-article.txt"));

        assertEquals(seed.title(), page.title());
        assertEquals(seed.time(), page.publishTime());
        assertEquals(seed.headings(), page.headings());
        assertEquals(seed.paragraphs(), page.paragraphs());
        assertEquals(seed.related(), page.related());
        assertTrue(seed.headings().contains("第六步:确认更改并加强账户安全") && seed.headings().contains("重要提醒"),
                seed.headings().toString());
        assertTrue(seed.related().size() > 90, "the seed lists about 100 related titles");
    }

    @Test
    void savedHtmlOfTheSeedReadsLikeItsTextWithoutNavigationScriptsOrFooter() throws IOException {
        Seed seed = Seed.read();

        ImportedPage page = PageParser.parseHtml(resource("/htmlimport/seed-article.html"));

        assertEquals(seed.title(), page.title(), "the h1, not the <title> with the site name");
        assertEquals(seed.time(), page.publishTime());
        assertEquals(seed.headings(), page.headings(), "<h2>, <h3> and <p><strong>第N步:</strong></p> alike");
        assertEquals(seed.paragraphs(), page.paragraphs(), "no breadcrumb, script output, noscript or footer text");
        assertEquals(seed.related(), page.related(), "link texts of the 相关内容 list, without their dates");
    }

    @Test
    void aStepHeadingIsItsOwnBlockEvenWithoutBlankLinesAround() {
        ImportedPage page = PageParser.parseText("""
                标题
                发布时间:2024-01-02 03:04:05
                开头一段。
                第1步:打开设置
                点开右上角的齿轮。
                """);

        assertEquals(List.of("第1步:打开设置"), page.headings());
        assertEquals(List.of("开头一段。", "点开右上角的齿轮。"), page.paragraphs());
    }

    @Test
    void aShortLineIsAHeadingOnlyWhenAParagraphFollowsIt() {
        ImportedPage page = PageParser.parseText("""
                标题
                发布时间:2024-01-02 03:04:05

                注意事项

                这是一段说明,它以句号结束。

                这一行以句号结束。

                还有一段正文跟在后面,也很长很长。

                短行一

                短行二

                结尾的短行
                """);

        assertEquals(List.of("注意事项"), page.headings());
        assertEquals(List.of("这是一段说明,它以句号结束。", "这一行以句号结束。", "还有一段正文跟在后面,也很长很长。",
                "短行一", "短行二", "结尾的短行"), page.paragraphs());
    }

    @Test
    void publishTimeAcceptsAFullWidthColonAndNoSecondsAndRejectsImpossibleDates() {
        assertEquals(LocalDateTime.of(2024, 5, 28, 2, 54), PageParser.parseText("标题\n发布时间：2024-05-28 02:54\n正文。")
                .publishTime());
        ImportedPage impossible = PageParser.parseText("标题\n发布时间:2024-02-30 10:00:00\n正文。");
        assertNull(impossible.publishTime());
        assertEquals("2024-02-30 10:00:00", impossible.publishTimeText());
        ImportedPage missing = PageParser.parseText("标题\n正文。");
        assertNull(missing.publishTime());
        assertNull(missing.publishTimeText());
    }

    @Test
    void htmlTitleFallsBackToTheTitleElementAndAPageWithoutOneHasNoTitle() {
        assertEquals("只有标题元素", PageParser.parseHtml("<title>只有标题元素</title><p>发布时间:2024-01-01 00:00:00</p>"
                + "<p>正文。</p>").title());
        assertNull(PageParser.parseHtml("<p>发布时间:2024-01-01 00:00:00</p><p>正文。</p>").title());
        assertNull(PageParser.parseText("\n\n发布时间:2024-01-01 00:00:00\n\n正文。").title());
    }

    @Test
    void relatedTitlesMayBeLinksWithoutAListOrPlainLines() {
        ImportedPage links = PageParser.parseHtml("""
                <h1>标题</h1><p>发布时间:2024-01-01 00:00:00</p><p>正文。</p>
                <h2>相关内容</h2><div><a href="/1">甲文章</a> | <a href="/2">乙文章</a></div>
                <p><a href="#top">To Top</a></p><p>页脚文字</p>""");
        ImportedPage lines = PageParser.parseHtml("""
                <h1>标题</h1><p>发布时间:2024-01-01 00:00:00</p><p>正文。</p>
                <p>相关内容:</p><p>甲文章<br>乙文章</p><p>To Top</p><p>页脚文字</p>""");

        assertEquals(List.of("甲文章", "乙文章"), links.related());
        assertEquals(List.of("甲文章", "乙文章"), lines.related());
        assertEquals(List.of("正文。"), lines.paragraphs(), "the body ends where 相关内容 starts");
    }

    @Test
    void markdownOfImportedTextRendersExactlyThatTextAndNothingActive() {
        MarkdownRenderer renderer = new MarkdownRenderer();
        List<String> hostile = List.of("<script>alert(1)</script>", "[点我](javascript:alert(1))",
                "<img src=x onerror=alert(1)>", "# 不是标题", "1. 不是列表", "- 也不是列表", "+ 还不是", "*不是强调* _也不是_",
                "`不是代码`", "&lt;实体&gt; &amp;", "![图](http://example.com/x.png)", "<http://example.com>",
                "行尾反斜杠\\", "===", "> 不是引用", "a | b ~~c~~");
        for (String text : hostile) {
            String html = renderer.toSafeHtml(ImportMarkdown.of(List.of(PageBlock.paragraph(text))));
            Document body = Jsoup.parseBodyFragment(html);
            assertEquals(text, body.body().text(), html);
            assertEquals(1, body.select("p").size(), html);
            assertTrue(body.select("script, img, a, h1, h2, ol, ul, code, em, blockquote").isEmpty(), html);
        }
        String heading = renderer.toSafeHtml(ImportMarkdown.of(List.of(PageBlock.heading(2, "第一步:<b>登录</b> #1"))));
        assertEquals("第一步:<b>登录</b> #1", Jsoup.parseBodyFragment(heading).selectFirst("h2").text(), heading);
    }
}
