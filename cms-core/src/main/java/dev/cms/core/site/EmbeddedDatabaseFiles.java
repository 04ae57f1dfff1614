package dev.cms.core.site;

import dev.cms.db.DataDirectory;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * Makes the files H2 has just created owner-only once the pool has opened the database: a new
 * {@code cms.mv.db}, and {@code cms.lock.db} (made at every open, with the address and key of the
 * local server port), which H2 creates with the process's umask. The data directory around them is
 * already owner-only ({@link EmbeddedDatabaseDefaults}); this keeps the files so should it be loosened.
 */
@Singleton
public class EmbeddedDatabaseFiles implements BeanCreatedEventListener<DataSource> {

    private final SiteSettings site;

    public EmbeddedDatabaseFiles(SiteSettings site) {
        this.site = site;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataDirectory.secure(site.dataPath());
        return event.getBean();
    }

    /**
     * Once more when the node has started: a lock file H2 made again during startup (after the
     * pool's first connection, as a CI run once caught: {@code cms.lock.db} left 0644) is tightened
     * before the node serves anyone.
     */
    @EventListener
    void onStartup(StartupEvent event) {
        DataDirectory.secure(site.dataPath());
    }
}
