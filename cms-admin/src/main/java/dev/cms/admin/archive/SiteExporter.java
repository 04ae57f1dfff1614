package dev.cms.admin.archive;

import dev.cms.admin.archive.ExportRepository.ArticleRow;
import dev.cms.admin.archive.ExportRepository.MediaRow;
import dev.cms.admin.archive.ExportRepository.OverrideRow;
import dev.cms.admin.archive.ExportRepository.PendingRow;
import dev.cms.admin.archive.ExportRepository.RedirectRow;
import dev.cms.admin.archive.ExportRepository.RevisionRow;
import dev.cms.admin.archive.ExportRepository.TopicRow;
import dev.cms.admin.archive.ExportRepository.UserRow;
import dev.cms.admin.batch.Interruption;
import dev.cms.admin.batch.Progress;
import dev.cms.admin.zip.ChecksummedZipWriter;
import dev.cms.admin.zip.Json;
import dev.cms.core.media.MediaFiles;
import dev.cms.core.profile.SiteProfileService;
import dev.cms.core.profile.SiteProfileService.StoredProfile;
import dev.cms.core.schema.DatabaseSchema;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the whole site into an archive. Everything is read in one read-only, repeatable-read
 * transaction, so a publish or an edit made meanwhile is either wholly in the archive or not at
 * all; large tables are read in keyset batches and streamed out, never held in memory.
 */
@Singleton
public class SiteExporter {

    static final int BATCH = 500;

    private final TransactionOperations<Connection> transactions;
    private final MediaFiles mediaFiles;
    private final DatabaseSchema schema;
    private final SiteProfileService profiles;

    public SiteExporter(TransactionOperations<Connection> transactions, MediaFiles mediaFiles, DatabaseSchema schema,
                        SiteProfileService profiles) {
        this.profiles = profiles;
        this.transactions = transactions;
        this.mediaFiles = mediaFiles;
        this.schema = schema;
    }

    /** What was exported: items per kind. */
    public record Exported(Map<String, Long> counts, long mediaBytes) {
    }

    /** Writes the archive to {@code out} (the caller's temporary file). */
    public Exported export(OutputStream out, boolean passwordHashes, PrintWriter progressOut, Interruption interruption) {
        String schemaVersion = schema.state().version();
        DefaultTransactionDefinition readOnly = new DefaultTransactionDefinition();
        readOnly.setReadOnly(true);
        // One snapshot for the whole export: a publish committed meanwhile is wholly in or wholly out.
        readOnly.setIsolationLevel(TransactionDefinition.Isolation.REPEATABLE_READ);
        return transactions.execute(readOnly, status -> {
            try {
                return new Writer(status.getConnection(), out, passwordHashes, progressOut, interruption)
                        .write(schemaVersion);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the site: " + e.getMessage(), e);
            }
        });
    }

    private final class Writer {
        private final ExportRepository rows;
        private final ChecksummedZipWriter zip;
        private final boolean passwordHashes;
        private final PrintWriter progressOut;
        private final Interruption interruption;
        private final Map<String, Object> counts = new LinkedHashMap<>();
        private final Map<String, Long> countsOut = new LinkedHashMap<>();
        private OutputStream entry;
        private long items;
        private long mediaBytes;

        Writer(Connection db, OutputStream out, boolean passwordHashes, PrintWriter progressOut,
               Interruption interruption) {
            this.rows = new ExportRepository(db);
            this.zip = new ChecksummedZipWriter(out);
            this.passwordHashes = passwordHashes;
            this.progressOut = progressOut;
            this.interruption = interruption;
        }

        Exported write(String schemaVersion) throws IOException, SQLException {
            Instant created = Instant.now();
            topics();
            users();
            articles();
            related();
            redirects(ArchiveFormat.SLUG_REDIRECTS, rows::slugRedirectsAfter);
            redirects(ArchiveFormat.TOPIC_REDIRECTS, rows::topicRedirectsAfter);
            List<String> paths = media();
            settings();
            for (String path : paths) {
                mediaFile(path);
                interruption.check();
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", ArchiveFormat.FORMAT);
            manifest.put("formatVersion", (long) ArchiveFormat.VERSION);
            manifest.put("created", created.toString());
            manifest.put("schemaVersion", schemaVersion);
            manifest.put("passwordHashes", passwordHashes);
            manifest.put("counts", counts);
            zip.finish(ArchiveFormat.MANIFEST, manifest);
            return new Exported(countsOut, mediaBytes);
        }

        private void begin(String entry) throws IOException {
            this.entry = zip.begin(entry);
            items = 0;
        }

        private void line(Map<String, Object> item) throws IOException {
            entry.write((Json.write(item) + "\n").getBytes(StandardCharsets.UTF_8));
            items++;
        }

        private void end(String entry) throws IOException {
            // Format 1 lists a JSON Lines entry by its items and checksum, as ARCHIVE-FORMAT.md says.
            Map<String, Object> about = zip.end();
            about.remove("bytes");
            about.put("items", items);
            counts.put(ArchiveFormat.kind(entry), items);
            countsOut.put(ArchiveFormat.kind(entry), items);
        }

        private void topics() throws IOException, SQLException {
            begin(ArchiveFormat.TOPICS);
            long after = Long.MIN_VALUE;
            List<TopicRow> batch;
            do {
                batch = rows.topicsAfter(after, BATCH);
                for (TopicRow t : batch) {
                    after = t.id();
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("slug", t.slug());
                    item.put("name", t.name());
                    item.put("created", time(t.created()));
                    if (t.description() != null) {
                        item.put("description", t.description());
                    }
                    line(item);
                }
            } while (batch.size() == BATCH);
            end(ArchiveFormat.TOPICS);
        }

        private void users() throws IOException, SQLException {
            begin(ArchiveFormat.USERS);
            long after = Long.MIN_VALUE;
            List<UserRow> batch;
            do {
                batch = rows.usersAfter(after, BATCH);
                for (UserRow u : batch) {
                    after = u.id();
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("username", u.username());
                    item.put("displayName", u.displayName());
                    item.put("role", u.role());
                    item.put("enabled", u.enabled());
                    item.put("created", time(u.created()));
                    if (passwordHashes) {
                        item.put("passwordHash", u.passwordHash());
                    }
                    line(item);
                }
            } while (batch.size() == BATCH);
            end(ArchiveFormat.USERS);
        }

        private void articles() throws IOException, SQLException {
            Progress progress = new Progress(progressOut, "exported", "articles", rows.countArticles());
            begin(ArchiveFormat.ARTICLES);
            long after = Long.MIN_VALUE;
            List<ArticleRow> batch;
            do {
                batch = rows.articlesAfter(after, BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                long first = batch.get(0).id();
                after = batch.get(batch.size() - 1).id();
                Map<Long, List<String>> topics = rows.topicsOf(first, after);
                Map<Long, List<RevisionRow>> revisions = rows.revisionsOf(first, after);
                Map<Long, PendingRow> pending = rows.pendingOf(first, after);
                for (ArticleRow a : batch) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("slug", a.slug());
                    item.put("title", a.title());
                    item.put("summary", a.summary());
                    item.put("markdown", a.markdown());
                    item.put("status", a.status());
                    item.put("published", time(a.published()));
                    item.put("created", time(a.created()));
                    item.put("updated", time(a.updated()));
                    item.put("author", a.author());
                    item.put("trashed", time(a.trashed()));
                    item.put("statusBeforeTrash", a.statusBeforeTrash());
                    item.put("featuredImage", a.featuredImage());
                    item.put("topics", List.copyOf(topics.getOrDefault(a.id(), List.of())));
                    item.put("revisions", revisions.getOrDefault(a.id(), List.of()).stream()
                            .map(SiteExporter::revision).toList());
                    item.put("pending", pending.containsKey(a.id()) ? pending(pending.get(a.id())) : null);
                    line(item);
                }
                progress.advance(batch.size());
                interruption.check();
            } while (batch.size() == BATCH);
            end(ArchiveFormat.ARTICLES);
        }

        private void related() throws IOException, SQLException {
            begin(ArchiveFormat.RELATED);
            long afterArticle = Long.MIN_VALUE;
            long afterRelated = Long.MIN_VALUE;
            List<OverrideRow> batch;
            do {
                batch = rows.overridesAfter(afterArticle, afterRelated, BATCH);
                for (OverrideRow o : batch) {
                    afterArticle = o.articleId();
                    afterRelated = o.relatedId();
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("article", o.article());
                    item.put("related", o.related());
                    item.put("kind", o.kind());
                    item.put("position", (long) o.position());
                    item.put("created", time(o.created()));
                    line(item);
                }
            } while (batch.size() == BATCH);
            end(ArchiveFormat.RELATED);
        }

        private void redirects(String entry, RedirectBatch next) throws IOException, SQLException {
            begin(entry);
            String after = "";
            List<RedirectRow> batch;
            do {
                batch = next.after(after, BATCH);
                for (RedirectRow r : batch) {
                    after = r.oldSlug();
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("oldSlug", r.oldSlug());
                    item.put("target", r.target());
                    item.put("created", time(r.created()));
                    line(item);
                }
            } while (batch.size() == BATCH);
            end(entry);
        }

        private List<String> media() throws IOException, SQLException {
            begin(ArchiveFormat.MEDIA);
            List<String> paths = new ArrayList<>();
            long after = Long.MIN_VALUE;
            List<MediaRow> batch;
            do {
                batch = rows.mediaAfter(after, BATCH);
                for (MediaRow m : batch) {
                    after = m.id();
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("path", m.path());
                    item.put("originalName", m.originalName());
                    item.put("contentType", m.contentType());
                    item.put("sizeBytes", m.sizeBytes());
                    item.put("width", (long) m.width());
                    item.put("height", (long) m.height());
                    item.put("uploadedBy", m.uploadedBy());
                    item.put("created", time(m.created()));
                    paths.add(m.path());
                    line(item);
                }
            } while (batch.size() == BATCH);
            end(ArchiveFormat.MEDIA);
            return paths;
        }

        /** The settings when an admin ever changed them: images by media path, the menu as its links. */
        private void settings() throws IOException {
            begin(ArchiveFormat.SETTINGS);
            Optional<StoredProfile> stored = profiles.exported();
            if (stored.isPresent()) {
                StoredProfile p = stored.get();
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("siteName", p.siteName());
                item.put("description", p.description());
                item.put("footerText", p.footerText());
                item.put("navigation", p.navigation().stream().map(link -> {
                    Map<String, Object> l = new LinkedHashMap<>();
                    l.put("label", link.label());
                    l.put("href", link.href());
                    return l;
                }).toList());
                item.put("logo", p.logoPath());
                item.put("favicon", p.faviconPath());
                item.put("shareImage", p.shareImagePath());
                item.put("updated", time(p.updatedAt()));
                item.put("updatedBy", p.updatedBy());
                line(item);
            }
            end(ArchiveFormat.SETTINGS);
        }

        private void mediaFile(String path) throws IOException {
            Path file = mediaFiles.existing(path).orElseThrow(() -> new IllegalStateException(
                    "media " + path + " is recorded in the database but its file is missing under "
                            + mediaFiles.root() + "; restore the file or delete the media record, then export again"));
            String entry = ArchiveFormat.MEDIA_FILES + path;
            mediaBytes += Files.copy(file, zip.begin(entry));
            zip.end();
        }
    }

    private static Map<String, Object> pending(PendingRow p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("title", p.title());
        v.put("slug", p.slug());
        v.put("summary", p.summary());
        v.put("markdown", p.markdown());
        v.put("topics", p.topics());
        v.put("featuredImage", p.featuredImage());
        v.put("submitted", p.submitted());
        v.put("savedBy", p.savedBy());
        v.put("savedAt", time(p.savedAt()));
        return v;
    }

    private static Map<String, Object> revision(RevisionRow r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("title", r.title());
        v.put("summary", r.summary());
        v.put("markdown", r.markdown());
        v.put("topics", r.topics());
        v.put("status", r.status());
        v.put("savedBy", r.savedBy());
        v.put("savedAt", time(r.savedAt()));
        v.put("featuredImage", r.featuredImage());
        return v;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    @FunctionalInterface
    private interface RedirectBatch {
        List<RedirectRow> after(String oldSlug, int limit) throws SQLException;
    }
}
