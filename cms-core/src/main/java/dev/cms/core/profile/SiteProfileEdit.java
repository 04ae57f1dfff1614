package dev.cms.core.profile;

import io.micronaut.core.annotation.Nullable;

/**
 * What an admin typed on the settings page; a blank field means "the default". {@code navigation}
 * is one link a line, {@code label | target}, where the target is a topic's name, a site path
 * ({@code /archive/2024/05}) or an http(s) URL. Images are uploads, by their URL ({@code /media/...}).
 */
public record SiteProfileEdit(@Nullable String siteName,
                              @Nullable String description,
                              @Nullable String footerText,
                              @Nullable String navigation,
                              @Nullable String logoUrl,
                              @Nullable String faviconUrl,
                              @Nullable String shareImageUrl) {

    public static SiteProfileEdit empty() {
        return new SiteProfileEdit(null, null, null, null, null, null, null);
    }
}
