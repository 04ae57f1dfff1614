package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.SettingsItem;
import dev.cms.core.profile.SiteProfileService;

import java.sql.SQLException;

/**
 * Checks {@code settings.jsonl}: one item at most, valid by the rules the admin's settings form
 * applies, its images among the archive's media or the site's.
 */
final class SettingsValidator {

    private final SiteProfileService profiles;
    private final MediaValidator archiveMedia;
    private final MediaImportRepository siteMedia;
    private int items;

    SettingsValidator(SiteProfileService profiles, MediaValidator archiveMedia, MediaImportRepository siteMedia) {
        this.profiles = profiles;
        this.archiveMedia = archiveMedia;
        this.siteMedia = siteMedia;
    }

    void check(ArchiveItem i) {
        if (++items > 1) {
            i.error("a second settings item: a site has one");
            return;
        }
        SettingsItem settings = ImportItems.settings(i);
        profiles.problems(settings.edit(), this::isImage).forEach((field, problem) -> i.error(field + ": " + problem));
    }

    private boolean isImage(String path) {
        try {
            return archiveMedia.brings(path) || siteMedia.exists(path);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the site's media: " + e.getMessage(), e);
        }
    }
}
