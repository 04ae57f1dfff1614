package dev.cms.admin.cli;

import dev.cms.admin.archive.SiteImporter;
import dev.cms.admin.archive.SiteImporter.Counts;
import dev.cms.admin.archive.SiteImporter.InvalidArchiveException;
import dev.cms.admin.archive.SiteImporter.Report;
import dev.cms.admin.batch.BacklogDrain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code import}: an archive written by {@code export} into this site, empty or not. The whole
 * archive is checked first and nothing is written if any item is wrong; then everything is
 * written in one transaction. Items are matched by slug, username and media path, so a second
 * import of the same archive changes nothing.
 */
@Command(name = "import", sortOptions = false,
        description = {"Import a site archive written by 'export' into this site (empty or not).",
            "The whole archive is checked first (checksums, format version, every item and reference); if anything"
                + " is wrong, the errors are listed by entry and line and nothing is written. Then everything is"
                + " written in one transaction: all or nothing. Topics, users, articles and media are matched by"
                + " slug, username and path: importing the same archive again changes nothing.",
            "Then the related lists the import reaches are recomputed, a committed batch of 1,000 at a time; if"
                + " that is interrupted, the lists still to do wait and a running node (or 'related') finishes them.",
            "Exit status: 0 imported, 1 refused or failed (nothing written), 130 interrupted (nothing written, or,"
                + " once the content is committed, only related lists left to recompute)."})
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    private AdminCommandLine commandLine;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive file (.zip) to import.")
    private Path archive;

    @Option(names = "--dry-run", description = "Check the archive and report what would change, writing nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        PrintWriter out = commandLine.out();
        Report report;
        try {
            report = commandLine.bean(SiteImporter.class).importArchive(archive, dryRun, commandLine.err(),
                    commandLine.interruption());
        } catch (InvalidArchiveException e) {
            PrintWriter err = commandLine.err();
            err.println("cms-admin: import refused " + archive + ": " + e.getMessage());
            e.errors().forEach(error -> err.println("  " + error));
            if (e.total() > e.errors().size()) {
                err.printf(Locale.ROOT, "  ... and %,d more%n", e.total() - e.errors().size());
            }
            return 1;
        } catch (RuntimeException e) {
            if (e.getClass().getSimpleName().equals("DamagedArchiveException")) {
                commandLine.err().println("cms-admin: import refused " + archive + ": " + e.getMessage()
                        + "; nothing was imported");
                return 1;
            }
            throw e;
        }
        out.println((dryRun ? "Dry run, nothing written; importing " : "Imported ") + archive
                + (dryRun ? " would give:" : ":"));
        for (Map.Entry<String, Counts> e : report.counts().entrySet()) {
            out.printf("  %-17s %s%n", e.getKey(), e.getValue());
        }
        report.notes().forEach(note -> out.println("Note: " + note + "."));
        if (!dryRun && report.changed()) {
            boolean interrupted = BacklogDrain.report(report.related(), "import", started, out, commandLine.err(),
                    commandLine.interruption());
            out.println("Search: every running node rebuilds its search index within CMS_SEARCH_CATCH_UP_INTERVAL;"
                    + " with no node running, run 'reindex' (or start the node, which catches up by itself).");
            if (interrupted) {
                return AdminCommandLine.INTERRUPTED;
            }
        } else if (!dryRun) {
            out.println("Nothing changed: the site already holds everything in the archive.");
        }
        return 0;
    }
}
