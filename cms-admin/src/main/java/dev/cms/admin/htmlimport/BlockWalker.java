package dev.cms.admin.htmlimport;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the body of an HTML page into blocks: inline content between block elements becomes
 * paragraphs (one per line where {@code <br>} breaks it), headings stay headings, list items
 * become items. Stops at the 相关内容 marker; content before the title goes to beforeTitle.
 */
final class BlockWalker {

    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "header", "footer",
            "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td",
            "th", "caption", "figure", "figcaption", "hr", "center", "address", "details", "summary", "body",
            "h1", "h2", "h3", "h4", "h5", "h6");

    private final Element title;
    private final Element marker;
    private final List<PageBlock> body = new ArrayList<>();
    private final List<String> beforeTitle = new ArrayList<>();
    private final StringBuilder run = new StringBuilder();
    private PageBlock.Kind runKind = PageBlock.Kind.PARAGRAPH;
    private boolean started;
    private boolean stopped;

    BlockWalker(Element title, Element marker) {
        this.title = title;
        this.marker = marker;
        this.started = title == null;
    }

    void walk(Node node) {
        for (Node child : node.childNodes()) {
            if (stopped) {
                return;
            }
            if (child instanceof TextNode text) {
                run.append(PageParser.SPACES.matcher(text.getWholeText()).replaceAll(" "));
            } else if (child instanceof Element element) {
                element(element);
            }
        }
    }

    private void element(Element element) {
        String tag = element.normalName();
        if (element == marker) {
            flush();
            stopped = true;
            return;
        }
        if (element == title) {
            flush();
            started = true;
            return;
        }
        boolean holdsMarker = marker != null && contains(element, marker);
        boolean holdsTitle = title != null && contains(element, title);
        if (element.hasAttr("hidden") || PageParser.DROPPED.contains(tag)
                || ((tag.equals("header") || tag.equals("footer")) && !holdsMarker && !holdsTitle)) {
            return;
        }
        if (tag.equals("br")) {
            run.append('\n');
        } else if (tag.matches("h[1-6]") && !holdsMarker && !holdsTitle) {
            flush();
            String text = PageParser.clean(element.text());
            if (!text.isEmpty() && !PageParser.isToTop(text)) {
                emit(PageBlock.heading(tag.charAt(1) - '0', text));
            }
        } else if (tag.equals("a") && element.attr("href").equals("#top")) {
            return;
        } else if (BLOCKS.contains(tag)) {
            flush();
            PageBlock.Kind outer = runKind;
            if (tag.equals("li")) {
                runKind = PageBlock.Kind.ITEM;
            }
            walk(element);
            flush();
            runKind = outer;
        } else {
            walk(element);
        }
    }

    List<PageBlock> body() {
        return body;
    }

    /** The text that came before the title, one line a block (where the publish time usually is). */
    List<String> beforeTitle() {
        return beforeTitle;
    }

    void flush() {
        for (String line : run.toString().split("\n")) {
            String text = PageParser.clean(line);
            if (!text.isEmpty() && !PageParser.isToTop(text)) {
                emit(runKind == PageBlock.Kind.ITEM ? PageBlock.item(text) : PageBlock.paragraph(text));
            }
        }
        run.setLength(0);
    }

    private void emit(PageBlock block) {
        if (started) {
            body.add(block);
        } else {
            beforeTitle.add(block.text());
        }
    }

    private static boolean contains(Element ancestor, Element descendant) {
        for (Element e = descendant; e != null; e = e.parent()) {
            if (e == ancestor) {
                return true;
            }
        }
        return false;
    }
}
