package dev.cms.admin.archive;

import dev.cms.admin.batch.Progress;
import dev.cms.core.profile.SiteProfileService;
import dev.cms.core.user.UserService;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The check before anything is written: every entry read once by its kind's validator, in the
 * order of the format, each later kind resolving its references against the earlier ones and the
 * site. Runs in a read-only transaction on {@code db}.
 */
final class ArchiveValidation {

    /** Errors listed before the rest are only counted. */
    static final int MAX_ERRORS_SHOWN = 100;

    private ArchiveValidation() {
    }

    /** Every problem in the archive, item by item; throws {@link SiteImporter.InvalidArchiveException} if there is one. */
    static void check(ImportRun run, Connection db, UserService userService, SiteProfileService profiles) {
        ErrorList errors = new ErrorList();
        try {
            TopicValidator topics = new TopicValidator(new TopicImportRepository(db).findAll());
            run.forEachItem(ArchiveFormat.TOPICS, errors, "slug", topics::check);
            UserValidator users = new UserValidator(userService.list());
            run.forEachItem(ArchiveFormat.USERS, errors, "username", users::check);
            // Articles name their featured images by media path, and media.jsonl comes after them:
            // its paths are read first (its items are checked below, in their turn).
            Set<String> mediaPaths = new HashSet<>();
            run.forEachItem(ArchiveFormat.MEDIA, new ArrayList<>(), "path", i -> mediaPaths.add(ImportItems.media(i).path()));
            ArticleValidator articles = new ArticleValidator(topics, users, new ArticleImportRepository(db), mediaPaths,
                    new Progress(run.progressOut, "checked", "articles", run.archive.count(ArchiveFormat.ARTICLES)));
            run.forEachItem(ArchiveFormat.ARTICLES, errors, "slug", articles::check);
            run.forEachItem(ArchiveFormat.RELATED, errors, "article", new RelatedOverrideValidator(articles)::check);
            run.forEachItem(ArchiveFormat.SLUG_REDIRECTS, errors, "oldSlug", RedirectValidator.ofArticles(articles)::check);
            run.forEachItem(ArchiveFormat.TOPIC_REDIRECTS, errors, "oldSlug", RedirectValidator.ofTopics(topics)::check);
            MediaValidator media = new MediaValidator(run.archive);
            run.forEachItem(ArchiveFormat.MEDIA, errors, "path", media::check);
            run.forEachItem(ArchiveFormat.SETTINGS, errors, "siteName",
                    new SettingsValidator(profiles, media, new MediaImportRepository(db))::check);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the site: " + e.getMessage(), e);
        }
        if (errors.total > 0) {
            throw new SiteImporter.InvalidArchiveException(errors.shown, errors.total);
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
}
