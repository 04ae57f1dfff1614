package dev.cms.admin.cli;

import dev.cms.admin.batch.Interruption;
import dev.cms.admin.batch.Progress;
import dev.cms.core.related.RelatedBacklog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code related}: recomputes the stored 相关内容 lists waiting in the backlog (left by an
 * interrupted import), or, with {@code --all}, every published article's list (after changing
 * CMS_RELATED_LIMIT, say). A committed batch at a time; Ctrl-C keeps what is done.
 */
@Command(name = "related", sortOptions = false,
        description = {"Recompute stored related lists (相关内容): those left waiting by an interrupted import, or"
                + " with --all every published article's list.",
            "Works a committed batch of 1,000 lists at a time while the site serves; Ctrl-C keeps the batches done"
                + " and the rest wait (a running node also finishes them, within CMS_RELATED_BACKLOG_INTERVAL).",
            "Exit status: 0 done (or another process is doing it), 130 interrupted (the rest wait)."})
final class RelatedCommand implements Callable<Integer> {

    @ParentCommand
    private AdminCommandLine commandLine;

    @Option(names = "--all", description = "Recompute every published article's list, not only the waiting ones.")
    private boolean all;

    @Option(names = "--status", description = "Only say how many lists wait and who is recomputing them.")
    private boolean status;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        PrintWriter out = commandLine.out();
        RelatedBacklog backlog = commandLine.bean(RelatedBacklog.class);
        if (status) {
            String holder = backlog.holder();
            out.printf(Locale.ROOT, "%,d related lists wait%s.%n", backlog.waiting(),
                    holder == null ? "" : "; being recomputed by " + holder);
            return 0;
        }
        if (all) {
            out.printf(Locale.ROOT, "Queued %,d more published articles' lists.%n", backlog.addAllPublished());
        }
        long waiting = backlog.waiting();
        if (waiting == 0) {
            out.println("No related lists wait: every stored list is current.");
            return 0;
        }
        Progress progress = new Progress(commandLine.err(), "recomputed", "related lists", waiting);
        Interruption interruption = commandLine.interruption();
        RelatedBacklog.Drained drained = backlog.drain(RelatedBacklog.processName("related command"),
                progress::advance, interruption::requested);
        if (drained.heldElsewhere()) {
            out.printf(Locale.ROOT, "%,d related lists wait and are being recomputed by %s; nothing to do here.%n",
                    drained.waiting(), drained.heldBy());
            return 0;
        }
        out.printf(Locale.ROOT, "Recomputed %,d related lists in %.1f s; %,d wait.%n", drained.recomputed(),
                (System.nanoTime() - started) / 1e9, drained.waiting());
        if (drained.waiting() > 0 && interruption.requested()) {
            commandLine.err().println("cms-admin: related interrupted; the lists recomputed so far are kept and the"
                    + " rest wait");
            return AdminCommandLine.INTERRUPTED;
        }
        return 0;
    }
}
