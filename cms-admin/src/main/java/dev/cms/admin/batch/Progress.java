package dev.cms.admin.batch;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What a long command has done so far, on standard error: how many items of how many, the rate,
 * and the time left, at most one line every {@link #INTERVAL_NANOS} so a log stays readable. An
 * operator watching a 100,000-article import sees it move; a script reading standard output sees
 * only the command's result.
 */
public final class Progress {

    static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final String doing;
    private final String unit;
    private final long total;
    private final LongSupplier nanoTime;
    private final long started;
    private long count;
    private long lastReport;

    /**
     * @param doing what is happening, as a participle ("imported")
     * @param unit  what is counted, plural ("articles")
     * @param total how many there are in all, or -1 when unknown (no time left is shown then)
     */
    public Progress(PrintWriter err, String doing, String unit, long total) {
        this(err, doing, unit, total, System::nanoTime);
    }

    Progress(PrintWriter err, String doing, String unit, long total, LongSupplier nanoTime) {
        this.err = err;
        this.doing = doing;
        this.unit = unit;
        this.total = total;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.lastReport = started;
    }

    /** Counts {@code items} more done, reporting if the last line is old enough. */
    public void advance(long items) {
        count += items;
        long now = nanoTime.getAsLong();
        if (now - lastReport >= INTERVAL_NANOS) {
            lastReport = now;
            err.println(line(now));
            err.flush();
        }
    }

    public long count() {
        return count;
    }

    /** Seconds since the start. */
    public double elapsedSeconds() {
        return (nanoTime.getAsLong() - started) / 1e9;
    }

    /** The current state as one line, e.g. {@code imported 2,000 of 10,000 articles (500/s, about 16 s left)}. */
    public String line() {
        return line(nanoTime.getAsLong());
    }

    private String line(long now) {
        double seconds = Math.max((now - started) / 1e9, 1e-9);
        double rate = count / seconds;
        StringBuilder line = new StringBuilder(doing).append(' ').append(String.format(Locale.ROOT, "%,d", count));
        if (total >= 0) {
            line.append(String.format(Locale.ROOT, " of %,d", total));
        }
        line.append(' ').append(unit).append(String.format(Locale.ROOT, " (%,.0f/s", rate));
        if (total >= 0 && count > 0 && count < total) {
            line.append(", about ").append(duration((total - count) / rate)).append(" left");
        }
        return line.append(')').toString();
    }

    static String duration(double seconds) {
        long s = Math.round(Math.ceil(seconds));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
