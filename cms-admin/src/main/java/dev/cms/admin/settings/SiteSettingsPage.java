package dev.cms.admin.settings;

import dev.cms.core.media.Media;
import dev.cms.core.profile.SiteProfileEdit;

import java.util.List;
import java.util.Map;

/**
 * The settings page: the form's values (as stored, or as typed when refused), the message for
 * each field that cannot be saved, whether the last save succeeded, the operator's site name (what
 * a blank name means) and the newest uploads to pick images from.
 */
public record SiteSettingsPage(SiteProfileEdit form, Map<String, String> errors, boolean saved,
                               String defaultSiteName, List<Media> images) {
}
