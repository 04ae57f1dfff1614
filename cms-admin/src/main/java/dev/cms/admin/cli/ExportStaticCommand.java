package dev.cms.admin.cli;

import dev.cms.admin.staticsite.StaticExport;
import dev.cms.admin.staticsite.StaticExport.Result;
import dev.cms.admin.staticsite.StaticSiteUrls;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.site.SiteSettings;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code export-static}: the public site as files in a folder, for any static web server or object
 * store. The node's own public site is started in this process on a free local port and every URL
 * of the site is fetched from it, so each file has the bytes a node serves; see {@link StaticExport}
 * for what a second run rewrites.
 */
@Command(name = "export-static", sortOptions = false,
        description = {"Write the public site into DIR as static files, for any static web server or object store.",
            "In it: home and list pages, every published article, topic and month pages, feeds, sitemaps,"
                + " robots.txt, icons, stylesheets, uploaded images with their narrower copies, and the 404 page"
                + " (404.html); not search, which answers each query afresh.",
            "A page at /articles/x is the file articles/x.html, the home page index.html: the README has the"
                + " nginx configuration that serves them at the node's URLs. Links use CMS_BASE_URL: set it to the"
                + " static site's address.",
            "Run again to update DIR: only files whose bytes changed are rewritten, files of pages no longer on"
                + " the site are removed (DIR/.cms-static.sha256 lists what the last run wrote). A failed or"
                + " interrupted run leaves DIR as it was."})
final class ExportStaticCommand implements Callable<Integer> {

    static final String ACTOR = "command-line";
    /** This process renders the pages: a few at once keep two cores busy without starving the database. */
    private static final int DEFAULT_PARALLEL = 4;

    @ParentCommand
    private AdminCommandLine commandLine;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR",
            description = "The folder to write: new, empty, or one an earlier export-static wrote.")
    private Path folder;

    @Option(names = "--parallel", paramLabel = "N", description = "Pages fetched at once (default: "
            + DEFAULT_PARALLEL + ").")
    private int parallel = DEFAULT_PARALLEL;

    @Override
    public Integer call() throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        if (parallel < 1 || parallel > 64) {
            throw new ParameterException(spec.commandLine(), "--parallel must be from 1 to 64, not " + parallel);
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new ParameterException(spec.commandLine(), target + " is a file, not a folder");
        }
        if (!StaticExport.isExportFolder(target)) {
            throw new ParameterException(spec.commandLine(), target + " holds files but no "
                    + ".cms-static.sha256 of an earlier export-static: choose a new or empty folder");
        }
        long started = System.nanoTime();
        EmbeddedServer server = commandLine.bean(EmbeddedServer.class);
        boolean ownServer = !server.isRunning();
        if (ownServer) {
            server.start();
        }
        Result result;
        try {
            URI address = URI.create("http://127.0.0.1:" + server.getPort());
            result = new StaticExport(commandLine.bean(StaticSiteUrls.class), address, target, parallel,
                    commandLine.err(), commandLine.interruption()).run();
        } finally {
            if (ownServer && server instanceof NettyEmbeddedServer netty) {
                // stop() would close the whole context too; the report below still needs it.
                netty.stopServerOnly();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String counts = String.format(Locale.ROOT, "%,d written, %,d unchanged, %,d removed", result.written(),
                result.unchanged(), result.removed());
        commandLine.bean(AuditLog.class).record(ACTOR, "export-static", "folder " + target, counts, "");
        commandLine.out().printf(Locale.ROOT, "Exported the public site to %s in %.1f s: %,d files (%,d bytes): %s"
                + " (%,d bytes written).%n", target, seconds, result.files(), result.bytes(), counts,
                result.bytesWritten());
        commandLine.out().printf("Links point to %s/ (CMS_BASE_URL). Not exported: search (/search answers each"
                + " query afresh).%n", commandLine.bean(SiteSettings.class).baseUrlNoSlash());
        return 0;
    }
}
