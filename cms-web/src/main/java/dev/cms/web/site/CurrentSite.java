package dev.cms.web.site;

import dev.cms.core.profile.SiteProfile;
import dev.cms.core.profile.SiteProfileService;
import dev.cms.core.site.DatabaseAvailability;
import dev.cms.core.site.DatabaseUnavailable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The site settings for the request being answered: read once per request (the layout, the
 * feeds and the JSON-LD all ask) and kept on it. Pages that answer an outage (the 503 page, the
 * editor's form kept as typed) must not wait for the database a second time: they, and every
 * request while this node knows its database unreachable, get the settings last read here (the
 * operator's defaults before any was read).
 */
@Singleton
public class CurrentSite {

    private static final String ATTRIBUTE = CurrentSite.class.getName();
    private static final String UNAVAILABLE = CurrentSite.class.getName() + ".unavailable";

    private final SiteProfileService profiles;
    private final DatabaseAvailability availability;
    private volatile SiteProfile lastRead;

    public CurrentSite(SiteProfileService profiles, DatabaseAvailability availability) {
        this.profiles = profiles;
        this.availability = availability;
    }

    /** This request already found the database unavailable: its page is rendered without asking it again. */
    public static void databaseUnavailable(HttpRequest<?> request) {
        request.setAttribute(UNAVAILABLE, Boolean.TRUE);
    }

    public SiteProfile profile() {
        Optional<HttpRequest<Object>> request = ServerRequestContext.currentRequest();
        if (request.isPresent()) {
            Optional<SiteProfile> known = request.get().getAttribute(ATTRIBUTE, SiteProfile.class);
            if (known.isPresent()) {
                return known.get();
            }
            if (request.get().getAttribute(UNAVAILABLE, Boolean.class).orElse(false)) {
                return lastRead();
            }
        }
        if (availability.knownUnreachable()) {
            return lastRead();
        }
        SiteProfile profile;
        try {
            profile = profiles.current();
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            request.ifPresent(CurrentSite::databaseUnavailable);
            return lastRead();
        }
        lastRead = profile;
        request.ifPresent(r -> r.setAttribute(ATTRIBUTE, profile));
        return profile;
    }

    private SiteProfile lastRead() {
        SiteProfile known = lastRead;
        return known != null ? known : profiles.defaults();
    }
}
