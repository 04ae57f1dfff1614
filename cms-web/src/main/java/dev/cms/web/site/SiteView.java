package dev.cms.web.site;

import dev.cms.core.profile.NavigationLink;
import dev.cms.core.profile.SiteProfile;
import dev.cms.core.site.SiteSettings;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The site as every template sees it ({@code site}): the admin's settings over the operator's
 * defaults, and the base URL for absolute links.
 */
public record SiteView(String siteName,
                       String baseUrl,
                       @Nullable String description,
                       @Nullable String footerText,
                       List<NavigationLink> navigation,
                       @Nullable String logoUrl,
                       int logoWidth,
                       int logoHeight,
                       @Nullable String faviconUrl,
                       @Nullable String shareImageUrl) {

    static SiteView of(SiteSettings settings, SiteProfile profile) {
        return new SiteView(profile.siteName(), settings.baseUrlNoSlash(), profile.description(), profile.footerText(),
                profile.navigation(), profile.logoUrl(), profile.logoWidth(), profile.logoHeight(),
                profile.faviconUrl(), profile.shareImageUrl());
    }

    /** The base URL without a trailing slash, for building absolute links. */
    public String baseUrlNoSlash() {
        return baseUrl;
    }

    /** The logo drawn 40 px high in the header, its width in proportion. */
    public int logoShownWidth() {
        return logoHeight <= 0 ? 0 : Math.max(1, Math.round(40f * logoWidth / logoHeight));
    }
}
