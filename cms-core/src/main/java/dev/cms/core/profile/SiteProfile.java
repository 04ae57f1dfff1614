package dev.cms.core.profile;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The public site as its admin set it up, defaults filled in: name, description (the home page's
 * meta description and the feeds'), footer text, navigation menu, and images by URL (logo,
 * favicon, the share image pages without one of their own use). {@code description} and the image
 * URLs may be null (not set); the logo's size is in pixels (0 without a logo).
 */
public record SiteProfile(String siteName,
                          @Nullable String description,
                          @Nullable String footerText,
                          List<NavigationLink> navigation,
                          @Nullable String logoUrl,
                          int logoWidth,
                          int logoHeight,
                          @Nullable String faviconUrl,
                          @Nullable String shareImageUrl) {
}
