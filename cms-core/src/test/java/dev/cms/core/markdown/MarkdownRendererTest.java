package dev.cms.core.markdown;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.owasp.html.Encoding;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownRendererTest {

    private static final List<String> EXECUTABLE_MARKUP = List.of(
            "<script", "javascript:", "vbscript:", "data:", "onerror", "onload", "onclick",
            "<iframe", "<object", "<embed", "<style", "<form", "<svg");

    private static final Pattern SCHEME = Pattern.compile("[^/?#]*:");

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void chineseHeadingBecomesH2WithItsTextUnchanged() {
        assertEquals("<h2>第一步:登录小米商城账户</h2>", renderer.toSafeHtml("## 第一步:登录小米商城账户").strip());
    }

    @Test
    void fullWidthPunctuationAndEmojiAreWrittenAsCharactersNotEntities() {
        String html = renderer.toSafeHtml("第一步：打开“设置”，点击（账户）！完成？😀");

        assertEquals("<p>第一步：打开“设置”，点击（账户）！完成？😀</p>", html.strip());
    }

    @Test
    void fullWidthAngleBracketsStayEncodedBecauseTheyNormaliseToTagSyntax() {
        String html = renderer.toSafeHtml("＜script＞alert(1)＜/script＞");

        assertFalse(html.contains("＜"), html);
        assertTrue(html.contains("&#xff1c;script&#xff1e;"), html);
    }

    @Test
    void nullOrBlankMarkdownGivesEmptyString() {
        assertEquals("", renderer.toSafeHtml(null));
        assertEquals("", renderer.toSafeHtml(" \n\t "));
        assertEquals("", renderer.toPlainText(null));
        assertEquals("", renderer.toPlainText("  \n"));
    }

    @Test
    void commonMarkdownFormattingIsKept() {
        String html = renderer.toSafeHtml("""
                # One

                Some *emphasis*, **strong** and `code`.

                > quoted

                1. first
                2. second

                - bullet

                ---
                line one\\
                line two
                """);

        for (String tag : List.of("<h1>One</h1>", "<em>emphasis</em>", "<strong>strong</strong>",
                "<code>code</code>", "<blockquote>", "<ol>", "<li>first</li>", "<ul>", "<li>bullet</li>",
                "<hr />", "line one<br />")) {
            assertTrue(html.contains(tag), () -> tag + " missing from " + html);
        }
    }

    @Test
    void orderedListStartNumberIsKept() {
        assertTrue(renderer.toSafeHtml("3. third\n4. fourth").contains("<ol start=\"3\">"));
    }

    @Test
    void rawSafeInlineHtmlIsKept() {
        String html = renderer.toSafeHtml("A <b>bold</b> and <em>soft</em> claim");

        assertTrue(html.contains("<b>bold</b>"), html);
        assertTrue(html.contains("<em>soft</em>"), html);
    }

    @Test
    void httpsLinkKeepsHrefAndGetsNofollowRel() {
        String html = renderer.toSafeHtml("See [the shop](https://www.mi.com/shop?a=1&b=2).");

        assertTrue(html.contains(
                "<a href=\"https://www.mi.com/shop?a&#61;1&amp;b&#61;2\" rel=\"nofollow noopener noreferrer\">"
                        + "the shop</a>"), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP://EXAMPLE.COM/", "//example.com/", "/\\example.com/"})
    void upperCaseAndProtocolRelativeLinksCountAsExternal(String href) {
        String html = renderer.toSafeHtml("<a href=\"" + href + "\">x</a>");

        assertTrue(html.contains("rel=\"nofollow noopener noreferrer\""), html);
    }

    @Test
    void relativeLinkIsKeptWithoutRel() {
        String html = renderer.toSafeHtml("Read [the next step](/articles/x).");

        assertTrue(html.contains("<a href=\"/articles/x\">the next step</a>"), html);
    }

    @Test
    void mailtoLinkIsKeptWithoutRel() {
        String html = renderer.toSafeHtml("[Write to us](mailto:help@example.com)");

        assertTrue(html.contains("<a href=\"mailto:help&#64;example.com\">Write to us</a>"), html);
    }

    @Test
    void linkRelAndTargetFromAuthorAreReplaced() {
        String html = renderer.toSafeHtml("<a href=\"/x\" rel=\"opener\" target=\"_blank\">x</a>");

        assertTrue(html.contains("<a href=\"/x\">x</a>"), html);
    }

    @Test
    void httpsImageIsKeptWithAltAndTitle() {
        String html = renderer.toSafeHtml("![Login page](https://cdn.example.com/login.png \"Step 1\")");

        assertTrue(html.contains("<img src=\"https://cdn.example.com/login.png\" alt=\"Login page\" title=\"Step 1\" "
                + "decoding=\"async\" />"), html);
    }

    private static final String PHOTO = "/media/2024/05/9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f.jpg";
    private static final String SCREENSHOT = "/media/2024/05/abababababababababababababababab.png";

    /** The site's own images as {@code MediaLocalImages} answers for them: a 2000 px photo with copies, a 300 px screenshot without. */
    private final MarkdownRenderer withUploads = new MarkdownRenderer(src -> switch (src) {
        case PHOTO -> Optional.of(new LocalImages.LocalImage(2000, 1500, List.of(
                new LocalImages.Candidate(PHOTO.replace(".jpg", "-480w.jpg"), 480),
                new LocalImages.Candidate(PHOTO.replace(".jpg", "-960w.jpg"), 960))));
        case SCREENSHOT -> Optional.of(new LocalImages.LocalImage(300, 200, List.of()));
        default -> Optional.empty();
    });

    @Test
    void uploadedImageGetsItsSizeAndNarrowerCopiesSoNothingShiftsAndPhonesLoadLess() {
        Element img = Jsoup.parseBodyFragment(withUploads.toSafeHtml("![登录页面](" + PHOTO + ")")).selectFirst("img");

        assertEquals("2000", img.attr("width"));
        assertEquals("1500", img.attr("height"));
        // The sanitizer writes the list with a space before each comma, which browsers read alike.
        assertEquals(PHOTO.replace(".jpg", "-480w.jpg") + " 480w , " + PHOTO.replace(".jpg", "-960w.jpg") + " 960w , "
                + PHOTO + " 2000w", img.attr("srcset"));
        assertEquals(MarkdownRenderer.IMAGE_SIZES, img.attr("sizes"));
        assertEquals(PHOTO, img.attr("src"));
        assertEquals("登录页面", img.attr("alt"));
        assertFalse(img.hasAttr("loading"), "the first image is likely on the first screen: loaded at once");
    }

    @Test
    void imagesAfterTheFirstLoadLazilyAndSmallOnesGetNoSrcset() {
        Elements images = Jsoup.parseBodyFragment(withUploads.toSafeHtml(
                "![a](" + PHOTO + ")\n\n![b](" + SCREENSHOT + ")\n\n![c](https://cdn.example.com/c.png)")).select("img");

        assertEquals(3, images.size());
        assertEquals("lazy", images.get(1).attr("loading"));
        assertEquals("300", images.get(1).attr("width"));
        assertEquals("200", images.get(1).attr("height"));
        assertFalse(images.get(1).hasAttr("srcset"));
        assertEquals("lazy", images.get(2).attr("loading"));
        assertFalse(images.get(2).hasAttr("width"), "an image elsewhere: its size is not known");
    }

    @Test
    void srcsetWrittenByHandCanOnlyNameTheSitesOwnCopies() {
        String html = withUploads.toSafeHtml("<img src=\"/media/x.png\" alt=\"x\" "
                + "srcset=\"https://evil.example/x.png 480w, javascript:alert(1) 2x\" sizes=\"100vw\" loading=\"eager\">");

        Element img = Jsoup.parseBodyFragment(html).selectFirst("img");
        assertFalse(img.hasAttr("srcset"), html);
        assertFalse(img.hasAttr("sizes"), html);
        assertFalse(img.hasAttr("loading"), html);
    }

    @Test
    void relativeImageWithSizeIsKept() {
        String html = renderer.toSafeHtml("<img src=\"/media/a.png\" alt=\"a\" width=\"640\" height=\"480\">");

        assertTrue(html.contains("<img src=\"/media/a.png\" alt=\"a\" width=\"640\" height=\"480\" />"), html);
    }

    @Test
    void imageWithMailtoSourceLosesItsSource() {
        assertFalse(renderer.toSafeHtml("![a](mailto:x@example.com)").contains("src="));
    }

    @Test
    void scriptBlockIsRemovedAndSurroundingTextSurvives() {
        String html = renderer.toSafeHtml("Before\n\n<script>alert(1)</script>\n\nAfter");

        assertHarmless(html);
        assertFalse(html.contains("alert(1)"), html);
        assertTrue(html.contains("<p>Before</p>") && html.contains("<p>After</p>"), html);
    }

    @Test
    void inlineScriptIsRemovedAndSurroundingTextSurvives() {
        String html = renderer.toSafeHtml("Hello <SCRIPT type=\"text/javascript\">alert(1)</SCRIPT> world");

        assertHarmless(html);
        assertTrue(html.contains("Hello") && html.contains("world"), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript&#x3A;alert(1)",
            "java&#x09;script:alert(1)",
            "java&#x0A;script:alert(1)",
            "&#x01;javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    })
    void markdownLinkWithScriptingUrlKeepsOnlyItsText(String url) {
        String html = renderer.toSafeHtml("Click [here](" + url + ") now");

        assertHarmless(html);
        assertFalse(html.contains("href"), html);
        assertTrue(html.contains("Click here now"), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "javascript:alert(1)",
            " JAVASCRIPT:alert(1)",
            "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
            "javascript&colon;alert(1)",
            "java\tscript:alert(1)",
            "java\u0000script:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
    })
    void rawAnchorWithScriptingUrlKeepsOnlyItsText(String url) {
        String html = renderer.toSafeHtml("Click <a href=\"" + url + "\">here</a> now");

        assertHarmless(html);
        assertFalse(html.contains("href"), html);
        assertTrue(html.contains("Click here now"), html);
    }

    @Test
    void numericReferenceWithoutSemicolonCannotFormAScriptingUrl() {
        // Browsers decode "&#0000106" as "j" even without ";". The sanitizer leaves it undecoded and
        // escapes its "&", so the browser sees a relative URL, never "javascript:".
        String html = renderer.toSafeHtml("Click <a href=\"&#0000106avascript:alert(1)\">here</a> now");

        assertHarmless(html);
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (href.find()) {
            String url = Encoding.decodeHtml(href.group(1), true).strip();
            assertFalse(SCHEME.matcher(url).lookingAt(), () -> "href has a scheme: " + url);
        }
        assertTrue(html.contains("here"), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "![pic](javascript:alert(1))",
            "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
            "<img src=\"JaVaScRiPt:alert(1)\" alt=\"pic\">",
            "<img src=\"&#106;avascript:alert(1)\" alt=\"pic\">",
            "<img src=\"vbscript:msgbox(1)\" alt=\"pic\">",
    })
    void imageWithScriptingSourceLosesItsSource(String markdown) {
        String html = renderer.toSafeHtml("Look " + markdown + " here");

        assertHarmless(html);
        assertFalse(html.contains("src="), html);
        assertTrue(html.contains("Look") && html.contains("here"), html);
    }

    @Test
    void imageErrorHandlerIsDropped() {
        String html = renderer.toSafeHtml("Broken <img src=x onerror=alert(1)> image");

        assertHarmless(html);
        assertTrue(html.contains("Broken") && html.contains("image"), html);
    }

    @Test
    void eventAttributesOnAllowedElementsAreDropped() {
        String html = renderer.toSafeHtml("<p onclick=\"alert(1)\" OnMouseOver=\"alert(2)\">Tap me</p>");

        assertHarmless(html);
        assertFalse(html.toLowerCase(Locale.ROOT).contains("onmouseover"), html);
        assertTrue(html.contains("<p>Tap me</p>"), html);
    }

    @Test
    void iframeIsRemoved() {
        String html = renderer.toSafeHtml("Video:\n\n<iframe src=\"https://evil.example/\"></iframe>\n\nEnd");

        assertHarmless(html);
        assertTrue(html.contains("Video:") && html.contains("End"), html);
    }

    @Test
    void objectEmbedAndFormAreRemoved() {
        String html = renderer.toSafeHtml("""
                Top <object data="x.swf"></object> <embed src="x.swf">

                <form action="https://evil.example/"><input name="password"><button>Send</button></form>

                Bottom
                """);

        assertHarmless(html);
        assertFalse(html.contains("<input") || html.contains("<button"), html);
        assertTrue(html.contains("Top") && html.contains("Bottom"), html);
    }

    @Test
    void svgWithOnloadIsRemoved() {
        String html = renderer.toSafeHtml("Icon <svg onload=alert(1)><circle r=\"5\"/></svg> here");

        assertHarmless(html);
        assertTrue(html.contains("Icon") && html.contains("here"), html);
    }

    @Test
    void styleBlockIsRemoved() {
        String html = renderer.toSafeHtml("Styled\n\n<style>body { display: none }</style>\n\ntext");

        assertHarmless(html);
        assertFalse(html.contains("display"), html);
        assertTrue(html.contains("Styled") && html.contains("text"), html);
    }

    @Test
    void scriptInFencedCodeIsShownEscapedInsidePreCode() {
        String html = renderer.toSafeHtml("""
                ```html
                <script>alert(1)</script>
                ```
                """);

        assertTrue(html.contains("<pre><code class=\"language-html\">&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), html);
    }

    @Test
    void plainTextKeepsWordsAndDropsMarkupAndUrls() {
        String text = renderer.toPlainText("""
                ## 第一步：登录小米商城账户

                Open [the shop](https://www.mi.com/) and **sign in**.
                ![screenshot](/media/login.png)

                - one
                - two

                > quoted &amp; done
                """);

        assertEquals("第一步：登录小米商城账户 Open the shop and sign in. one two quoted & done", text);
    }

    @Test
    void plainTextJoinsChineseParagraphsHeadingsAndLinesWithoutSpace() {
        String text = renderer.toPlainText("""
                ## 第一步

                这是一篇短文。

                分期购买的
                设置在这里。

                - 打开设置
                - 关闭分期
                """);

        assertEquals("第一步这是一篇短文。分期购买的设置在这里。打开设置关闭分期", text);
    }

    @Test
    void plainTextJoinsOtherScriptsWithSpace() {
        assertEquals("Short one. A second paragraph on two lines.",
                renderer.toPlainText("Short one.\n\nA second paragraph\non two lines."));
        assertEquals("첫 문단입니다. 둘째 문단입니다.", renderer.toPlainText("첫 문단입니다.\n\n둘째 문단입니다."));
        assertEquals("Ünïcode ends. Ελληνικά begins.", renderer.toPlainText("Ünïcode ends.\n\nΕλληνικά begins."));
    }

    @Test
    void plainTextJoinsMixedParagraphsBySpacingOfTheirScripts() {
        // Full-width punctuation carries its own spacing; a Chinese character next to a Latin word keeps a space.
        assertEquals("中文结尾。English start", renderer.toPlainText("中文结尾。\n\nEnglish start"));
        assertEquals("English end（注释）", renderer.toPlainText("English end\n\n（注释）"));
        assertEquals("English end. 中文开头", renderer.toPlainText("English end.\n\n中文开头"));
        assertEquals("安装 Java 之后 Micronaut 就能运行", renderer.toPlainText("安装 Java 之后\n\nMicronaut 就能运行"));
        // Quotation marks and ellipses belong to both scripts: the character behind them decides.
        assertEquals("他说：“好。”然后走了……“再见”", renderer.toPlainText("他说：“好。”\n\n然后走了……\n\n“再见”"));
        assertEquals("He said “fine.” Then left.", renderer.toPlainText("He said “fine.”\n\nThen left."));
    }

    @Test
    void plainTextKeepsSpacesWrittenInsideAParagraph() {
        assertEquals("如何部署 Micronaut 应用 短文。 分期", renderer.toPlainText("如何部署  Micronaut\t应用 短文。 分期"));
    }

    @Test
    void plainTextDropsRawHtmlTagsAndScriptBodies() {
        String text = renderer.toPlainText("""
                Some <b>bold</b> words

                <div class="note">A <em>note</em><script>alert(1)</script></div>
                """);

        assertEquals("Some bold words A note", text);
    }

    private static void assertHarmless(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        for (String markup : EXECUTABLE_MARKUP) {
            assertFalse(lower.contains(markup), () -> "found " + markup + " in " + html);
        }
    }
}
