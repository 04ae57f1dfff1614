package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.ArticleItem;
import dev.cms.admin.batch.Progress;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks {@code articles.jsonl}: slugs unique in the archive, every topic, author and featured image
 * in the archive or the site; and answers the later entries whether a slug they name is an article.
 */
final class ArticleValidator {

    private final TopicValidator topics;
    private final UserValidator users;
    private final ArticleImportRepository site;
    private final Set<String> archiveMedia;
    private final Progress progress;
    private final Set<String> archiveSlugs = new HashSet<>();

    ArticleValidator(TopicValidator topics, UserValidator users, ArticleImportRepository site, Set<String> archiveMedia,
                     Progress progress) {
        this.topics = topics;
        this.users = users;
        this.site = site;
        this.archiveMedia = archiveMedia;
        this.progress = progress;
    }

    void check(ArchiveItem i) {
        ArticleItem a = ImportItems.article(i);
        if (a.slug() != null && !archiveSlugs.add(a.slug())) {
            i.error("a second article with this slug");
        }
        for (String topic : a.topics()) {
            if (!topics.isKnown(topic)) {
                i.error("topic \"" + topic + "\" is neither in the archive nor in the site");
            }
        }
        if (a.author() != null && !users.isKnown(a.author())) {
            i.error("author \"" + a.author() + "\" is neither in the archive's users nor in the site");
        }
        checkImage(a.featuredImage(), "featuredImage", i);
        a.revisions().forEach(r -> checkImage(r.featuredImage(), "a revision's featuredImage", i));
        if (a.pending() != null) {
            checkImage(a.pending().featuredImage(), "pending featuredImage", i);
        }
        progress.advance(1);
    }

    private void checkImage(String path, String field, ArchiveItem item) {
        if (path == null || archiveMedia.contains(path)) {
            return;
        }
        try {
            if (site.findImageSize(path) == null) {
                item.error(field + " \"" + path + "\" is neither in the archive's media nor in the site");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the site: " + e.getMessage(), e);
        }
    }

    /** Refuses the item when {@code slug}, named in its {@code field}, is an article of neither the archive nor the site. */
    void checkReference(String slug, String field, ArchiveItem item) {
        if (slug == null || archiveSlugs.contains(slug)) {
            return;
        }
        try {
            if (!site.exists(slug)) {
                item.error(field + " article \"" + slug + "\" is neither in the archive nor in the site");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the site: " + e.getMessage(), e);
        }
    }
}
