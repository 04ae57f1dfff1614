package dev.cms.admin.archive;

import dev.cms.admin.archive.ArchiveFile.DamagedArchiveException;
import dev.cms.admin.batch.BacklogDrain;
import dev.cms.admin.batch.Interruption;
import dev.cms.admin.zip.ArchiveLimits;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.content.ContentVersion;
import dev.cms.core.markdown.MarkdownRenderer;
import dev.cms.core.media.MediaFiles;
import dev.cms.core.profile.SiteProfileService;
import dev.cms.core.related.RelatedBacklog;
import dev.cms.core.search.SearchIndex;
import dev.cms.core.user.UserService;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a site archive into this site. First the whole archive is checked (manifest, checksums,
 * every item, every reference) and nothing is written if anything is wrong; then everything is
 * written in one transaction, matching by natural keys (topic slugs, usernames, article slugs,
 * media paths), so importing the same archive twice changes nothing the second time.
 *
 * <p>One {@link ImportRun} carries the file and what each kind hands on to the next; the check is
 * {@link ArchiveValidation} with a validator per kind, the writes an importer per kind, and their
 * statements are in the {@code *ImportRepository} classes and {@link UserService#importUser}.
 */
@Singleton
public class SiteImporter {

    public static final String ACTOR = "command-line";

    private final TransactionOperations<Connection> transactions;
    private final UserService users;
    private final MarkdownRenderer markdown;
    private final MediaFiles mediaFiles;
    private final RelatedBacklog related;
    private final SearchIndex search;
    private final AuditLog audit;
    private final ContentVersion contentVersion;
    private final ArchiveLimits limits;
    private final SiteProfileService profiles;

    public SiteImporter(TransactionOperations<Connection> transactions, UserService users, MarkdownRenderer markdown,
                        MediaFiles mediaFiles, RelatedBacklog related, SearchIndex search, AuditLog audit,
                        ContentVersion contentVersion, ArchiveLimits limits, SiteProfileService profiles) {
        this.profiles = profiles;
        this.users = users;
        this.contentVersion = contentVersion;
        this.limits = limits;
        this.transactions = transactions;
        this.markdown = markdown;
        this.mediaFiles = mediaFiles;
        this.related = related;
        this.search = search;
        this.audit = audit;
    }

    /** The archive was refused: the messages say which items and why. Nothing was written. */
    public static final class InvalidArchiveException extends RuntimeException {
        private final List<String> errors;
        private final long total;

        InvalidArchiveException(List<String> errors, long total) {
            super(total + " error" + (total == 1 ? "" : "s") + " in the archive; nothing was imported");
            this.errors = List.copyOf(errors);
            this.total = total;
        }

        InvalidArchiveException(String error) {
            this(List.of(error), 1);
        }

        public List<String> errors() {
            return errors;
        }

        public long total() {
            return total;
        }
    }

    /** Per kind, what the import did. */
    public static final class Counts {
        long created;
        long updated;
        long unchanged;

        @Override
        public String toString() {
            return created + " created, " + updated + " updated, " + unchanged + " unchanged";
        }

        public long created() {
            return created;
        }

        public long updated() {
            return updated;
        }

        public long unchanged() {
            return unchanged;
        }
    }

    /**
     * What an import did (or, in a dry run, would do). {@code relatedQueued} lists were put in the
     * backlog with the content; {@code related} says how many of them were recomputed after the
     * commit and how many still wait (null in a dry run or when nothing changed).
     */
    public record Report(Map<String, Counts> counts, long relatedQueued, RelatedBacklog.Drained related,
                         boolean dryRun, boolean changed, List<String> notes) {

        Report withRelated(RelatedBacklog.Drained drained) {
            return new Report(counts, relatedQueued, drained, dryRun, changed, notes);
        }
    }

    /**
     * Checks the archive, then imports it (or, with {@code dryRun}, imports and rolls back, to
     * report what would change).
     *
     * @throws DamagedArchiveException   when the file is not a readable archive of a known version
     * @throws InvalidArchiveException   when items are wrong; nothing is written
     */
    public Report importArchive(Path file, boolean dryRun, PrintWriter progressOut, Interruption interruption) {
        long started = System.nanoTime();
        try (ArchiveFile archive = ArchiveFile.open(file, limits)) {
            ImportRun run = new ImportRun(archive, dryRun, progressOut, interruption);
            transactions.executeRead(status -> {
                ArchiveValidation.check(run, status.getConnection(), users, profiles);
                return null;
            });
            Report written;
            try {
                written = transactions.executeWrite(status -> {
                    Report report = write(run, status.getConnection());
                    if (dryRun) {
                        status.setRollbackOnly();
                    }
                    return report;
                });
            } catch (RuntimeException | Error e) {
                removeCopied(run.copied);
                throw e;
            }
            if (dryRun || !written.changed()) {
                return written;
            }
            progressOut.printf(Locale.ROOT, "content committed after %.1f s; ", (System.nanoTime() - started) / 1e9);
            return written.withRelated(BacklogDrain.run(related, "import", written.relatedQueued(), progressOut,
                    interruption));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void removeCopied(List<Path> copied) {
        for (Path p : copied) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: the database row was rolled back, an orphan file is harmless
            }
        }
    }

    /**
     * Writes every kind in the order of the format, in the caller's transaction, and when anything
     * changed queues the related lists it reaches, raises the content version, asks every node to
     * rebuild its search index and records the import in the audit log, all in that transaction.
     */
    private Report write(ImportRun run, Connection db) {
        ArticleImporter articles = new ArticleImporter(run, new ArticleImportRepository(db),
                new RelatedOverrideImportRepository(db), markdown);
        try {
            new TopicImporter(run, new TopicImportRepository(db)).write();
            new UserImporter(run, users).write();
            articles.write();
            new RelatedOverrideImporter(run, new RelatedOverrideImportRepository(db), articles).write();
            run.interruption.check();
            new RedirectImporter(run, ArchiveFormat.SLUG_REDIRECTS, RedirectImportRepository.articles(db),
                    articles::idOf).write();
            new RedirectImporter(run, ArchiveFormat.TOPIC_REDIRECTS, RedirectImportRepository.topics(db),
                    run.topicIds::get).write();
            new MediaImporter(run, new MediaImportRepository(db), mediaFiles).write();
            new SettingsImporter(run, profiles).write();
            run.interruption.check();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write to the database: " + e.getMessage(), e);
        }
        boolean changed = run.changed();
        long lists = 0;
        if (changed && !run.dryRun) {
            Set<Long> affected;
            try {
                affected = articles.affectedLists();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the related articles: " + e.getMessage(), e);
            }
            related.add(affected);
            lists = affected.size();
            // Every node's page cache: the import commits with a new content version.
            contentVersion.raise();
            search.requestRebuildEverywhere(ACTOR);
            audit.record(ACTOR, "import", "archive " + run.archive.path().getFileName(), summary(run.counts), "");
            run.progressOut.println("content written; committing");
            run.progressOut.flush();
            run.interruption.check();
        }
        return new Report(run.counts, lists, null, run.dryRun, changed, run.notes);
    }

    private static String summary(Map<String, Counts> counts) {
        String text = counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
