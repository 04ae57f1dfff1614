package dev.cms.core.markdown;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentNodeRendererContext;
import org.commonmark.renderer.text.TextContentRenderer;
import org.commonmark.renderer.text.TextContentWriter;
import org.owasp.html.Encoding;
import org.owasp.html.FilterUrlByProtocolAttributePolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns article markdown into HTML that is safe to put on a public page, and into plain text for
 * summaries and search.
 *
 * <p>Markdown may contain raw HTML, so the rendered HTML always goes through an allow-list
 * sanitizer; whatever is not listed here (scripts, event handlers, frames, styles, forms, SVG,
 * non-http(s) URLs) is dropped. Every part is immutable, so one instance serves all threads.
 */
@Singleton
public class MarkdownRenderer {

    private static final String EXTERNAL_LINK_REL = "nofollow noopener noreferrer";
    private static final Pattern SMALL_NUMBER = Pattern.compile("[0-9]{1,5}");
    // commonmark marks fenced code as class="language-xxx"; kept so a highlighter can use it later.
    private static final Pattern CODE_LANGUAGE_CLASS = Pattern.compile("language-[A-Za-z0-9_+#.-]{1,40}");
    private static final Pattern HEX_ENTITY = Pattern.compile("&#x([0-9a-fA-F]{1,6});");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // Characters the sanitizer escapes for their meaning in HTML; see readable(String).
    private static final String HTML_SIGNIFICANT = "\"&'+<=>@`";

    /**
     * How wide an article image is drawn at each screen width (the article column of the default
     * theme: the screen less its margins on a phone, 44rem beyond), so a browser picks the
     * narrowest copy in {@code srcset} that is sharp on its screen.
     */
    public static final String IMAGE_SIZES = "(max-width: 46rem) calc(100vw - 2rem), 44rem";
    private static final Pattern MEDIA_CANDIDATE = Pattern.compile(
            "/media/[0-9]{4}/[0-9]{2}/[0-9a-f]{32}(?:-[0-9]{3,4}w)?\\.(?:jpg|png) [0-9]{1,5}w");
    /** Only the site's own image copies, as {@link ImageAttributes} writes them. */
    private static final Pattern SRCSET = Pattern.compile(
            MEDIA_CANDIDATE.pattern() + "(?: ?, " + MEDIA_CANDIDATE.pattern() + ")*");

    private static final PolicyFactory ARTICLE_HTML = new HtmlPolicyBuilder()
            .allowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr",
                    "em", "strong", "b", "i", "del", "blockquote", "ul", "ol", "li", "pre", "code",
                    "table", "thead", "tbody", "tr", "th", "td")
            .allowAttributes("start").matching(SMALL_NUMBER).onElements("ol")
            .allowAttributes("class").matching(CODE_LANGUAGE_CLASS).onElements("code")
            .allowUrlProtocols("http", "https", "mailto")
            .allowElements(MarkdownRenderer::relOnExternalLink, "a")
            .allowAttributes("href").onElements("a")
            .allowAttributes("title").onElements("a", "img")
            .allowElements("img")
            // Narrower than the links: an image has no business pointing at mailto:.
            .allowAttributes("src").matching(new FilterUrlByProtocolAttributePolicy(List.of("http", "https")))
            .onElements("img")
            .allowAttributes("alt").onElements("img")
            .allowAttributes("width", "height").matching(SMALL_NUMBER).onElements("img")
            .allowAttributes("srcset").matching(SRCSET).onElements("img")
            .allowAttributes("sizes").matching(Pattern.compile(Pattern.quote(IMAGE_SIZES))).onElements("img")
            .allowAttributes("loading").matching(Pattern.compile("lazy")).onElements("img")
            .allowAttributes("decoding").matching(Pattern.compile("async")).onElements("img")
            .toFactory();

    // No elements at all: keeps the text of raw HTML blocks, drops tags and script or style bodies.
    private static final PolicyFactory TEXT_ONLY = new HtmlPolicyBuilder().toFactory();

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer htmlRenderer;
    private final LocalImages images;
    private final TextContentRenderer textRenderer = TextContentRenderer.builder()
            .nodeRendererFactory(PlainTextNodeRenderer::new)
            .build();

    /** A renderer that knows no image of the site's own (images keep only what the Markdown says). */
    public MarkdownRenderer() {
        this(src -> Optional.empty());
    }

    @Inject
    public MarkdownRenderer(LocalImages images) {
        this.images = images;
        this.htmlRenderer = htmlRenderer(images);
    }

    private static HtmlRenderer htmlRenderer(LocalImages images) {
        // commonmark makes the attribute provider anew for each render, so each counts its own images.
        return HtmlRenderer.builder().attributeProviderFactory(context -> new ImageAttributes(images)).build();
    }

    /**
     * Renders CommonMark to sanitized HTML; null or blank markdown gives an empty string. Images
     * the site serves itself get their {@code width} and {@code height} (no layout shift while they
     * load) and their narrower copies as {@code srcset}; every image after the first loads lazily,
     * the first (most likely on the first screen) at once.
     */
    public String toSafeHtml(String markdown) {
        return toSafeHtml(markdown, htmlRenderer);
    }

    /**
     * As {@link #toSafeHtml(String)}, knowing images the site's own lookup cannot see yet: an
     * import renders its articles in the transaction that also adds their images.
     */
    public String toSafeHtml(String markdown, LocalImages alsoKnown) {
        return toSafeHtml(markdown, htmlRenderer(src -> alsoKnown.find(src).or(() -> images.find(src))));
    }

    private String toSafeHtml(String markdown, HtmlRenderer renderer) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        String html = renderer.render(parser.parse(markdown));
        return readable(ARTICLE_HTML.sanitize(html));
    }

    /**
     * The words of the rendered markdown on one line: no markup, link targets or image URLs. The
     * result is plain text, not HTML; escape it when writing a page. Whitespace within a paragraph
     * becomes one space; paragraphs, headings, list items and lines are joined as their script
     * writes them (see {@link #joinsWithoutSpace}): Chinese ones with nothing between them
     * ("短文。分期购买"), others with a space ("Short. Long").
     */
    public String toPlainText(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        String text = textRenderer.render(parser.parse(markdown)).strip();
        Matcher whitespace = WHITESPACE.matcher(text);
        StringBuilder joined = new StringBuilder(text.length());
        while (whitespace.find()) {
            boolean lineBreak = whitespace.group().indexOf('\n') >= 0 || whitespace.group().indexOf('\r') >= 0;
            String separator = lineBreak && joinsWithoutSpace(text, whitespace.start(), whitespace.end()) ? "" : " ";
            whitespace.appendReplacement(joined, separator);
        }
        whitespace.appendTail(joined);
        return joined.toString();
    }

    /**
     * Whether two lines of text, the one ending at {@code end} and the next starting at
     * {@code start}, join with no space: after or before full-width punctuation (which carries its
     * own spacing: "。", "，", "（"), and between two Chinese or Japanese characters. A Chinese
     * character next to a Latin word keeps the space, as in "部署 Micronaut". Quotation marks,
     * dashes and ellipses belong to either script, so the character behind them decides.
     */
    static boolean joinsWithoutSpace(String text, int end, int start) {
        int before = end;
        int last;
        do {
            last = text.codePointBefore(before);
            before -= Character.charCount(last);
        } while (isEitherScript(last) && before > 0);
        int after = start;
        int next;
        do {
            next = text.codePointAt(after);
            after += Character.charCount(next);
        } while (isEitherScript(next) && after < text.length());
        return isFullWidthPunctuation(last) || isFullWidthPunctuation(next) || isCjk(last) && isCjk(next);
    }

    /** Written without spaces between words: Chinese, Japanese kana, and their punctuation. */
    private static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.BOPOMOFO
                || isFullWidthPunctuation(codePoint);
    }

    private static boolean isFullWidthPunctuation(int codePoint) {
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.CJK_COMPATIBILITY_FORMS
                || block == Character.UnicodeBlock.VERTICAL_FORMS
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS && isPunctuation(codePoint);
    }

    private static boolean isPunctuation(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.CONNECTOR_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** Curly quotes, dashes, ellipses: used in Chinese and in English alike. */
    private static boolean isEitherScript(int codePoint) {
        return Character.UnicodeBlock.of(codePoint) == Character.UnicodeBlock.GENERAL_PUNCTUATION;
    }

    /** Links that leave the site get a rel so they pass no ranking, opener or referrer along. */
    private static String relOnExternalLink(String elementName, List<String> attrs) {
        for (int i = 0; i + 1 < attrs.size(); i += 2) {
            if (attrs.get(i).equals("href") && leavesSite(attrs.get(i + 1))) {
                attrs.add("rel");
                attrs.add(EXTERNAL_LINK_REL);
                break;
            }
        }
        return elementName;
    }

    private static boolean leavesSite(String href) {
        // Browsers read "\" as "/" in http(s) URLs, so "/\host" is protocol-relative too.
        String url = href.replace('\\', '/').toLowerCase(Locale.ROOT);
        return url.startsWith("http:") || url.startsWith("https:") || url.startsWith("//");
    }

    /**
     * The sanitizer writes full-width punctuation (，：！？（）) and characters outside the BMP
     * (emoji, rare CJK) as numeric entities, which makes Chinese HTML hard to read in the database
     * and in page source. It does so because some of those characters normalise to HTML syntax
     * (＜ becomes &lt;), so only characters whose NFKC form holds none of that syntax are put back.
     */
    private static String readable(String html) {
        if (html.indexOf("&#x") < 0) {
            return html;
        }
        Matcher entity = HEX_ENTITY.matcher(html);
        return entity.replaceAll(match -> {
            int codePoint = Integer.parseInt(match.group(1), 16);
            return safeToWriteLiterally(codePoint)
                    ? Matcher.quoteReplacement(Character.toString(codePoint))
                    : Matcher.quoteReplacement(match.group());
        });
    }

    private static boolean safeToWriteLiterally(int codePoint) {
        if (codePoint < 0xFE60 || codePoint > Character.MAX_CODE_POINT) {
            return false;
        }
        switch (Character.getType(codePoint)) {
            case Character.UNASSIGNED, Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE,
                    Character.SURROGATE -> {
                return false;
            }
            default -> {
                String normalized = Normalizer.normalize(Character.toString(codePoint), Normalizer.Form.NFKC);
                return normalized.chars().noneMatch(c -> HTML_SIGNIFICANT.indexOf(c) >= 0);
            }
        }
    }

    /** The attributes of one rendering's {@code <img>} elements; see {@link #toSafeHtml}. */
    private static final class ImageAttributes implements AttributeProvider {

        private final LocalImages images;
        private int seen;

        ImageAttributes(LocalImages images) {
            this.images = images;
        }

        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (!(node instanceof Image image)) {
                return;
            }
            images.find(image.getDestination()).ifPresent(local -> {
                attributes.put("width", String.valueOf(local.width()));
                attributes.put("height", String.valueOf(local.height()));
                if (!local.smaller().isEmpty()) {
                    StringBuilder srcset = new StringBuilder();
                    local.smaller().forEach(c -> srcset.append(c.url()).append(' ').append(c.width()).append("w, "));
                    srcset.append(image.getDestination()).append(' ').append(local.width()).append('w');
                    attributes.put("srcset", srcset.toString());
                    attributes.put("sizes", IMAGE_SIZES);
                }
            });
            if (seen++ > 0) {
                attributes.put("loading", "lazy");
            }
            attributes.put("decoding", "async");
        }
    }

    /**
     * Replaces the parts of commonmark's text renderer that write markup rather than words: link
     * and image URLs, raw HTML, list bullets, quote marks and "***" rules.
     */
    private static final class PlainTextNodeRenderer implements NodeRenderer {

        private final TextContentNodeRendererContext context;
        private final TextContentWriter writer;

        PlainTextNodeRenderer(TextContentNodeRendererContext context) {
            this.context = context;
            this.writer = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Link.class, Image.class, HtmlInline.class, HtmlBlock.class, ListItem.class,
                    BlockQuote.class, ThematicBreak.class);
        }

        @Override
        public void render(Node node) {
            if (node instanceof Link) {
                renderChildren(node);
            } else if (node instanceof HtmlBlock block) {
                writer.whitespace();
                writer.write(Encoding.decodeHtml(TEXT_ONLY.sanitize(block.getLiteral()), false));
                writer.block();
            } else if (node instanceof ListItem || node instanceof BlockQuote) {
                renderChildren(node);
                writer.block();
            } else if (node instanceof ThematicBreak) {
                writer.block();
            }
            // Images and inline HTML tags contribute no words.
        }

        private void renderChildren(Node parent) {
            Node child = parent.getFirstChild();
            while (child != null) {
                Node next = child.getNext();
                context.render(child);
                child = next;
            }
        }
    }
}
