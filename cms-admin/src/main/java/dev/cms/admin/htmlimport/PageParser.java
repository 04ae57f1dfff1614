package dev.cms.admin.htmlimport;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an article page in the shape of the reference page (reference/seed-article.txt), either as
 * a saved HTML page or as its text, into an {@link ImportedPage}.
 *
 * <p>The rules, the same for both shapes once the page is split into blocks:
 * <ul>
 * <li>Title: the page's {@code <h1>} (the one inside {@code <article>} or {@code <main>} when
 *     there are several), else {@code og:title}, else {@code <title>}; in text, the first non-empty
 *     line. In HTML, whatever comes before the title (site banner, breadcrumbs) is not body.</li>
 * <li>Publish time: the first {@code 发布时间:} (ASCII or full-width colon) followed by
 *     {@code yyyy-MM-dd HH:mm:ss} (seconds optional). The block holding it is not body.</li>
 * <li>Body: paragraphs (in text: lines separated by blank lines; in HTML: {@code <p>} and other
 *     blocks, one per line where {@code <br>} breaks them), list items, and headings: HTML
 *     {@code <h1>}–{@code <h6>}; a paragraph of one line that starts {@code 第N步:} (at most 60
 *     characters, not ending in 。); and a <em>short line</em>: one line of at most
 *     {@value #SHORT_LINE} characters with no sentence punctuation, directly followed by a
 *     paragraph that is not itself a short line (the reference page's {@code 重要提醒}).</li>
 * <li>Related: a line or element reading {@code 相关内容} (with or without a colon) ends the body;
 *     the titles after it (text: one per line; HTML: the items or links of the list that follows)
 *     are the related titles, up to {@code To Top}.</li>
 * <li>Ignored: scripts, styles, navigation, forms, sidebars, page headers and footers, hidden
 *     elements, and {@code To Top} / {@code 返回顶部}.</li>
 * </ul>
 */
public final class PageParser {

    /** Longest line taken for a heading by the short-line rule. */
    public static final int SHORT_LINE = 20;
    private static final int LONGEST_STEP_HEADING = 60;

    private static final Pattern PUBLISH_TIME = Pattern.compile("发布时间\\s*[:：]\\s*([^\\n]*)");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})[ \\t\\u3000]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?![0-9:])");
    private static final Pattern RELATED_MARKER = Pattern.compile("相关内容\\s*[:：]?");
    private static final Pattern TO_TOP = Pattern.compile("[↑^\\s]*(?i:(back )?to top|返回顶部)[↑^\\s]*");
    private static final Pattern STEP = Pattern.compile("第[0-9０-９一二三四五六七八九十百零〇两]+步\\s*[:：].*");
    static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u3000]+");
    /** Punctuation that marks a sentence (or a lead-in) rather than a heading. */
    private static final String SENTENCE_PUNCTUATION = "。.!！?？;；,，、:：…";

    /** Elements whose content is never article text. */
    static final Set<String> DROPPED = Set.of("head", "script", "style", "noscript", "template", "nav",
            "aside", "form", "iframe", "svg", "math", "button", "select", "textarea", "input", "object", "embed",
            "canvas", "video", "audio", "map", "dialog");


    private PageParser() {
    }

    /** A page given as text, like reference/seed-article.txt. */
    public static ImportedPage parseText(String text) {
        List<String> lines = text.replace("\uFEFF", "").lines().map(PageParser::clean).toList();
        int i = 0;
        while (i < lines.size() && lines.get(i).isEmpty()) {
            i++;
        }
        String title = null;
        if (i < lines.size() && !PUBLISH_TIME.matcher(lines.get(i)).find() && !isRelatedMarker(lines.get(i))
                && !isToTop(lines.get(i))) {
            title = lines.get(i++);
        }
        List<PageBlock> body = new ArrayList<>();
        List<String> related = new ArrayList<>();
        List<String> paragraph = new ArrayList<>();
        String timeText = null;
        boolean inRelated = false;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (inRelated) {
                if (isToTop(line)) {
                    break;
                }
                if (!line.isEmpty()) {
                    related.add(line);
                }
                continue;
            }
            Matcher time = PUBLISH_TIME.matcher(line);
            if (line.isEmpty() || isToTop(line)) {
                flush(paragraph, body);
            } else if (timeText == null && time.find()) {
                flush(paragraph, body);
                timeText = time.group(1).strip();
            } else if (isRelatedMarker(line)) {
                flush(paragraph, body);
                inRelated = true;
            } else if (isStepHeading(line)) {
                // A step heading is a block of its own even when no blank line sets it apart.
                flush(paragraph, body);
                body.add(PageBlock.paragraph(line));
            } else {
                paragraph.add(line);
            }
        }
        flush(paragraph, body);
        return assemble(title, timeText, body, distinct(related));
    }

    /** A saved HTML page. */
    public static ImportedPage parseHtml(String html) {
        return parseHtml(Jsoup.parse(html));
    }

    public static ImportedPage parseHtml(Document document) {
        List<Element> order = document.getAllElements();
        Element h1 = titleHeading(document);
        String title = h1 != null ? clean(h1.text()) : metaTitle(document);
        Element marker = null;
        for (Element candidate : document.getElementsMatchingOwnText(RELATED_MARKER)) {
            if (isRelatedMarker(clean(candidate.ownText())) && clean(candidate.text()).length() <= 8
                    && (h1 == null || order.indexOf(candidate) > order.indexOf(h1))) {
                marker = candidate;
                break;
            }
        }
        BlockWalker walker = new BlockWalker(h1, marker);
        walker.walk(document.body() == null ? document : document.body());
        walker.flush();

        String timeText = null;
        List<PageBlock> body = new ArrayList<>(walker.body());
        for (String before : walker.beforeTitle()) {
            Matcher time = PUBLISH_TIME.matcher(before);
            if (time.find()) {
                timeText = time.group(1).strip();
                break;
            }
        }
        if (timeText == null) {
            for (int b = 0; b < body.size(); b++) {
                Matcher time = PUBLISH_TIME.matcher(body.get(b).text());
                if (time.find()) {
                    timeText = time.group(1).strip();
                    body.remove(b);
                    break;
                }
            }
        }
        List<String> related = marker == null ? List.of() : relatedTitles(marker);
        return assemble(title == null || title.isEmpty() ? null : title, timeText, body, related);
    }

    /** The publish time written after 发布时间, or null when it is not a valid yyyy-MM-dd HH:mm[:ss]. */
    public static LocalDateTime parsePublishTime(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DATE_TIME.matcher(text.strip());
        if (!m.lookingAt()) {
            return null;
        }
        try {
            return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Applies the heading rules to the paragraphs and puts the page together. */
    private static ImportedPage assemble(String title, String timeText, List<PageBlock> blocks, List<String> related) {
        List<PageBlock> body = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            PageBlock block = blocks.get(i);
            PageBlock next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
            boolean paragraph = block.kind() == PageBlock.Kind.PARAGRAPH;
            if (paragraph && isStepHeading(block.text())) {
                body.add(PageBlock.heading(2, block.text()));
            } else if (paragraph && isShortLine(block.text()) && next != null && !next.isHeading()
                    && !isShortLine(next.text()) && !isStepHeading(next.text())) {
                body.add(PageBlock.heading(2, block.text()));
            } else {
                body.add(block);
            }
        }
        return new ImportedPage(title, parsePublishTime(timeText), timeText, List.copyOf(body), List.copyOf(related));
    }

    private static boolean isStepHeading(String text) {
        return text.indexOf('\n') < 0 && text.codePointCount(0, text.length()) <= LONGEST_STEP_HEADING
                && STEP.matcher(text).matches() && !text.endsWith("。");
    }

    private static boolean isShortLine(String text) {
        if (text.isEmpty() || text.indexOf('\n') >= 0 || text.codePointCount(0, text.length()) > SHORT_LINE) {
            return false;
        }
        return text.chars().noneMatch(c -> SENTENCE_PUNCTUATION.indexOf(c) >= 0);
    }

    private static boolean isRelatedMarker(String line) {
        return RELATED_MARKER.matcher(line).matches();
    }

    static boolean isToTop(String line) {
        return TO_TOP.matcher(line).matches();
    }

    /** Whitespace of any kind (tabs, no-break and ideographic spaces) as single spaces, trimmed. */
    static String clean(String text) {
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    private static void flush(List<String> lines, List<PageBlock> body) {
        if (!lines.isEmpty()) {
            body.add(PageBlock.paragraph(String.join("\n", lines)));
            lines.clear();
        }
    }

    private static List<String> distinct(List<String> titles) {
        return List.copyOf(new LinkedHashSet<>(titles));
    }

    /** The article's h1: the only one, or the one inside the article or main element, or the first. */
    private static Element titleHeading(Document document) {
        List<Element> headings = document.select("h1").stream()
                .filter(h -> !clean(h.text()).isEmpty() && !insideDropped(h)).toList();
        if (headings.size() <= 1) {
            return headings.isEmpty() ? null : headings.get(0);
        }
        return headings.stream().filter(h -> !h.parents().select("article, main").isEmpty()).findFirst()
                .orElse(headings.get(0));
    }

    private static String metaTitle(Document document) {
        Element og = document.selectFirst("meta[property=og:title][content]");
        String title = og != null ? clean(og.attr("content")) : clean(document.title());
        return title.isEmpty() ? null : title;
    }

    private static boolean insideDropped(Element element) {
        for (Element e = element; e != null; e = e.parent()) {
            if (DROPPED.contains(e.normalName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The titles after the 相关内容 marker: the items (or links) of the first list that follows it,
     * else the links or the lines of the blocks that follow, up to a heading or To Top. When the
     * marker has nothing after it inside its parent (a {@code <span>} in a title bar), its parent's
     * followers are looked at.
     */
    private static List<String> relatedTitles(Element marker) {
        for (Element scope = marker; scope != null && !scope.normalName().equals("body"); scope = scope.parent()) {
            List<String> titles = new ArrayList<>();
            for (Element sibling : scope.nextElementSiblings()) {
                if (DROPPED.contains(sibling.normalName()) && !sibling.normalName().equals("aside")
                        && !sibling.normalName().equals("nav")) {
                    continue;
                }
                if (isToTop(clean(sibling.text())) || sibling.normalName().matches("h[1-6]")) {
                    break;
                }
                Elements items = sibling.is("li") ? new Elements(sibling) : sibling.select("li");
                if (!items.isEmpty()) {
                    for (Element item : items) {
                        Element link = item.selectFirst("a");
                        addTitle(titles, link != null ? link.text() : item.text());
                    }
                    break;
                }
                Elements links = sibling.is("a") ? new Elements(sibling) : sibling.select("a");
                if (!links.isEmpty()) {
                    links.forEach(link -> addTitle(titles, link.text()));
                    if (!sibling.is("a")) {
                        break;
                    }
                    continue;
                }
                for (String line : lines(sibling)) {
                    addTitle(titles, line);
                }
            }
            if (!titles.isEmpty()) {
                return distinct(titles);
            }
        }
        return List.of();
    }

    private static void addTitle(List<String> titles, String text) {
        String title = clean(text);
        if (!title.isEmpty() && !isToTop(title)) {
            titles.add(title);
        }
    }

    /** An element's text split where {@code <br>} or a block breaks it. */
    private static List<String> lines(Element element) {
        BlockWalker walker = new BlockWalker(null, null);
        walker.walk(element);
        walker.flush();
        return walker.body().stream().map(PageBlock::text).toList();
    }
}
