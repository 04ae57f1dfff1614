package dev.cms.admin.batch;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The progress lines an operator sees during a long command, on a clock the test moves. */
class ProgressTest {

    @Test
    void reportsCountRateAndTimeLeftAtMostEveryTwoSeconds() {
        StringWriter err = new StringWriter();
        AtomicLong now = new AtomicLong();
        Progress progress = new Progress(new PrintWriter(err), "imported", "articles", 10_000, now::get);

        now.set(1_000_000_000L);
        progress.advance(500);
        assertEquals("", err.toString(), "nothing before two seconds have passed");

        now.set(4_000_000_000L);
        progress.advance(1_500);
        assertEquals("imported 2,000 of 10,000 articles (500/s, about 16 s left)\n", err.toString());

        now.set(5_000_000_000L);
        progress.advance(1_000);
        assertEquals(1, err.toString().lines().count(), "one line per interval");
        assertEquals("imported 3,000 of 10,000 articles (600/s, about 12 s left)", progress.line());
    }

    @Test
    void unknownTotalShowsNoTimeLeft() {
        AtomicLong now = new AtomicLong();
        Progress progress = new Progress(new PrintWriter(new StringWriter()), "copied", "files", -1, now::get);
        now.set(2_000_000_000L);
        progress.advance(10);
        assertEquals("copied 10 files (5/s)", progress.line());
    }

    @Test
    void longWaitsReadInMinutesAndHours() {
        assertEquals("59 s", Progress.duration(58.2));
        assertEquals("2 min 05 s", Progress.duration(125));
        assertEquals("1 h 01 min", Progress.duration(3_700));
    }

    @Test
    void anInterruptionStopsTheCommandAtItsNextCheck() {
        Interruption interruption = new Interruption();
        interruption.check();
        interruption.request();
        assertThrows(Interruption.InterruptedCommandException.class, interruption::check);
    }
}
