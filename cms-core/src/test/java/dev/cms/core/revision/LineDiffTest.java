package dev.cms.core.revision;

import dev.cms.core.revision.LineDiff.Kind;
import dev.cms.core.revision.LineDiff.Line;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the revision page shows an editor: which lines a revision kept, removed and added, in reading order. */
class LineDiffTest {

    private static Line same(String text) {
        return new Line(Kind.SAME, text);
    }

    private static Line removed(String text) {
        return new Line(Kind.REMOVED, text);
    }

    private static Line added(String text) {
        return new Line(Kind.ADDED, text);
    }

    @Test
    void identicalTextsAreAllKept() {
        assertEquals(List.of(same("## 第一步"), same(""), same("正文")), LineDiff.between("## 第一步\n\n正文", "## 第一步\n\n正文"));
    }

    @Test
    void twoEmptyTextsAreOneKeptEmptyLine() {
        assertEquals(List.of(same("")), LineDiff.between("", ""));
    }

    @Test
    void aTextWrittenIntoAnEmptyOneReplacesItsOnlyLine() {
        assertEquals(List.of(removed(""), added("甲"), added("乙")), LineDiff.between("", "甲\n乙"));
        assertEquals(List.of(removed("甲"), removed("乙"), added("")), LineDiff.between("甲\n乙", ""));
    }

    @Test
    void insertedLinesAreAddedWhereTheyWereWritten() {
        assertEquals(List.of(same("a"), added("x"), added("y"), same("b"), same("c"), added("z")),
                LineDiff.between("a\nb\nc", "a\nx\ny\nb\nc\nz"));
        assertEquals(List.of(added("first"), same("a")), LineDiff.between("a", "first\na"));
    }

    @Test
    void deletedLinesAreRemovedWhereTheyWere() {
        assertEquals(List.of(removed("a"), same("b"), removed("c"), removed("d"), same("e")),
                LineDiff.between("a\nb\nc\nd\ne", "b\ne"));
    }

    @Test
    void aChangedLineIsRemovedThenAdded() {
        assertEquals(List.of(same("a"), removed("b"), added("B"), same("c")), LineDiff.between("a\nb\nc", "a\nB\nc"));
    }

    @Test
    void aChangedBlockShowsAllItsRemovedLinesBeforeItsAddedOnes() {
        assertEquals(List.of(same("## 标题"), removed("旧一"), removed("旧二"), added("新一"), added("新二"), added("新三"),
                        same("结尾")),
                LineDiff.between("## 标题\n旧一\n旧二\n结尾", "## 标题\n新一\n新二\n新三\n结尾"));
    }

    @Test
    void aFinalNewlineIsALineOfItsOwn() {
        assertEquals(List.of(same("a"), added("")), LineDiff.between("a", "a\n"));
    }

    @Test
    void everyLineOfBothTextsIsShownOnceInOrder() {
        String oldText = "a\nb\nc\nd\ne\nf\ng";
        String newText = "a\nc\nX\nd\ne\nY\ng\nh";
        List<Line> diff = LineDiff.between(oldText, newText);

        assertEquals(oldText, text(diff, Kind.ADDED));
        assertEquals(newText, text(diff, Kind.REMOVED));
        assertEquals(List.of("a", "c", "d", "e", "g"), texts(diff, Kind.SAME), "the longest run of kept lines");
    }

    @Test
    void aFewEditsToFiveThousandLinesAreFoundQuicklyWithoutAQuadraticTable() {
        List<String> lines = IntStream.range(0, 5_000).mapToObj(i -> "第 " + i + " 行").collect(Collectors.toList());
        List<String> edited = new ArrayList<>(lines);
        edited.set(10, "改过的第 10 行");
        edited.remove(2_500);
        edited.add(4_000, "新加的一行");
        edited.add("最后加的一行");
        String oldText = String.join("\n", lines);
        String newText = String.join("\n", edited);

        long allocatedBefore = allocatedBytes();
        List<Line> diff = assertTimeout(Duration.ofSeconds(2), () -> LineDiff.between(oldText, newText));
        long allocated = allocatedBytes() - allocatedBefore;

        assertEquals(List.of("第 10 行", "第 2500 行"), texts(diff, Kind.REMOVED));
        assertEquals(List.of("改过的第 10 行", "新加的一行", "最后加的一行"), texts(diff, Kind.ADDED));
        assertEquals(4_998, texts(diff, Kind.SAME).size());
        assertEquals(oldText, text(diff, Kind.ADDED));
        assertEquals(newText, text(diff, Kind.REMOVED));
        // A table of 5,000 x 5,000 ints alone is 100 MB; the texts, lines and result are a few.
        assertTrue(allocated < 20_000_000L, "allocated " + allocated + " bytes");
    }

    @Test
    void fiveThousandLinesRewrittenThroughoutAreStillComparedLineByLine() {
        String oldText = original(5_000);
        String newText = rewritten(5_000);

        List<Line> diff = assertTimeout(Duration.ofSeconds(10), () -> LineDiff.between(oldText, newText));

        assertEquals(50, texts(diff, Kind.SAME).size(), "the lines left as they were are found");
        assertEquals(oldText, text(diff, Kind.ADDED));
        assertEquals(newText, text(diff, Kind.REMOVED));
    }

    @Test
    void longTextsRewrittenThroughoutAreShownAsReplacedAsAWholeInBoundedTime() {
        String oldText = original(20_000);
        String newText = rewritten(20_000);

        // Compared line by line this would take some 800 million comparisons; the budget is 100 million.
        List<Line> diff = assertTimeout(Duration.ofSeconds(10), () -> LineDiff.between(oldText, newText));

        assertEquals(List.of(), texts(diff, Kind.SAME));
        assertEquals(oldText, text(diff, Kind.ADDED));
        assertEquals(newText, text(diff, Kind.REMOVED));
    }

    @Test
    void textsTooCostlyToCompareAreShownAsReplacedAsAWhole() {
        List<Line> diff = LineDiff.between("a\nb\nc\nd", "x\nb\ny\nd", 3);

        assertEquals(List.of(removed("a"), removed("b"), removed("c"), removed("d"),
                added("x"), added("b"), added("y"), added("d")), diff);
    }

    private static String original(int lines) {
        return IntStream.range(0, lines).mapToObj(i -> "旧的第 " + i + " 行").collect(Collectors.joining("\n"));
    }

    /** Every line of {@link #original} changed but one in a hundred. */
    private static String rewritten(int lines) {
        return IntStream.range(0, lines).mapToObj(i -> (i % 100 == 0 ? "旧" : "新") + "的第 " + i + " 行")
                .collect(Collectors.joining("\n"));
    }

    /** One side of the comparison put back together: every line but those of the other side. */
    private static String text(List<Line> diff, Kind otherSide) {
        return diff.stream().filter(l -> l.kind() != otherSide).map(Line::text).collect(Collectors.joining("\n"));
    }

    private static List<String> texts(List<Line> diff, Kind kind) {
        return diff.stream().filter(l -> l.kind() == kind).map(Line::text).toList();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
