package dev.cms.admin.cli;

import dev.cms.admin.batch.BacklogDrain;
import dev.cms.admin.htmlimport.HtmlImporter;
import dev.cms.admin.htmlimport.ImportReport;
import dev.cms.admin.htmlimport.ImportReport.FileResult;
import dev.cms.admin.htmlimport.ImportReport.Outcome;
import dev.cms.admin.htmlimport.SourceFile;
import dev.cms.core.article.ArticleValidator;
import dev.cms.core.topic.TopicService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code import-html}: existing article pages in the shape of the reference page (saved HTML or
 * its text) become articles, their 相关内容 titles related links; prints what happened to each
 * file. The run is one transaction: a failure to write or Ctrl-C leaves the site untouched.
 */
@Command(name = "import-html", sortOptions = false,
        description = {"Import article pages (saved .html/.htm pages or their .txt text): title, 发布时间 publish"
                + " time (in the site's time zone), body headings and paragraphs, and 相关内容 titles as related"
                + " links to the articles with exactly those titles (existing, or imported in the same run).",
            "Folders are read with their subfolders. Pages already in the site (same title and publish time)"
                + " are skipped, so a run can be repeated.",
            "The related lists the pages reach are recomputed once each after the commit, a committed batch of 1,000"
                + " at a time; Ctrl-C then keeps the pages, and a running node (or 'related') finishes the lists.",
            "Exit status: 0 when every page was imported or skipped for a stated reason, 1 when one failed, 130"
                + " interrupted (nothing written, or once the pages are committed, related lists left to recompute)."})
final class ImportHtmlCommand implements Callable<Integer> {

    private static final List<String> PAGE_EXTENSIONS = List.of(".html", ".htm", ".txt");

    @ParentCommand
    private AdminCommandLine commandLine;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR_OR_FILE",
            description = "Pages to import: files, or folders to search for *.html, *.htm and *.txt.")
    private List<Path> paths;

    @Option(names = "--topic", paramLabel = "<name>",
            description = "A topic every imported page gets (repeat for several).")
    private List<String> topics = new ArrayList<>();

    @Option(names = "--draft", description = "Import as drafts (default: published, or scheduled when the time"
            + " is in the future).")
    private boolean draft;

    @Option(names = "--publish-time-missing", paramLabel = "skip|now", defaultValue = "skip",
            description = "A page without 发布时间: skip it (default), or import it with the time of the import.")
    private String publishTimeMissing;

    @Option(names = "--dry-run", description = "Read and check everything, report what would happen, write nothing.")
    private boolean dryRun;

    @Option(names = "--report", paramLabel = "<file>",
            description = "Also write the report to this file, as tab-separated values (one row per page).")
    private Path reportFile;

    @Override
    public Integer call() {
        List<String> topicNames = topicNames();
        if (!publishTimeMissing.equals("skip") && !publishTimeMissing.equals("now")) {
            throw new ParameterException(spec.commandLine(),
                    "--publish-time-missing: 'skip' or 'now', not '" + publishTimeMissing + "'");
        }
        if (reportFile != null) {
            Path folder = reportFile.toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                throw new ParameterException(spec.commandLine(), "--report: no folder " + folder + " to write into");
            }
        }
        List<SourceFile> files = sourceFiles();
        if (files.isEmpty()) {
            commandLine.out().println("No .html, .htm or .txt files in " + String.join(", ",
                    paths.stream().map(Path::toString).toList()) + ": nothing to import.");
            return 0;
        }
        HtmlImporter.Options options = new HtmlImporter.Options(topicNames, draft, dryRun,
                publishTimeMissing.equals("now"));
        long started = System.nanoTime();
        ImportReport report = commandLine.bean(HtmlImporter.class).run(files, options, commandLine.err(),
                commandLine.interruption());
        print(report, commandLine.out(), reportFile != null);
        boolean interrupted = report.related() != null && BacklogDrain.report(report.related(), "import-html",
                started, commandLine.out(), commandLine.err(), commandLine.interruption());
        if (reportFile != null) {
            try {
                Files.writeString(reportFile, tsv(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                commandLine.err().println("cms-admin: import-html: could not write the report to " + reportFile + ": "
                        + e.getMessage() + (dryRun ? "" : " (the import itself is done)"));
                return 1;
            }
        }
        if (interrupted) {
            return AdminCommandLine.INTERRUPTED;
        }
        return report.count(Outcome.FAILED) > 0 ? 1 : 0;
    }

    private List<String> topicNames() {
        List<String> names = new ArrayList<>(new LinkedHashSet<>(topics.stream().map(String::strip).toList()));
        for (String name : names) {
            if (name.isEmpty() || name.length() > TopicService.MAX_NAME_LENGTH) {
                throw new ParameterException(spec.commandLine(), "--topic: a topic name is 1-"
                        + TopicService.MAX_NAME_LENGTH + " characters, not '" + name + "'");
            }
        }
        if (names.size() > ArticleValidator.MAX_TOPICS) {
            throw new ParameterException(spec.commandLine(), "--topic: at most " + ArticleValidator.MAX_TOPICS
                    + " topics per article");
        }
        return names;
    }

    /** The files named and the pages in the folders named, each once, folders in name order. */
    private List<SourceFile> sourceFiles() {
        Map<Path, SourceFile> files = new LinkedHashMap<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                files.putIfAbsent(path.toAbsolutePath().normalize(), new SourceFile(path, path.toString()));
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(ImportHtmlCommand::isPage)
                            .filter(p -> !hidden(path.relativize(p))).sorted()
                            .forEach(p -> files.putIfAbsent(p.toAbsolutePath().normalize(), new SourceFile(p, p.toString())));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else {
                throw new ParameterException(spec.commandLine(), "no such file or folder: " + path);
            }
        }
        return List.copyOf(files.values());
    }

    private static boolean isPage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return PAGE_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static void print(ImportReport report, PrintWriter out, boolean listsTitles) {
        String imported = report.dryRun() ? "would be imported" : "imported";
        for (FileResult file : report.files()) {
            switch (file.outcome()) {
                case IMPORTED -> out.println(file.file() + ": " + imported + " as /articles/" + file.slug() + " ("
                        + status(file) + (file.relatedTitles() == 0 ? "" : "; 相关内容: " + file.linked() + " of "
                        + file.relatedTitles() + " titles linked") + ")");
                case SKIPPED -> out.println(file.file() + ": skipped (" + file.reason() + ")");
                case FAILED -> out.println(file.file() + ": failed (" + file.reason() + ")");
            }
        }
        out.printf("%d pages: %d %s, %d skipped, %d failed%n", report.files().size(), report.count(Outcome.IMPORTED),
                imported, report.count(Outcome.SKIPPED), report.count(Outcome.FAILED));
        out.printf("相关内容: %d titles linked, %d not found in the site%n", report.linked(), report.notFound());
        if (report.notFound() > 0 && !listsTitles) {
            out.println("(--report FILE lists the titles not found, page by page)");
        }
        if (report.dryRun()) {
            out.println("Dry run: nothing was written.");
        }
    }

    private static String status(FileResult file) {
        return switch (file.status()) {
            case "PUBLISHED" -> "published " + file.publishTime();
            case "SCHEDULED" -> "scheduled for " + file.publishTime();
            default -> "draft, publish time " + file.publishTime();
        };
    }

    /** The report as tab-separated values: a header, then one row per file. */
    static String tsv(ImportReport report) {
        StringBuilder tsv = new StringBuilder("file\tresult\treason\ttitle\turl\tstatus\tpublish_time"
                + "\trelated_titles\trelated_linked\trelated_not_found\n");
        for (FileResult file : report.files()) {
            List<String> cells = List.of(file.file(), file.outcome().name().toLowerCase(Locale.ROOT),
                    nullToEmpty(file.reason()), nullToEmpty(file.title()),
                    file.slug() == null ? "" : "/articles/" + file.slug(),
                    file.status() == null ? "" : file.status().toLowerCase(Locale.ROOT), nullToEmpty(file.publishTime()),
                    String.valueOf(file.relatedTitles()), String.valueOf(file.linked()),
                    String.join(" | ", file.notFound()));
            tsv.append(String.join("\t", cells.stream().map(c -> c.replaceAll("[\\t\\r\\n]+", " ")).toList()))
                    .append('\n');
        }
        return tsv.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
