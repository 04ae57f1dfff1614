package dev.cms.admin.cli;

import dev.cms.admin.archive.SiteExporter;
import dev.cms.admin.archive.SiteExporter.Exported;
import dev.cms.core.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code export}: the whole site into one archive file (see cms-admin/ARCHIVE-FORMAT.md). The
 * archive is written to a temporary file next to the output and renamed at the end, so an
 * interrupted or failed export leaves no half-written archive.
 */
@Command(name = "export", sortOptions = false,
        description = {"Write the whole site into one archive file: topics, users (without password hashes unless"
                + " asked), articles with their revisions, related pins and exclusions, redirects, media records"
                + " and files. Read in one consistent snapshot while the site keeps serving.",
            "Import it into this or another site with 'import'."})
final class ExportCommand implements Callable<Integer> {

    static final String ACTOR = "command-line";

    @ParentCommand
    private AdminCommandLine commandLine;

    @Spec
    private CommandSpec spec;

    @Option(names = {"--output", "-o"}, required = true, paramLabel = "FILE", description = "The archive to write (a .zip).")
    private Path output;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    private boolean force;

    @Option(names = "--include-password-hashes", description = "Also export the users' bcrypt password hashes, so they"
            + " can sign in to the imported site with their passwords. Keep such an archive secret.")
    private boolean passwordHashes;

    @Override
    public Integer call() {
        Path target = output.toAbsolutePath();
        if (Files.exists(target) && !force) {
            throw new ParameterException(spec.commandLine(), target + " exists: choose another --output, or add --force"
                    + " to replace it");
        }
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw new ParameterException(spec.commandLine(), "no folder " + target.getParent() + " for --output");
        }
        long started = System.nanoTime();
        Path temporary;
        try {
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + target.getParent(), e);
        }
        try {
            Exported exported;
            try (OutputStream out = Files.newOutputStream(temporary)) {
                exported = commandLine.bean(SiteExporter.class).export(out, passwordHashes, commandLine.err(),
                        commandLine.interruption());
            }
            commandLine.interruption().check();
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String counts = exported.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", "));
            commandLine.bean(AuditLog.class).record(ACTOR, "export", "archive " + target.getFileName(),
                    (passwordHashes ? "with password hashes; " : "") + counts, "");
            commandLine.out().printf(Locale.ROOT, "Exported %s to %s (%,d bytes) in %.1f s%s.%n", counts, target,
                    Files.size(target), (System.nanoTime() - started) / 1e9,
                    passwordHashes ? "; it holds password hashes: keep it secret" : "");
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // already moved, or nothing more to do
            }
        }
    }
}
