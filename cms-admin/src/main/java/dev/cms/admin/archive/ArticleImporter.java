package dev.cms.admin.archive;

import dev.cms.admin.archive.ArticleImportRepository.ArticleColumns;
import dev.cms.admin.archive.ArticleImportRepository.ImageSize;
import dev.cms.admin.archive.ArticleImportRepository.StoredArticle;
import dev.cms.admin.archive.ImportItems.ArticleItem;
import dev.cms.admin.archive.ImportItems.MediaItem;
import dev.cms.admin.archive.ImportItems.PendingItem;
import dev.cms.admin.archive.ImportItems.RevisionItem;
import dev.cms.admin.batch.Progress;
import dev.cms.core.markdown.LocalImages;
import dev.cms.core.markdown.MarkdownRenderer;
import dev.cms.core.media.Media;
import dev.cms.core.media.MediaLocalImages;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes {@code articles.jsonl} in batches of {@link ImportRun#BATCH}: an article is matched by
 * its slug; its fields and topics are replaced when they differ, revisions the site lacks are added.
 * It records in the run which articles changed and which topics they entered or left, from which
 * {@link #affectedLists} finds every related list to recompute.
 */
final class ArticleImporter {

    private final ImportRun run;
    private final ArticleImportRepository articles;
    private final RelatedOverrideImportRepository overrides;
    private final MarkdownRenderer markdown;
    /** The archive's images, which the site's own lookup cannot see before the import commits. */
    private final Map<String, LocalImages.LocalImage> archiveImages = new HashMap<>();
    /** Featured images by media path: the archive's, and the site's as they are asked for. */
    private final Map<String, ImageSize> featuredImages = new HashMap<>();

    ArticleImporter(ImportRun run, ArticleImportRepository articles, RelatedOverrideImportRepository overrides,
                    MarkdownRenderer markdown) {
        this.run = run;
        this.articles = articles;
        this.overrides = overrides;
        this.markdown = markdown;
        run.eachItem(ArchiveFormat.MEDIA, "path", i -> {
            MediaItem m = ImportItems.media(i);
            archiveImages.put(Media.URL_PREFIX + m.path(),
                    MediaLocalImages.describe(m.path(), m.contentType(), (int) m.width(), (int) m.height()));
            featuredImages.put(m.path(), new ImageSize(m.path(), (int) m.width(), (int) m.height()));
        });
    }

    void write() throws SQLException {
        Progress progress = new Progress(run.progressOut, run.dryRun ? "compared" : "imported", "articles",
                run.archive.count(ArchiveFormat.ARTICLES));
        List<ArticleItem> batch = new ArrayList<>(ImportRun.BATCH);
        run.eachItem(ArchiveFormat.ARTICLES, "slug", i -> {
            batch.add(ImportItems.article(i));
            if (batch.size() == ImportRun.BATCH) {
                writeBatch(batch);
                progress.advance(batch.size());
                batch.clear();
                run.interruption.check();
            }
        });
        if (!batch.isEmpty()) {
            writeBatch(batch);
            progress.advance(batch.size());
        }
        run.interruption.check();
    }

    /** The id of an article of the archive or the site (checked to exist before the writes). */
    long idOf(String slug) throws SQLException {
        Long id = run.articleIds.get(slug);
        if (id == null) {
            id = articles.findId(slug);
            if (id == null) {
                throw new IllegalStateException("article " + slug + " disappeared during the import");
            }
            run.articleIds.put(slug, id);
        }
        return id;
    }

    private void writeBatch(List<ArticleItem> batch) throws SQLException {
        Map<String, StoredArticle> stored = articles.findBySlugs(batch.stream().map(ArticleItem::slug).toList());
        Map<Long, Set<String>> storedTopics = new HashMap<>();
        Set<String> storedRevisions = new HashSet<>();
        Map<Long, PendingItem> storedPending = new HashMap<>();
        if (!stored.isEmpty()) {
            List<Long> ids = stored.values().stream().map(StoredArticle::id).toList();
            articles.findTopicIds(ids).forEach((article, topics) -> {
                Set<String> slugs = new HashSet<>();
                topics.forEach(t -> slugs.add(run.topicSlugs.get(t)));
                storedTopics.put(article, slugs);
            });
            storedRevisions.addAll(articles.findRevisionKeys(ids));
            storedPending.putAll(articles.findPending(ids));
        }
        // An archive's pending change replaces the site's; an item without one leaves the site's alone.
        Map<Long, PendingItem> pendingWrites = new LinkedHashMap<>();
        SiteImporter.Counts c = run.counts(ArchiveFormat.ARTICLES);
        List<ArticleItem> inserts = new ArrayList<>();
        Map<Long, ArticleColumns> updates = new LinkedHashMap<>();
        List<Long> topicsToReplace = new ArrayList<>();
        Map<Long, List<RevisionItem>> newRevisions = new LinkedHashMap<>();
        for (ArticleItem a : batch) {
            StoredArticle s = stored.get(a.slug());
            if (s == null) {
                inserts.add(a);
                continue;
            }
            run.articleIds.put(a.slug(), s.id());
            boolean same = same(s, a);
            boolean sameTopics = storedTopics.getOrDefault(s.id(), Set.of()).equals(new HashSet<>(a.topics()));
            List<RevisionItem> missing = a.revisions().stream()
                    .filter(r -> !storedRevisions.contains(s.id() + "|" + r.key())).toList();
            if (!missing.isEmpty()) {
                newRevisions.put(s.id(), missing);
            }
            if (a.pending() != null && !a.pending().equals(storedPending.get(s.id()))) {
                pendingWrites.put(s.id(), a.pending());
            }
            if (same && sameTopics && missing.isEmpty() && !pendingWrites.containsKey(s.id())) {
                c.unchanged++;
                continue;
            }
            c.updated++;
            if (!same) {
                updates.put(s.id(), columns(a));
            }
            if (!sameTopics) {
                topicsToReplace.add(s.id());
                storedTopics.getOrDefault(s.id(), Set.of()).forEach(t -> run.touchedTopics.add(run.topicIds.get(t)));
            }
            if (!same || !sameTopics) {
                run.changedArticles.add(s.id());
                // With the articles of its topics (touchedTopics), every list it can be in: those pinning it.
                run.listsToRefresh.addAll(overrides.findPinning(s.id()));
                a.topics().forEach(t -> run.touchedTopics.add(run.topicIds.get(t)));
            }
        }
        if (!inserts.isEmpty()) {
            List<ArticleColumns> rows = new ArrayList<>(inserts.size());
            for (ArticleItem a : inserts) {
                rows.add(columns(a));
            }
            run.articleIds.putAll(articles.insert(rows));
            c.created += inserts.size();
            for (ArticleItem a : inserts) {
                long id = run.articleIds.get(a.slug());
                run.changedArticles.add(id);
                a.topics().forEach(t -> run.touchedTopics.add(run.topicIds.get(t)));
                if (!a.revisions().isEmpty()) {
                    newRevisions.put(id, a.revisions());
                }
                if (a.pending() != null) {
                    pendingWrites.put(id, a.pending());
                }
                topicsToReplace.add(id);
            }
        }
        if (!updates.isEmpty()) {
            articles.update(updates);
        }
        if (!topicsToReplace.isEmpty()) {
            Map<Long, ArticleItem> byId = new HashMap<>();
            batch.forEach(a -> byId.put(run.articleIds.get(a.slug()), a));
            Map<Long, List<Long>> topics = new LinkedHashMap<>();
            for (Long id : topicsToReplace) {
                topics.put(id, byId.get(id).topics().stream().map(run.topicIds::get).toList());
            }
            articles.replaceTopics(topics);
        }
        if (!newRevisions.isEmpty()) {
            articles.insertRevisions(newRevisions);
        }
        if (!pendingWrites.isEmpty()) {
            articles.replacePending(pendingWrites);
        }
    }

    private boolean same(StoredArticle s, ArticleItem a) {
        return s.title().equals(a.title()) && s.summary().equals(a.summary())
                && s.markdown().equals(a.markdown()) && s.status().equals(a.status())
                && Objects.equals(s.published(), a.published()) && s.created().equals(a.created())
                && s.updated().equals(a.updated()) && Objects.equals(s.authorId(), authorId(a))
                && Objects.equals(s.trashed(), a.trashed())
                && Objects.equals(s.statusBeforeTrash(), a.statusBeforeTrash())
                && Objects.equals(s.featuredImage(), a.featuredImage());
    }

    private Long authorId(ArticleItem a) {
        return a.author() == null ? null : run.userIds.get(a.author());
    }

    private ArticleColumns columns(ArticleItem a) throws SQLException {
        return new ArticleColumns(a.slug(), a.title(), a.summary(), a.markdown(), markdown.toSafeHtml(a.markdown(), src -> Optional.ofNullable(archiveImages.get(src))),
                a.status(), a.published(), a.created(), a.updated(), authorId(a), a.trashed(), a.statusBeforeTrash(),
                featuredImage(a.featuredImage()));
    }

    /** The featured image by its path, with its size from the archive's media or the site's (checked to be in one). */
    private ImageSize featuredImage(String path) throws SQLException {
        if (path == null) {
            return null;
        }
        ImageSize image = featuredImages.get(path);
        if (image == null) {
            image = articles.findImageSize(path);
            if (image == null) {
                throw new IllegalStateException("media " + path + " disappeared during the import");
            }
            featuredImages.put(path, image);
        }
        return image;
    }

    /**
     * Every article whose related list the run's changes can reach, once each: changed articles,
     * the articles sharing a topic with them (before or after), those pinning them, and those whose
     * pins changed.
     */
    Set<Long> affectedLists() throws SQLException {
        Set<Long> affected = new TreeSet<>(run.changedArticles);
        affected.addAll(run.listsToRefresh);
        run.touchedTopics.remove(null);
        List<Long> topics = new ArrayList<>(run.touchedTopics);
        for (int from = 0; from < topics.size(); from += ImportRun.BATCH) {
            affected.addAll(articles.findInTopics(topics.subList(from, Math.min(topics.size(), from + ImportRun.BATCH))));
        }
        return affected;
    }
}
