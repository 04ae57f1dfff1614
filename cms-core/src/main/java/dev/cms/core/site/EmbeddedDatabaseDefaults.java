package dev.cms.core.site;

import dev.cms.db.DatabaseSettings;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.sql.SQLException;

/**
 * Fills in the embedded H2 default when no database URL is configured, with exactly the settings
 * the migration command line uses (DatabaseSettings), so both open the same file as the same user;
 * and gives that file back the space the last run's appended commits left in it.
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
        if (settings.url().startsWith("jdbc:h2:file:")) {
            createDataDirectory();
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

    private void createDataDirectory() {
        try {
            Files.createDirectories(site.dataPath());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the data directory " + site.dataPath() + ": " + e.getMessage(), e);
        }
    }
}
