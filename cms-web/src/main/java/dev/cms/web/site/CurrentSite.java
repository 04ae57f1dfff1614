package dev.cms.web.site;

import dev.cms.core.profile.SiteProfile;
import dev.cms.core.profile.SiteProfileService;
import dev.cms.core.site.DatabaseUnavailable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The site settings for the request being answered: read once per request (the layout, the
 * feeds and the JSON-LD all ask) and kept on it. While the database cannot be read, the
 * operator's defaults, so an outage's error page still renders.
 */
@Singleton
public class CurrentSite {

    private static final String ATTRIBUTE = CurrentSite.class.getName();

    private final SiteProfileService profiles;

    public CurrentSite(SiteProfileService profiles) {
        this.profiles = profiles;
    }

    public SiteProfile profile() {
        Optional<HttpRequest<Object>> request = ServerRequestContext.currentRequest();
        if (request.isPresent()) {
            Optional<SiteProfile> known = request.get().getAttribute(ATTRIBUTE, SiteProfile.class);
            if (known.isPresent()) {
                return known.get();
            }
        }
        SiteProfile profile;
        try {
            profile = profiles.current();
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            return profiles.defaults();
        }
        request.ifPresent(r -> r.setAttribute(ATTRIBUTE, profile));
        return profile;
    }
}
