package dev.cms.admin.batch;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) during a long command. The JVM runs its shutdown hooks and then halts, which
 * would cut a command off mid-batch; instead the hook asks the command to stop and waits for it to
 * finish undoing what it started (a transaction rolled back, a half-written file deleted). A
 * command calls {@link #check()} between batches; the main method calls {@link #finished()} once
 * the command ended, whichever way, and the database is closed.
 */
public final class Interruption {

    /** How long the hook waits for a command to clean up before letting the JVM halt anyway. */
    private static final long WAIT_SECONDS = 60;

    private volatile boolean requested;
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Thrown by {@link #check()} once an interruption was asked for. */
    public static final class InterruptedCommandException extends RuntimeException {
        InterruptedCommandException() {
            super("interrupted");
        }
    }

    /** An interruption that Ctrl-C and SIGTERM request, for a command run as the process's main job. */
    public static Interruption onShutdown() {
        Interruption interruption = new Interruption();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            interruption.request();
            try {
                interruption.finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cms-admin-interrupt"));
        return interruption;
    }

    /** Asks the running command to stop at its next {@link #check()}. */
    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }

    /** Stops the command here, by throwing, if an interruption was asked for. */
    public void check() {
        if (requested) {
            throw new InterruptedCommandException();
        }
    }

    /** The command ended (done, failed or interrupted) and left nothing half-written. */
    public void finished() {
        finished.countDown();
    }
}
