package dev.cms.core.revision;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import com.github.difflib.patch.DeltaType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * A line-by-line comparison of two texts, what an editor needs to see what a revision changed:
 * every line of both texts once, in reading order, with the lines a change removed before the
 * ones it added.
 *
 * <p>The comparison is java-diff-utils' Myers diff in linear space: memory grows with the number
 * of lines, and time with the lines times the size of the change, so a small edit to a long
 * article is compared at once (5,000 lines with a few edits: a few milliseconds). Only long texts
 * that differ almost everywhere make that product large: 5,000 lines rewritten throughout take
 * about 50 million line comparisons, half a second; past twice that, the two texts are shown as
 * one removed and one added block, so a revision page never ties up a request thread.
 */
public final class LineDiff {

    /** Line comparisons allowed before the texts count as replaced as a whole. */
    static final long MAX_COMPARISONS = 100_000_000L;

    /** One line of the comparison. */
    public record Line(Kind kind, String text) {
    }

    /** Whether a line is in both texts, only the old one or only the new one. */
    public enum Kind { SAME, REMOVED, ADDED }

    private LineDiff() {
    }

    public static List<Line> between(String oldText, String newText) {
        return between(oldText, newText, MAX_COMPARISONS);
    }

    static List<Line> between(String oldText, String newText, long maxComparisons) {
        List<String> a = Arrays.asList(oldText.split("\n", -1));
        List<String> b = Arrays.asList(newText.split("\n", -1));
        List<Change> changes;
        try {
            changes = new ArrayList<>(new MyersDiffWithLinearSpace<>(new Budget(maxComparisons)).computeDiff(a, b, null));
        } catch (OverBudget e) {
            changes = new ArrayList<>(List.of(new Change(DeltaType.CHANGE, 0, a.size(), 0, b.size())));
        }
        changes.sort(Comparator.comparingInt((Change c) -> c.startOriginal).thenComparingInt(c -> c.startRevised));

        List<Line> lines = new ArrayList<>(a.size() + b.size());
        List<Line> added = new ArrayList<>();
        int i = 0;
        for (Change change : changes) {
            if (i < change.startOriginal) {
                // Unchanged lines end a block of removed lines: its added lines follow them.
                lines.addAll(added);
                added.clear();
            }
            for (; i < change.startOriginal; i++) {
                lines.add(new Line(Kind.SAME, a.get(i)));
            }
            for (; i < change.endOriginal; i++) {
                lines.add(new Line(Kind.REMOVED, a.get(i)));
            }
            for (int j = change.startRevised; j < change.endRevised; j++) {
                added.add(new Line(Kind.ADDED, b.get(j)));
            }
        }
        if (i < a.size()) {
            lines.addAll(added);
            added.clear();
        }
        for (; i < a.size(); i++) {
            lines.add(new Line(Kind.SAME, a.get(i)));
        }
        lines.addAll(added);
        return lines;
    }

    /** Line equality that gives up once the comparison has cost more than it may. */
    private static final class Budget implements BiPredicate<String, String> {

        private long left;

        Budget(long comparisons) {
            left = comparisons;
        }

        @Override
        public boolean test(String x, String y) {
            if (--left < 0) {
                throw new OverBudget();
            }
            return x.equals(y);
        }
    }

    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }
}
