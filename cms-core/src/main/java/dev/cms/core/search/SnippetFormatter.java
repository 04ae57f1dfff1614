package dev.cms.core.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

import java.util.Arrays;

/**
 * Writes highlighter passages as HTML that is safe to print as it is: every character of the
 * article text is escaped, and the only markup is our own {@code <mark>} around matches and "…"
 * where text was left out. Passages longer than {@code maxChars} are cut around their first match.
 */
final class SnippetFormatter extends PassageFormatter {

    static final String ELLIPSIS = "…";
    private final int maxChars;

    SnippetFormatter(int maxChars) {
        this.maxChars = maxChars;
    }

    /** A snippet and whether it marks any match (a snippet of unmatched text is only a fallback). */
    record Snippet(String html, boolean marked) {
    }

    @Override
    public Snippet format(Passage[] passages, String content) {
        StringBuilder html = new StringBuilder();
        boolean marked = false;
        for (Passage passage : passages) {
            int[][] matches = sortedMatches(passage);
            int start = passage.getStartOffset();
            int end = passage.getEndOffset();
            if (end - start > maxChars) {
                int anchor = matches.length > 0 ? matches[0][0] : start;
                start = Math.max(start, Math.min(anchor - maxChars / 4, end - maxChars));
                end = Math.min(end, start + maxChars);
            }
            start = codePointStart(content, start);
            end = codePointEnd(content, end);
            while (start < end && Character.isWhitespace(content.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(content.charAt(end - 1))) {
                end--;
            }
            if (start >= end) {
                continue;
            }
            if (start > 0 && !endsWithEllipsis(html)) {
                html.append(ELLIPSIS);
            } else if (!html.isEmpty() && !endsWithEllipsis(html)) {
                html.append(' ');
            }
            int position = start;
            for (int i = 0; i < matches.length; i++) {
                int matchStart = Math.max(matches[i][0], position);
                int matchEnd = Math.min(matches[i][1], end);
                // Overlapping and touching matches (pairs of one run of characters) become one mark.
                while (i + 1 < matches.length && matches[i + 1][0] <= matchEnd) {
                    matchEnd = Math.max(matchEnd, Math.min(matches[++i][1], end));
                }
                if (matchEnd <= matchStart) {
                    continue;
                }
                escape(html, content, position, matchStart);
                html.append("<mark>");
                escape(html, content, matchStart, matchEnd);
                html.append("</mark>");
                marked = true;
                position = matchEnd;
            }
            escape(html, content, position, end);
            if (end < content.length()) {
                html.append(ELLIPSIS);
            }
        }
        return new Snippet(html.toString(), marked);
    }

    private static int[][] sortedMatches(Passage passage) {
        int[][] matches = new int[passage.getNumMatches()][];
        for (int i = 0; i < matches.length; i++) {
            matches[i] = new int[] {passage.getMatchStarts()[i], passage.getMatchEnds()[i]};
        }
        Arrays.sort(matches, (a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
        return matches;
    }

    /** Never cut a character outside the basic plane (an emoji, a rare Han character) in half. */
    private static int codePointStart(String content, int offset) {
        return offset > 0 && offset < content.length() && Character.isLowSurrogate(content.charAt(offset))
                && Character.isHighSurrogate(content.charAt(offset - 1)) ? offset - 1 : offset;
    }

    private static int codePointEnd(String content, int offset) {
        return offset > 0 && offset < content.length() && Character.isLowSurrogate(content.charAt(offset))
                && Character.isHighSurrogate(content.charAt(offset - 1)) ? offset + 1 : offset;
    }

    private static boolean endsWithEllipsis(StringBuilder html) {
        return html.length() > 0 && html.charAt(html.length() - 1) == ELLIPSIS.charAt(0);
    }

    static void escape(StringBuilder html, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
    }

    static String escape(String text) {
        StringBuilder html = new StringBuilder(text.length() + 16);
        escape(html, text, 0, text.length());
        return html.toString();
    }
}
