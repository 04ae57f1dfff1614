package dev.cms.core.profile;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/** The one row of site settings, made by its migration and only ever updated. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SiteProfileRepository extends GenericRepository<SiteProfileRow, Integer> {

    @Query("SELECT * FROM site_profile WHERE id = 1")
    Optional<SiteProfileRow> find();

    @Query("""
            UPDATE site_profile SET site_name = :siteName, description = :description, footer_text = :footerText,
              navigation = :navigation, logo_path = :logoPath, logo_width = :logoWidth,
              logo_height = :logoHeight, favicon_path = :faviconPath,
              share_image_path = :shareImagePath, updated_at = :updatedAt, updated_by = :updatedBy
            WHERE id = 1""")
    int update(@Nullable String siteName, @Nullable String description, @Nullable String footerText,
               @Nullable String navigation, @Nullable String logoPath, @Nullable Integer logoWidth,
               @Nullable Integer logoHeight, @Nullable String faviconPath,
               @Nullable String shareImagePath, Instant updatedAt, String updatedBy);
}
