package dev.cms.admin.site;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says where the admin is once the server listens. */
@Singleton
public class AdminStartupBanner {

    private static final Logger LOG = LoggerFactory.getLogger(AdminStartupBanner.class);

    @EventListener
    public void onStartup(ServerStartupEvent event) {
        String url = event.getSource().getURL().toString();
        LOG.info("Admin: {}/admin", url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }
}
