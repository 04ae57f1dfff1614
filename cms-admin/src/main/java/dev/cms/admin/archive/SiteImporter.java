package dev.cms.admin.archive;

import dev.cms.admin.archive.ArchiveFile.DamagedArchiveException;
import dev.cms.admin.batch.BacklogDrain;
import dev.cms.admin.batch.Interruption;
import dev.cms.admin.batch.Progress;
import dev.cms.core.article.ArticleValidator;
import dev.cms.core.article.ArticleStatus;
import dev.cms.core.audit.AuditLog;
import dev.cms.core.markdown.MarkdownRenderer;
import dev.cms.core.media.MediaFiles;
import dev.cms.core.content.ContentVersion;
import dev.cms.core.related.RelatedBacklog;
import dev.cms.core.search.SearchIndex;
import dev.cms.core.user.Role;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.mindrot.jbcrypt.BCrypt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads a site archive into this site. First the whole archive is checked (manifest, checksums,
 * every item, every reference) and nothing is written if anything is wrong; then everything is
 * written in one transaction, matching by natural keys (topic slugs, usernames, article slugs,
 * media paths), so importing the same archive twice changes nothing the second time.
 */
@Singleton
public class SiteImporter {

    public static final String ACTOR = "command-line";
    static final int BATCH = 500;
    /** Errors listed before the rest are only counted. */
    static final int MAX_ERRORS_SHOWN = 100;

    private static final Set<String> STATUSES = Arrays.stream(ArticleStatus.values()).map(Enum::name)
            .collect(Collectors.toCollection(TreeSet::new));
    private static final Set<String> ROLES = Arrays.stream(Role.values()).map(Enum::name)
            .collect(Collectors.toCollection(TreeSet::new));
    private static final Set<String> KINDS = new TreeSet<>(List.of("PIN", "EXCLUDE"));
    private static final Set<String> IMAGE_TYPES = new TreeSet<>(List.of("image/jpeg", "image/png", "image/gif",
            "image/webp"));

    private final TransactionOperations<Connection> transactions;
    private final MarkdownRenderer markdown;
    private final MediaFiles mediaFiles;
    private final RelatedBacklog related;
    private final SearchIndex search;
    private final AuditLog audit;
    private final ContentVersion contentVersion;
    private final ArchiveLimits limits;

    public SiteImporter(TransactionOperations<Connection> transactions, MarkdownRenderer markdown,
                        MediaFiles mediaFiles, RelatedBacklog related, SearchIndex search, AuditLog audit,
                        ContentVersion contentVersion, ArchiveLimits limits) {
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

    record TopicItem(String slug, String name, Instant created) {
    }

    record UserItem(String username, String displayName, String role, boolean enabled, Instant created,
                    String passwordHash) {
    }

    record RevisionItem(String title, String summary, String markdown, String topics, String status,
                        String savedBy, Instant savedAt) {
        String key() {
            return savedBy + "|" + savedAt + "|" + title;
        }
    }

    record ArticleItem(String slug, String title, String summary, String markdown, String status, Instant published,
                       Instant created, Instant updated, String author, Instant trashed, String statusBeforeTrash,
                       List<String> topics, List<RevisionItem> revisions) {
    }

    record OverrideItem(String article, String related, String kind, long position, Instant created) {
    }

    record RedirectItem(String oldSlug, String target, Instant created) {
    }

    record MediaItem(String path, String originalName, String contentType, long sizeBytes, long width, long height,
                     String uploadedBy, Instant created) {
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
            validate(archive, progressOut, interruption);
            List<Path> copied = new ArrayList<>();
            Report written;
            try {
                written = transactions.executeWrite(status -> {
                    Report report = new Writer(status.getConnection(), archive, dryRun, progressOut, interruption,
                            copied).write();
                    if (dryRun) {
                        status.setRollbackOnly();
                    }
                    return report;
                });
            } catch (RuntimeException | Error e) {
                removeCopied(copied);
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

    // ---------------------------------------------------------------- reading items

    private static void forEachItem(ArchiveFile archive, String entry, List<String> errors, String keyField,
                                    Interruption interruption, Consumer<ArchiveItem> action) {
        long line = 0;
        long items = 0;
        try (BufferedReader in = archive.lines(entry)) {
            for (String text; (text = in.readLine()) != null; ) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                items++;
                Map<String, Object> fields;
                try {
                    fields = Json.readObject(text);
                } catch (IllegalArgumentException e) {
                    errors.add(entry + " line " + line + ": " + e.getMessage());
                    continue;
                }
                action.accept(new ArchiveItem(entry, line, fields, errors).keyedBy(keyField));
                if (line % BATCH == 0) {
                    interruption.check();
                }
            }
        } catch (IOException e) {
            throw new DamagedArchiveException(entry + " cannot be read: " + e.getMessage());
        }
        long expected = archive.count(entry);
        if (expected != items) {
            errors.add(entry + ": holds " + items + " items, the manifest says " + expected);
        }
    }

    static TopicItem topic(ArchiveItem i) {
        return new TopicItem(i.text("slug", 200), i.text("name", 100), i.time("created"));
    }

    static UserItem user(ArchiveItem i) {
        return new UserItem(i.text("username", 64), i.text("displayName", 100), i.oneOf("role", ROLES),
                i.flag("enabled"), i.time("created"), i.optionalText("passwordHash", 100));
    }

    static ArticleItem article(ArchiveItem i) {
        String status = i.oneOf("status", STATUSES);
        Instant published = i.optionalTime("published");
        if (published == null && ("PUBLISHED".equals(status) || "SCHEDULED".equals(status))) {
            i.error("published is missing: a " + status + " article needs its publish time");
        } else if (published != null && (published.isBefore(ArticleValidator.EARLIEST_PUBLISH_TIME)
                || published.isAfter(ArticleValidator.LATEST_PUBLISH_TIME))) {
            i.error("published " + published + " is not between 1970-01-01 and 9999-12-31, the publish times the site takes");
        }
        Instant trashed = i.optionalTime("trashed");
        String before = i.optionalText("statusBeforeTrash", 16);
        if ("TRASHED".equals(status)) {
            if (trashed == null) {
                i.error("trashed is missing: a TRASHED article needs the time it was trashed");
            }
            if (before == null || !STATUSES.contains(before) || before.equals("TRASHED")) {
                i.error("statusBeforeTrash " + ArchiveFile.quoted(before) + " is not the status to restore to");
            }
        }
        List<String> topics = i.texts("topics", 200);
        if (topics.size() != new HashSet<>(topics).size()) {
            i.error("topics names a topic twice");
        }
        List<RevisionItem> revisions = new ArrayList<>();
        for (ArchiveItem r : i.items("revisions")) {
            revisions.add(new RevisionItem(r.text("title", 200), r.textAllowEmpty("summary", 1000),
                    r.textAllowEmpty("markdown", Integer.MAX_VALUE), r.textAllowEmpty("topics", 2000),
                    r.text("status", 16), r.text("savedBy", 64), r.time("savedAt")));
        }
        return new ArticleItem(i.text("slug", 200), i.text("title", ArticleValidator.MAX_TITLE),
                i.textAllowEmpty("summary", ArticleValidator.MAX_SUMMARY),
                i.textAllowEmpty("markdown", ArticleValidator.MAX_BODY), status, published, i.time("created"),
                i.time("updated"), i.optionalText("author", 64), trashed, before, topics, revisions);
    }

    static OverrideItem override(ArchiveItem i) {
        OverrideItem o = new OverrideItem(i.text("article", 200), i.text("related", 200), i.oneOf("kind", KINDS),
                i.number("position", 0), i.time("created"));
        if (o.article() != null && o.article().equals(o.related())) {
            i.error("an article cannot be related to itself");
        }
        return o;
    }

    static RedirectItem redirect(ArchiveItem i) {
        return new RedirectItem(i.text("oldSlug", 200), i.text("target", 200), i.time("created"));
    }

    static MediaItem media(ArchiveItem i) {
        MediaItem m = new MediaItem(i.text("path", 64), i.textAllowEmpty("originalName", 255),
                i.oneOf("contentType", IMAGE_TYPES), i.number("sizeBytes", 1), i.number("width", 1),
                i.number("height", 1), i.text("uploadedBy", 64), i.time("created"));
        if (m.path() != null && !MediaFiles.isStoredPath(m.path())) {
            i.error("path is not a media path such as 2024/05/abcdef.png");
        }
        return m;
    }

    // ---------------------------------------------------------------- validation

    /** Every problem in the archive, item by item; throws {@link InvalidArchiveException} if there is one. */
    private void validate(ArchiveFile archive, PrintWriter progressOut, Interruption interruption) {
        List<String> errors = new ErrorList();
        transactions.executeRead(status -> {
            try {
                validate(status.getConnection(), archive, errors, progressOut, interruption);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the site: " + e.getMessage(), e);
            }
            return null;
        });
        if (!errors.isEmpty()) {
            ErrorList list = (ErrorList) errors;
            throw new InvalidArchiveException(list.shown, list.total);
        }
    }

    /** Keeps the first errors and counts the rest, so a badly broken archive cannot fill the memory. */
    private static final class ErrorList extends ArrayList<String> {
        final List<String> shown = new ArrayList<>();
        long total;

        @Override
        public boolean add(String error) {
            total++;
            if (shown.size() < MAX_ERRORS_SHOWN) {
                shown.add(error);
            }
            return size() == 0 && super.add(error);
        }
    }

    private void validate(Connection db, ArchiveFile archive, List<String> errors, PrintWriter progressOut,
                          Interruption interruption) throws SQLException {
        Map<String, String> siteTopicNames = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT slug, name FROM topic");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                siteTopicNames.put(r.getString(1), r.getString(2));
            }
        }
        Map<String, String> siteTopicByName = new HashMap<>();
        siteTopicNames.forEach((slug, name) -> siteTopicByName.put(name, slug));
        Set<String> topics = new HashSet<>(siteTopicNames.keySet());
        Set<String> archiveTopics = new HashSet<>();
        Set<String> archiveTopicNames = new HashSet<>();
        forEachItem(archive, ArchiveFormat.TOPICS, errors, "slug", interruption, i -> {
            TopicItem t = topic(i);
            if (t.slug() != null && !archiveTopics.add(t.slug())) {
                i.error("a second topic with this slug");
            }
            if (t.name() != null && !archiveTopicNames.add(t.name())) {
                i.error("a second topic named \"" + t.name() + "\"");
            }
            String owner = t.name() == null ? null : siteTopicByName.get(t.name());
            if (owner != null && !owner.equals(t.slug())) {
                i.error("the site already has a topic named \"" + t.name() + "\" with another slug (\"" + owner + "\")");
            }
            if (t.slug() != null) {
                topics.add(t.slug());
            }
        });
        Set<String> users = new HashSet<>();
        // Usernames are unique whatever their case: the site's names by their lower-case form.
        Map<String, String> siteUsersByKey = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT username, username_key FROM app_user");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                users.add(r.getString(1));
                siteUsersByKey.put(r.getString(2), r.getString(1));
            }
        }
        Set<String> archiveUsers = new HashSet<>();
        forEachItem(archive, ArchiveFormat.USERS, errors, "username", interruption, i -> {
            UserItem u = user(i);
            if (u.username() != null && !archiveUsers.add(u.username().toLowerCase(Locale.ROOT))) {
                i.error("a second user with this username (usernames are unique whatever their case)");
            }
            String siteUser = u.username() == null ? null : siteUsersByKey.get(u.username().toLowerCase(Locale.ROOT));
            if (siteUser != null && !siteUser.equals(u.username())) {
                i.error("the site already has the user \"" + siteUser + "\" (usernames are unique whatever their case)");
            }
            if (u.username() != null && u.username().chars().anyMatch(Character::isISOControl)) {
                i.error("a username cannot contain control characters (line breaks, tabs)");
            }
            if (u.passwordHash() != null && !u.passwordHash().startsWith("$2")) {
                i.error("passwordHash is not a bcrypt hash");
            }
            if (u.username() != null) {
                users.add(u.username());
            }
        });
        Set<String> articles = new HashSet<>();
        Progress progress = new Progress(progressOut, "checked", "articles", archive.count(ArchiveFormat.ARTICLES));
        forEachItem(archive, ArchiveFormat.ARTICLES, errors, "slug", interruption, i -> {
            ArticleItem a = article(i);
            if (a.slug() != null && !articles.add(a.slug())) {
                i.error("a second article with this slug");
            }
            for (String topic : a.topics()) {
                if (!topics.contains(topic)) {
                    i.error("topic \"" + topic + "\" is neither in the archive nor in the site");
                }
            }
            if (a.author() != null && !users.contains(a.author())) {
                i.error("author \"" + a.author() + "\" is neither in the archive's users nor in the site");
            }
            progress.advance(1);
        });
        Set<String> pairs = new HashSet<>();
        forEachItem(archive, ArchiveFormat.RELATED, errors, "article", interruption, i -> {
            OverrideItem o = override(i);
            checkArticle(db, articles, o.article(), "article", i);
            checkArticle(db, articles, o.related(), "related", i);
            if (o.article() != null && !pairs.add(o.article() + "\n" + o.related())) {
                i.error("a second override for related \"" + o.related() + "\"");
            }
        });
        Set<String> oldSlugs = new HashSet<>();
        forEachItem(archive, ArchiveFormat.SLUG_REDIRECTS, errors, "oldSlug", interruption, i -> {
            RedirectItem r = redirect(i);
            checkArticle(db, articles, r.target(), "target", i);
            if (r.oldSlug() != null && !oldSlugs.add(r.oldSlug())) {
                i.error("a second redirect from this slug");
            }
        });
        oldSlugs.clear();
        forEachItem(archive, ArchiveFormat.TOPIC_REDIRECTS, errors, "oldSlug", interruption, i -> {
            RedirectItem r = redirect(i);
            if (r.target() != null && !topics.contains(r.target())) {
                i.error("target topic \"" + r.target() + "\" is neither in the archive nor in the site");
            }
            if (r.oldSlug() != null && !oldSlugs.add(r.oldSlug())) {
                i.error("a second redirect from this slug");
            }
        });
        Set<String> paths = new HashSet<>();
        forEachItem(archive, ArchiveFormat.MEDIA, errors, "path", interruption, i -> {
            MediaItem m = media(i);
            if (m.path() == null) {
                return;
            }
            if (!paths.add(m.path())) {
                i.error("a second media record with this path");
            }
            long size = archive.size(ArchiveFormat.MEDIA_FILES + m.path());
            if (size < 0) {
                i.error("its file " + ArchiveFormat.MEDIA_FILES + m.path() + " is not in the archive");
            } else if (size != m.sizeBytes()) {
                i.error("sizeBytes is " + m.sizeBytes() + " but its file holds " + size + " bytes");
            }
        });
    }

    private static void checkArticle(Connection db, Set<String> archiveArticles, String slug, String field,
                                     ArchiveItem item) {
        if (slug == null || archiveArticles.contains(slug)) {
            return;
        }
        try (PreparedStatement s = db.prepareStatement("SELECT 1 FROM article WHERE slug = ?")) {
            s.setString(1, slug);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    item.error(field + " article \"" + slug + "\" is neither in the archive nor in the site");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the site: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- writing

    private final class Writer {
        private final Connection db;
        private final ArchiveFile archive;
        private final boolean dryRun;
        private final PrintWriter progressOut;
        private final Interruption interruption;
        private final List<Path> copied;
        private final Map<String, Counts> counts = new LinkedHashMap<>();
        private final Map<String, Long> topicIds = new HashMap<>();
        private final Map<Long, String> topicSlugs = new HashMap<>();
        private final Map<String, Long> userIds = new HashMap<>();
        private final Map<String, Long> articleIds = new HashMap<>();
        /** Articles whose content, status or topics changed: their lists and their neighbours' change. */
        private final Set<Long> changedArticles = new HashSet<>();
        /** Lists to recompute besides those of changed articles' topics. */
        private final Set<Long> listsToRefresh = new HashSet<>();
        private final Set<Long> touchedTopics = new HashSet<>();
        private final List<String> notes = new ArrayList<>();
        private String unusableHash;

        Writer(Connection db, ArchiveFile archive, boolean dryRun, PrintWriter progressOut, Interruption interruption,
               List<Path> copied) {
            this.db = db;
            this.archive = archive;
            this.dryRun = dryRun;
            this.progressOut = progressOut;
            this.interruption = interruption;
            this.copied = copied;
            for (String entry : ArchiveFormat.ENTRIES) {
                counts.put(ArchiveFormat.kind(entry), new Counts());
            }
        }

        Report write() {
            try {
                topics();
                users();
                articles();
                overrides();
                interruption.check();
                redirects(ArchiveFormat.SLUG_REDIRECTS, "slug_redirect", "article_id", articleIds);
                redirects(ArchiveFormat.TOPIC_REDIRECTS, "topic_redirect", "topic_id", topicIds);
                media();
                interruption.check();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot write to the database: " + e.getMessage(), e);
            }
            boolean changed = counts.values().stream().anyMatch(c -> c.created + c.updated > 0);
            long lists = 0;
            if (changed && !dryRun) {
                lists = queueRelatedLists();
                // Every node's page cache: the import commits with a new content version.
                contentVersion.raise();
                search.requestRebuildEverywhere(ACTOR);
                audit.record(ACTOR, "import", "archive " + archive.path().getFileName(), summary(), "");
                progressOut.println("content written; committing");
                progressOut.flush();
                interruption.check();
            }
            return new Report(counts, lists, null, dryRun, changed, notes);
        }

        private String summary() {
            String text = counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; "));
            return text.length() > 1000 ? text.substring(0, 1000) : text;
        }

        private void eachItem(String entry, String key, ItemAction action) {
            List<String> errors = new ArrayList<>();
            forEachItem(archive, entry, errors, key, interruption, item -> {
                try {
                    action.accept(item);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot write " + entry + ": " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!errors.isEmpty()) {
                // The archive was checked before: it changed under us.
                throw new InvalidArchiveException(errors.get(0));
            }
        }

        private void topics() throws SQLException {
            Map<String, String> names = new HashMap<>();
            try (PreparedStatement s = db.prepareStatement("SELECT id, slug, name FROM topic");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    topicIds.put(r.getString(2), r.getLong(1));
                    names.put(r.getString(2), r.getString(3));
                }
            }
            Counts c = counts.get("topics");
            eachItem(ArchiveFormat.TOPICS, "slug", i -> {
                TopicItem t = topic(i);
                Long id = topicIds.get(t.slug());
                if (id == null) {
                    try (PreparedStatement s = db.prepareStatement(
                            "INSERT INTO topic (slug, name, created_at) VALUES (?, ?, ?)", new String[] {"id"})) {
                        s.setString(1, t.slug());
                        s.setString(2, t.name());
                        s.setObject(3, utc(t.created()));
                        s.executeUpdate();
                        topicIds.put(t.slug(), generatedId(s));
                    }
                    c.created++;
                } else if (!names.get(t.slug()).equals(t.name())) {
                    try (PreparedStatement s = db.prepareStatement("UPDATE topic SET name = ? WHERE id = ?")) {
                        s.setString(1, t.name());
                        s.setLong(2, id);
                        s.executeUpdate();
                    }
                    c.updated++;
                } else {
                    c.unchanged++;
                }
            });
            topicIds.forEach((slug, id) -> topicSlugs.put(id, slug));
        }

        private void users() throws SQLException {
            record Existing(long id, String displayName, String role, boolean enabled, String hash) {
            }
            Map<String, Existing> existing = new HashMap<>();
            try (PreparedStatement s = db.prepareStatement(
                    "SELECT id, username, display_name, role, enabled, password_hash FROM app_user");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    existing.put(r.getString(2), new Existing(r.getLong(1), r.getString(3), r.getString(4),
                            r.getBoolean(5), r.getString(6)));
                    userIds.put(r.getString(2), r.getLong(1));
                }
            }
            Counts c = counts.get("users");
            long withoutPassword = 0;
            List<UserItem> created = new ArrayList<>();
            eachItem(ArchiveFormat.USERS, "username", i -> created.add(user(i)));
            for (UserItem u : created) {
                Existing e = existing.get(u.username());
                if (e == null) {
                    String hash = u.passwordHash();
                    if (hash == null) {
                        hash = unusableHash();
                        withoutPassword++;
                    }
                    try (PreparedStatement s = db.prepareStatement("""
                            INSERT INTO app_user (username, username_key, display_name, password_hash, role, enabled,
                                                  token_version, created_at, updated_at)
                            VALUES (?, LOWER(?), ?, ?, ?, ?, 0, ?, ?)""", new String[] {"id"})) {
                        s.setString(1, u.username());
                        s.setString(2, u.username());
                        s.setString(3, u.displayName());
                        s.setString(4, hash);
                        s.setString(5, u.role());
                        s.setBoolean(6, u.enabled());
                        s.setObject(7, utc(u.created()));
                        s.setObject(8, utc(Instant.now()));
                        s.executeUpdate();
                        userIds.put(u.username(), generatedId(s));
                    }
                    c.created++;
                } else if (!e.displayName().equals(u.displayName()) || !e.role().equals(u.role())
                        || e.enabled() != u.enabled()
                        || (u.passwordHash() != null && !u.passwordHash().equals(e.hash()))) {
                    // A changed role, state or password signs the user's logins out, as the admin pages do.
                    try (PreparedStatement s = db.prepareStatement("""
                            UPDATE app_user SET display_name = ?, role = ?, enabled = ?,
                                   password_hash = COALESCE(?, password_hash), token_version = token_version + 1,
                                   updated_at = ?
                            WHERE id = ?""")) {
                        s.setString(1, u.displayName());
                        s.setString(2, u.role());
                        s.setBoolean(3, u.enabled());
                        s.setString(4, u.passwordHash());
                        s.setObject(5, utc(Instant.now()));
                        s.setLong(6, e.id());
                        s.executeUpdate();
                    }
                    c.updated++;
                } else {
                    c.unchanged++;
                }
            }
            if (withoutPassword > 0) {
                notes.add(withoutPassword + " new user" + (withoutPassword == 1 ? " has" : "s have")
                        + " no password (the archive has no password hashes): set one with create-admin or on the"
                        + " users page before they sign in");
            }
        }

        /** A bcrypt hash of a random secret nobody knows: the account exists, but no password opens it. */
        private String unusableHash() {
            if (unusableHash == null) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                unusableHash = BCrypt.hashpw(Base64.getEncoder().encodeToString(secret), BCrypt.gensalt(10));
            }
            return unusableHash;
        }

        private void articles() throws SQLException {
            Progress progress = new Progress(progressOut, dryRun ? "compared" : "imported", "articles",
                    archive.count(ArchiveFormat.ARTICLES));
            List<ArticleItem> batch = new ArrayList<>(BATCH);
            eachItem(ArchiveFormat.ARTICLES, "slug", i -> {
                batch.add(article(i));
                if (batch.size() == BATCH) {
                    articleBatch(batch);
                    progress.advance(batch.size());
                    batch.clear();
                    interruption.check();
                }
            });
            if (!batch.isEmpty()) {
                articleBatch(batch);
                progress.advance(batch.size());
            }
            interruption.check();
        }

        record Stored(long id, String title, String summary, String markdown, String status, Instant published,
                      Instant created, Instant updated, Long authorId, Instant trashed, String statusBeforeTrash) {
        }

        private void articleBatch(List<ArticleItem> batch) throws SQLException {
            List<String> slugs = batch.stream().map(ArticleItem::slug).toList();
            Map<String, Stored> stored = new HashMap<>();
            try (PreparedStatement s = db.prepareStatement("""
                    SELECT id, slug, title, summary, body_markdown, status, published_at, created_at, updated_at,
                           author_id, trashed_at, status_before_trash
                    FROM article WHERE slug IN (""" + marks(slugs.size()) + ")")) {
                for (int k = 0; k < slugs.size(); k++) {
                    s.setString(k + 1, slugs.get(k));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long author = r.getLong(10);
                        stored.put(r.getString(2), new Stored(r.getLong(1), r.getString(3), r.getString(4),
                                r.getString(5), r.getString(6), instant(r, 7), instant(r, 8), instant(r, 9),
                                r.wasNull() ? null : author, instant(r, 11), r.getString(12)));
                    }
                }
            }
            Map<Long, Set<String>> storedTopics = new HashMap<>();
            Set<String> storedRevisions = new HashSet<>();
            if (!stored.isEmpty()) {
                List<Long> ids = stored.values().stream().map(Stored::id).toList();
                try (PreparedStatement s = db.prepareStatement("SELECT article_id, topic_id FROM article_topic"
                        + " WHERE article_id IN (" + marks(ids.size()) + ")")) {
                    bind(s, ids);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            storedTopics.computeIfAbsent(r.getLong(1), k -> new HashSet<>())
                                    .add(topicSlugs.get(r.getLong(2)));
                        }
                    }
                }
                try (PreparedStatement s = db.prepareStatement("SELECT article_id, saved_by, saved_at, title"
                        + " FROM article_revision WHERE article_id IN (" + marks(ids.size()) + ")")) {
                    bind(s, ids);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            storedRevisions.add(r.getLong(1) + "|" + r.getString(2) + "|" + instant(r, 3) + "|"
                                    + r.getString(4));
                        }
                    }
                }
            }
            Counts c = counts.get("articles");
            List<ArticleItem> inserts = new ArrayList<>();
            List<ArticleItem> updates = new ArrayList<>();
            List<Long> topicsToReplace = new ArrayList<>();
            Map<Long, List<RevisionItem>> newRevisions = new LinkedHashMap<>();
            for (ArticleItem a : batch) {
                Stored s = stored.get(a.slug());
                if (s == null) {
                    inserts.add(a);
                    continue;
                }
                articleIds.put(a.slug(), s.id());
                Long author = a.author() == null ? null : userIds.get(a.author());
                boolean same = s.title().equals(a.title()) && s.summary().equals(a.summary())
                        && s.markdown().equals(a.markdown()) && s.status().equals(a.status())
                        && Objects.equals(s.published(), a.published()) && s.created().equals(a.created())
                        && s.updated().equals(a.updated()) && Objects.equals(s.authorId(), author)
                        && Objects.equals(s.trashed(), a.trashed())
                        && Objects.equals(s.statusBeforeTrash(), a.statusBeforeTrash());
                boolean sameTopics = storedTopics.getOrDefault(s.id(), Set.of()).equals(new HashSet<>(a.topics()));
                List<RevisionItem> missing = a.revisions().stream()
                        .filter(r -> !storedRevisions.contains(s.id() + "|" + r.key())).toList();
                if (!missing.isEmpty()) {
                    newRevisions.put(s.id(), missing);
                }
                if (same && sameTopics && missing.isEmpty()) {
                    c.unchanged++;
                    continue;
                }
                c.updated++;
                if (!same) {
                    updates.add(a);
                }
                if (!sameTopics) {
                    topicsToReplace.add(s.id());
                    storedTopics.getOrDefault(s.id(), Set.of()).forEach(t -> touchedTopics.add(topicIds.get(t)));
                }
                if (!same || !sameTopics) {
                    changedArticles.add(s.id());
                    listsToRefresh.addAll(listingsOf(s.id()));
                    a.topics().forEach(t -> touchedTopics.add(topicIds.get(t)));
                }
            }
            if (!inserts.isEmpty()) {
                insertArticles(inserts);
                c.created += inserts.size();
                for (ArticleItem a : inserts) {
                    long id = articleIds.get(a.slug());
                    changedArticles.add(id);
                    a.topics().forEach(t -> touchedTopics.add(topicIds.get(t)));
                    if (!a.revisions().isEmpty()) {
                        newRevisions.put(id, a.revisions());
                    }
                    topicsToReplace.add(id);
                }
            }
            if (!updates.isEmpty()) {
                updateArticles(updates);
            }
            Map<String, ArticleItem> bySlug = new HashMap<>();
            batch.forEach(a -> bySlug.put(a.slug(), a));
            Map<Long, String> slugOf = new HashMap<>();
            batch.forEach(a -> slugOf.put(articleIds.get(a.slug()), a.slug()));
            if (!topicsToReplace.isEmpty()) {
                try (PreparedStatement del = db.prepareStatement("DELETE FROM article_topic WHERE article_id = ?");
                     PreparedStatement ins = db.prepareStatement(
                             "INSERT INTO article_topic (article_id, topic_id) VALUES (?, ?)")) {
                    for (Long id : topicsToReplace) {
                        del.setLong(1, id);
                        del.addBatch();
                        for (String t : bySlug.get(slugOf.get(id)).topics()) {
                            ins.setLong(1, id);
                            ins.setLong(2, topicIds.get(t));
                            ins.addBatch();
                        }
                    }
                    del.executeBatch();
                    ins.executeBatch();
                }
            }
            if (!newRevisions.isEmpty()) {
                try (PreparedStatement ins = db.prepareStatement("""
                        INSERT INTO article_revision (article_id, title, summary, body_markdown, topics, status,
                                                      saved_by, saved_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    for (Map.Entry<Long, List<RevisionItem>> e : newRevisions.entrySet()) {
                        for (RevisionItem r : e.getValue()) {
                            ins.setLong(1, e.getKey());
                            ins.setString(2, r.title());
                            ins.setString(3, r.summary());
                            ins.setString(4, r.markdown());
                            ins.setString(5, r.topics());
                            ins.setString(6, r.status());
                            ins.setString(7, r.savedBy());
                            ins.setObject(8, utc(r.savedAt()));
                            ins.addBatch();
                        }
                    }
                    ins.executeBatch();
                }
            }
        }

        private List<Long> listingsOf(long articleId) throws SQLException {
            List<Long> ids = new ArrayList<>();
            // With the articles of its topics (touchedTopics), every list it can be in: those pinning it.
            try (PreparedStatement s = db.prepareStatement(
                    "SELECT article_id FROM related_override WHERE related_id = ? AND kind = 'PIN'")) {
                s.setLong(1, articleId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
            }
            return ids;
        }

        private void insertArticles(List<ArticleItem> inserts) throws SQLException {
            try (PreparedStatement s = db.prepareStatement("""
                    INSERT INTO article (slug, title, summary, body_markdown, body_html, status, published_at,
                                         created_at, updated_at, version, author_id, trashed_at, status_before_trash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""")) {
                for (ArticleItem a : inserts) {
                    bindArticle(s, a);
                    s.addBatch();
                }
                s.executeBatch();
            }
            List<String> slugs = inserts.stream().map(ArticleItem::slug).toList();
            try (PreparedStatement s = db.prepareStatement(
                    "SELECT id, slug FROM article WHERE slug IN (" + marks(slugs.size()) + ")")) {
                for (int k = 0; k < slugs.size(); k++) {
                    s.setString(k + 1, slugs.get(k));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        articleIds.put(r.getString(2), r.getLong(1));
                    }
                }
            }
        }

        private void updateArticles(List<ArticleItem> updates) throws SQLException {
            try (PreparedStatement s = db.prepareStatement("""
                    UPDATE article SET slug = ?, title = ?, summary = ?, body_markdown = ?, body_html = ?, status = ?,
                           published_at = ?, created_at = ?, updated_at = ?, author_id = ?, trashed_at = ?,
                           status_before_trash = ?, version = version + 1
                    WHERE id = ?""")) {
                for (ArticleItem a : updates) {
                    bindArticle(s, a);
                    s.setLong(13, articleIds.get(a.slug()));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }

        /** Parameters 1-12: the article's columns in the order of the insert. */
        private void bindArticle(PreparedStatement s, ArticleItem a) throws SQLException {
            s.setString(1, a.slug());
            s.setString(2, a.title());
            s.setString(3, a.summary());
            s.setString(4, a.markdown());
            s.setString(5, markdown.toSafeHtml(a.markdown()));
            s.setString(6, a.status());
            s.setObject(7, utc(a.published()), Types.TIMESTAMP_WITH_TIMEZONE);
            s.setObject(8, utc(a.created()));
            s.setObject(9, utc(a.updated()));
            Long author = a.author() == null ? null : userIds.get(a.author());
            if (author == null) {
                s.setNull(10, Types.BIGINT);
            } else {
                s.setLong(10, author);
            }
            s.setObject(11, utc(a.trashed()), Types.TIMESTAMP_WITH_TIMEZONE);
            s.setString(12, a.statusBeforeTrash());
        }

        private long articleId(String slug) throws SQLException {
            Long id = articleIds.get(slug);
            if (id != null) {
                return id;
            }
            try (PreparedStatement s = db.prepareStatement("SELECT id FROM article WHERE slug = ?")) {
                s.setString(1, slug);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalStateException("article " + slug + " disappeared during the import");
                    }
                    articleIds.put(slug, r.getLong(1));
                    return r.getLong(1);
                }
            }
        }

        private void overrides() throws SQLException {
            Counts c = counts.get("related-overrides");
            eachItem(ArchiveFormat.RELATED, "article", i -> {
                OverrideItem o = override(i);
                long article = articleId(o.article());
                long relatedId = articleId(o.related());
                String kind = null;
                long position = 0;
                try (PreparedStatement s = db.prepareStatement(
                        "SELECT kind, position FROM related_override WHERE article_id = ? AND related_id = ?")) {
                    s.setLong(1, article);
                    s.setLong(2, relatedId);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            kind = r.getString(1);
                            position = r.getInt(2);
                        }
                    }
                }
                if (kind == null) {
                    try (PreparedStatement s = db.prepareStatement("""
                            INSERT INTO related_override (article_id, related_id, kind, position, created_at)
                            VALUES (?, ?, ?, ?, ?)""")) {
                        s.setLong(1, article);
                        s.setLong(2, relatedId);
                        s.setString(3, o.kind());
                        s.setInt(4, (int) o.position());
                        s.setObject(5, utc(o.created()));
                        s.executeUpdate();
                    }
                    c.created++;
                } else if (!kind.equals(o.kind()) || position != o.position()) {
                    try (PreparedStatement s = db.prepareStatement("UPDATE related_override SET kind = ?, position = ?"
                            + " WHERE article_id = ? AND related_id = ?")) {
                        s.setString(1, o.kind());
                        s.setInt(2, (int) o.position());
                        s.setLong(3, article);
                        s.setLong(4, relatedId);
                        s.executeUpdate();
                    }
                    c.updated++;
                } else {
                    c.unchanged++;
                    return;
                }
                listsToRefresh.add(article);
            });
        }

        private void redirects(String entry, String table, String column, Map<String, Long> ids) throws SQLException {
            Counts c = counts.get(ArchiveFormat.kind(entry));
            boolean articles = table.equals("slug_redirect");
            eachItem(entry, "oldSlug", i -> {
                RedirectItem r = redirect(i);
                long target = articles ? articleId(r.target()) : ids.get(r.target());
                Long current = null;
                try (PreparedStatement s = db.prepareStatement(
                        "SELECT " + column + " FROM " + table + " WHERE old_slug = ?")) {
                    s.setString(1, r.oldSlug());
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            current = rs.getLong(1);
                        }
                    }
                }
                if (current == null) {
                    try (PreparedStatement s = db.prepareStatement(
                            "INSERT INTO " + table + " (old_slug, " + column + ", created_at) VALUES (?, ?, ?)")) {
                        s.setString(1, r.oldSlug());
                        s.setLong(2, target);
                        s.setObject(3, utc(r.created()));
                        s.executeUpdate();
                    }
                    c.created++;
                } else if (current != target) {
                    try (PreparedStatement s = db.prepareStatement(
                            "UPDATE " + table + " SET " + column + " = ? WHERE old_slug = ?")) {
                        s.setLong(1, target);
                        s.setString(2, r.oldSlug());
                        s.executeUpdate();
                    }
                    c.updated++;
                } else {
                    c.unchanged++;
                }
            });
        }

        private void media() throws SQLException {
            Counts c = counts.get("media");
            eachItem(ArchiveFormat.MEDIA, "path", i -> {
                MediaItem m = SiteImporter.media(i);
                boolean recorded;
                try (PreparedStatement s = db.prepareStatement("SELECT 1 FROM media WHERE path = ?")) {
                    s.setString(1, m.path());
                    try (ResultSet r = s.executeQuery()) {
                        recorded = r.next();
                    }
                }
                Path file = mediaFiles.resolve(m.path()).orElseThrow();
                boolean fileMissing = !Files.exists(file);
                if (fileMissing && !dryRun) {
                    Files.createDirectories(file.getParent());
                    try (InputStream in = archive.open(ArchiveFormat.MEDIA_FILES + m.path())) {
                        copied.add(file);
                        Files.copy(in, file);
                    }
                }
                if (!recorded) {
                    try (PreparedStatement s = db.prepareStatement("""
                            INSERT INTO media (path, original_name, content_type, size_bytes, width, height,
                                               uploaded_by, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                        s.setString(1, m.path());
                        s.setString(2, m.originalName());
                        s.setString(3, m.contentType());
                        s.setLong(4, m.sizeBytes());
                        s.setInt(5, (int) m.width());
                        s.setInt(6, (int) m.height());
                        s.setString(7, m.uploadedBy());
                        s.setObject(8, utc(m.created()));
                        s.executeUpdate();
                    }
                    c.created++;
                } else if (fileMissing) {
                    c.updated++;
                } else {
                    c.unchanged++;
                }
                interruption.check();
            });
        }

        /**
         * Puts in the backlog, once each, the lists of every article a change can reach: changed
         * articles, the articles sharing a topic with them (before or after), those pinning them,
         * and those whose pins changed. They are recomputed after the content commits.
         */
        private long queueRelatedLists() {
            Set<Long> affected = new TreeSet<>(changedArticles);
            affected.addAll(listsToRefresh);
            touchedTopics.remove(null);
            List<Long> topics = new ArrayList<>(touchedTopics);
            try {
                for (int from = 0; from < topics.size(); from += BATCH) {
                    List<Long> part = topics.subList(from, Math.min(topics.size(), from + BATCH));
                    try (PreparedStatement s = db.prepareStatement("SELECT DISTINCT article_id FROM article_topic"
                            + " WHERE topic_id IN (" + marks(part.size()) + ")")) {
                        bind(s, part);
                        try (ResultSet r = s.executeQuery()) {
                            while (r.next()) {
                                affected.add(r.getLong(1));
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the related articles: " + e.getMessage(), e);
            }
            related.add(affected);
            return affected.size();
        }
    }

    @FunctionalInterface
    private interface ItemAction {
        void accept(ArchiveItem item) throws SQLException, IOException;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static void bind(PreparedStatement s, Collection<Long> ids) throws SQLException {
        int k = 1;
        for (Long id : ids) {
            s.setLong(k++, id);
        }
    }

    private static long generatedId(PreparedStatement s) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
