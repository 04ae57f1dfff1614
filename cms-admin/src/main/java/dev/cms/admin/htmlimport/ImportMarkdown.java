package dev.cms.admin.htmlimport;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes an imported page's body as the Markdown editors write: {@code ## heading} lines, plain
 * paragraphs, {@code - } list items. Imported text is text: every character Markdown would read as
 * markup (emphasis, links, images, code, raw HTML, entities, a heading or list at the start of a
 * line) is backslash-escaped, so the page shows exactly what the source page showed.
 */
public final class ImportMarkdown {

    /** Characters escaped wherever they are. */
    private static final String INLINE_SPECIAL = "\\`*_[]<>&#|~";
    /** Characters that start a list, a setext underline or a rule at the beginning of a line. */
    private static final String LINE_START_SPECIAL = "-+=";
    private static final Pattern ORDERED_LIST_START = Pattern.compile("\\d{1,9}[.)].*", Pattern.DOTALL);

    private ImportMarkdown() {
    }

    public static String of(List<PageBlock> blocks) {
        StringBuilder markdown = new StringBuilder();
        PageBlock.Kind previous = null;
        for (PageBlock block : blocks) {
            if (previous != null) {
                // Items of one list are one line apart; every other pair of blocks a blank line.
                markdown.append(previous == PageBlock.Kind.ITEM && block.kind() == PageBlock.Kind.ITEM ? "\n" : "\n\n");
            }
            switch (block.kind()) {
                case HEADING -> markdown.append("#".repeat(block.level())).append(' ')
                        .append(escapeLine(block.text().replace('\n', ' ')));
                case ITEM -> markdown.append("- ").append(escapeLine(block.text().replace('\n', ' ')));
                case PARAGRAPH -> markdown.append(escapeParagraph(block.text()));
            }
            previous = block.kind();
        }
        return markdown.isEmpty() ? "" : markdown.append('\n').toString();
    }

    static String escapeParagraph(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(escapeLine(stripped));
        }
        return out.toString();
    }

    /** One line of text as Markdown that renders to exactly that text. */
    static String escapeLine(String line) {
        StringBuilder out = new StringBuilder(line.length() + 8);
        if (!line.isEmpty() && LINE_START_SPECIAL.indexOf(line.charAt(0)) >= 0) {
            out.append('\\');
        }
        boolean orderedListStart = ORDERED_LIST_START.matcher(line).matches();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (INLINE_SPECIAL.indexOf(c) >= 0
                    || (orderedListStart && (c == '.' || c == ')') && onlyDigitsBefore(line, i))) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean onlyDigitsBefore(String line, int index) {
        for (int i = 0; i < index; i++) {
            if (!Character.isDigit(line.charAt(i)) || line.charAt(i) > '9') {
                return false;
            }
        }
        return index > 0;
    }
}
