package dev.cms.admin.htmlimport;

import dev.cms.core.related.RelatedBacklog;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * What an import-html run did with each file, in the order the files were read, and how the
 * related lists it reached stand ({@code related}: null in a dry run or when nothing was imported).
 */
public record ImportReport(List<FileResult> files, boolean dryRun, @Nullable RelatedBacklog.Drained related) {

    ImportReport withRelated(RelatedBacklog.Drained drained) {
        return new ImportReport(files, dryRun, drained);
    }

    public enum Outcome { IMPORTED, SKIPPED, FAILED }

    /**
     * One file's result. For an imported page: its title, slug, status (PUBLISHED, SCHEDULED,
     * DRAFT), publish time as shown on the site, and its 相关内容 titles linked and not found.
     */
    public record FileResult(String file, Outcome outcome, @Nullable String reason, @Nullable String title,
                             @Nullable String slug, @Nullable String status, @Nullable String publishTime,
                             int relatedTitles, int linked, List<String> notFound) {

        static FileResult skipped(String file, String reason) {
            return new FileResult(file, Outcome.SKIPPED, reason, null, null, null, null, 0, 0, List.of());
        }

        static FileResult failed(String file, String reason) {
            return new FileResult(file, Outcome.FAILED, reason, null, null, null, null, 0, 0, List.of());
        }

        FileResult withLinks(int linked, List<String> notFound) {
            return new FileResult(file, outcome, reason, title, slug, status, publishTime, relatedTitles, linked,
                    List.copyOf(notFound));
        }
    }

    public long count(Outcome outcome) {
        return files.stream().filter(f -> f.outcome() == outcome).count();
    }

    public int linked() {
        return files.stream().mapToInt(FileResult::linked).sum();
    }

    public int notFound() {
        return files.stream().mapToInt(f -> f.notFound().size()).sum();
    }
}
