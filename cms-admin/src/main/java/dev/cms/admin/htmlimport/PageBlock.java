package dev.cms.admin.htmlimport;

/** One block of an imported page's body, in reading order: a heading, a paragraph or a list item. */
public record PageBlock(Kind kind, int level, String text) {

    public enum Kind { HEADING, PARAGRAPH, ITEM }

    public static PageBlock heading(int level, String text) {
        return new PageBlock(Kind.HEADING, Math.max(2, Math.min(level, 6)), text);
    }

    public static PageBlock paragraph(String text) {
        return new PageBlock(Kind.PARAGRAPH, 0, text);
    }

    public static PageBlock item(String text) {
        return new PageBlock(Kind.ITEM, 0, text);
    }

    public boolean isHeading() {
        return kind == Kind.HEADING;
    }
}
