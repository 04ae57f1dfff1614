package dev.cms.web.site;

import dev.cms.core.site.SiteSettings;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says where the site is once the server listens, so the operator knows what to open, and which
 * address its absolute links use when no base URL was configured.
 */
@Singleton
public class StartupBanner {

    private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

    private final SiteSettings site;

    public StartupBanner(SiteSettings site) {
        this.site = site;
    }

    @EventListener
    public void onStartup(ServerStartupEvent event) {
        String url = event.getSource().getURL().toString();
        LOG.info("Public site: {}/", url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (site.baseUrl().equals(site.localBaseUrl())) {
            LOG.info("Canonical, feed and sitemap links use {}/ (CMS_BASE_URL not set; set it to the address readers use)",
                    site.baseUrlNoSlash());
        }
    }
}
