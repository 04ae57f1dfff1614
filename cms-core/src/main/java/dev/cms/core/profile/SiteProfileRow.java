package dev.cms.core.profile;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** The stored row of {@code site_profile}: null columns are "the default". */
@MappedEntity("site_profile")
public record SiteProfileRow(@Id int id,
                             @Nullable String siteName,
                             @Nullable String description,
                             @Nullable String footerText,
                             @Nullable String navigation,
                             @Nullable String logoPath,
                             @Nullable Integer logoWidth,
                             @Nullable Integer logoHeight,
                             @Nullable String faviconPath,
                             @Nullable String shareImagePath,
                             @Nullable Instant updatedAt,
                             @Nullable String updatedBy) {
}
