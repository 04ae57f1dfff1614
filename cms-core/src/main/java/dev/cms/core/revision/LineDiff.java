package dev.cms.core.revision;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-by-line comparison of two texts (longest common subsequence), what an editor needs to
 * see what a revision changed. Texts too long for the quadratic table are compared as a whole.
 */
public final class LineDiff {

    private static final long MAX_CELLS = 4_000_000L;

    /** One line of the comparison. */
    public record Line(Kind kind, String text) {
    }

    /** Whether a line is in both texts, only the old one or only the new one. */
    public enum Kind { SAME, REMOVED, ADDED }

    private LineDiff() {
    }

    public static List<Line> between(String oldText, String newText) {
        String[] a = oldText.split("\n", -1);
        String[] b = newText.split("\n", -1);
        List<Line> lines = new ArrayList<>();
        if ((long) a.length * b.length > MAX_CELLS) {
            for (String line : a) {
                lines.add(new Line(Kind.REMOVED, line));
            }
            for (String line : b) {
                lines.add(new Line(Kind.ADDED, line));
            }
            return lines;
        }
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                lines.add(new Line(Kind.SAME, a[i++]));
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                lines.add(new Line(Kind.REMOVED, a[i++]));
            } else {
                lines.add(new Line(Kind.ADDED, b[j++]));
            }
        }
        while (i < a.length) {
            lines.add(new Line(Kind.REMOVED, a[i++]));
        }
        while (j < b.length) {
            lines.add(new Line(Kind.ADDED, b[j++]));
        }
        return lines;
    }
}
