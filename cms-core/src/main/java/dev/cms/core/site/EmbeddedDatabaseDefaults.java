package dev.cms.core.site;

import dev.cms.db.DataDirectory;
import dev.cms.db.DatabaseSettings;
import dev.cms.db.EmbeddedDatabasePassword;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * Fills in the embedded H2 default when no database URL is configured, with exactly the settings
 * the migration command line uses (DatabaseSettings), so both open the same file as the same user
 * with the same password (generated and kept in the data directory, see EmbeddedDatabasePassword,
 * unless CMS_DB_PASSWORD is given); and gives that file back the space the last run's appended
 * commits left in it. Whatever the database, the data directory is made private to the site's user
 * here, before anything is written into it.
 */
@Singleton
public class EmbeddedDatabaseDefaults implements BeanCreatedEventListener<DatasourceConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseDefaults.class);

    private final SiteSettings site;

    public EmbeddedDatabaseDefaults(SiteSettings site) {
        this.site = site;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        // The configured values, not getUrl(): that already holds micronaut-jdbc's own fallback
        // (an in-memory H2 database that would lose everything at shutdown).
        DatabaseSettings settings = DatabaseSettings.resolve(config.getConfiguredUrl(), config.getConfiguredUsername(),
                config.getConfiguredPassword(), site.dataDir());
        DataDirectory.secure(site.dataPath());
        if (isBlank(config.getConfiguredUrl()) && isBlank(config.getConfiguredPassword())) {
            settings = settings.with(null, null, EmbeddedDatabasePassword.prepare(site.dataPath(), settings.user()));
        }
        if (settings.url().startsWith("jdbc:h2:file:")) {
            // With the password: an upgraded database no longer opens without it.
            compact(settings);
        }
        config.setUrl(settings.url());
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        return config;
    }

    private static void compact(DatabaseSettings settings) {
        long start = System.nanoTime();
        try {
            settings.compactEmbedded();
            LOG.debug("Compacted {} in {} ms", settings.displayUrl(), (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            // Only space is at stake; the pool opening the same file reports what is really wrong.
            LOG.warn("Could not compact {}: {}", settings.displayUrl(), e.getMessage());
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
