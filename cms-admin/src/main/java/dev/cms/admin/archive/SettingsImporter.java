package dev.cms.admin.archive;

import dev.cms.admin.archive.ImportItems.SettingsItem;
import dev.cms.core.profile.InvalidSiteProfileException;
import dev.cms.core.profile.SiteProfileService;

/**
 * Writes {@code settings.jsonl}, after the media its images name: the archive's settings replace
 * the site's, as a topic's name does; equal ones are left alone.
 */
final class SettingsImporter {

    private final ImportRun run;
    private final SiteProfileService profiles;

    SettingsImporter(ImportRun run, SiteProfileService profiles) {
        this.run = run;
        this.profiles = profiles;
    }

    void write() {
        SiteImporter.Counts c = run.counts(ArchiveFormat.SETTINGS);
        run.eachItem(ArchiveFormat.SETTINGS, "siteName", i -> {
            SettingsItem s = ImportItems.settings(i);
            try {
                if (profiles.importProfile(s.edit(), s.updatedBy() == null ? SiteImporter.ACTOR : s.updatedBy(),
                        s.updated())) {
                    c.updated++;
                } else {
                    c.unchanged++;
                }
            } catch (InvalidSiteProfileException e) {
                throw new SiteImporter.InvalidArchiveException(ArchiveFormat.SETTINGS + ": " + e.getMessage());
            }
        });
    }
}
